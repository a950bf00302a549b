"""Shapes of the policy pages' inputs: conditions, targets typed as durations, pause statuses,
and the due-time preview through the policies."""

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from latitude.catalog.models import Service
from latitude.core.errors import InvalidInput
from latitude.people.models import OrgUnit, Team
from latitude.sla.choices import ReopenRule
from latitude.sla.clocks.timeline import format_minutes
from latitude.sla.models import BusinessCalendar, SlaPolicy
from latitude.sla.models.policies import PAUSABLE_STATUSES, TARGET_FIELDS
from latitude.sla.pages.durations import parse_duration
from latitude.tickets.choices import Kind, Priority, Status

TARGETS = [(kind.value, field) for kind, field in TARGET_FIELDS.items()]


class PolicyForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    position = forms.IntegerField(label=gettext_lazy("Position"), min_value=1)
    is_active = forms.BooleanField(label=gettext_lazy("Active"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("any")), *Kind.choices],
    )
    priorities = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Priorities"),
        required=False,
        coerce=int,
        choices=Priority.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    service = forms.ModelChoiceField(
        label=gettext_lazy("Service"), required=False, queryset=Service.objects.order_by("name")
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Requester unit"),
        required=False,
        queryset=OrgUnit.objects.order_by("name"),
    )
    response_minutes = forms.CharField(label=gettext_lazy("First response"), required=False)
    resolution_minutes = forms.CharField(label=gettext_lazy("Resolution"), required=False)
    ola_minutes = forms.CharField(
        label=gettext_lazy("Team takes ownership after a hand-off"), required=False
    )
    warn_percent = forms.IntegerField(label=gettext_lazy("Warn at (% of the target)"))
    pause_statuses = forms.MultipleChoiceField(
        label=gettext_lazy("Pause while"),
        required=False,
        choices=[(str(s), Status(s).label) for s in PAUSABLE_STATUSES],
        widget=forms.CheckboxSelectMultiple,
    )
    on_reopen = forms.ChoiceField(label=gettext_lazy("On reopening"), choices=ReopenRule.choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for _kind, name in TARGETS:
            text = (data.get(name) or "").strip()
            if not text:
                data[name] = None
                continue
            try:
                data[name] = parse_duration(text, field=name)
            except InvalidInput as error:
                self.add_error(name, error.message)
        return data

    def fields_for_action(self) -> dict[str, Any]:
        data = self.cleaned_data
        plain = ("name", "position", "is_active", "kind", "warn_percent", "on_reopen")
        values = {name: data[name] for name in plain}
        values.update({name: data[name] for _kind, name in TARGETS})
        values["priorities"] = sorted(data["priorities"])
        values["pause_statuses"] = list(data["pause_statuses"])
        values["service_id"] = data["service"].pk if data["service"] else None
        values["unit_id"] = data["unit"].pk if data["unit"] else None
        return values

    def refuse(self, field: str | None, message: str) -> None:
        name = {"service_id": "service", "unit_id": "unit"}.get(field or "", field)
        self.add_error(name if name in self.fields else None, message)

    @staticmethod
    def initial_of(policy: SlaPolicy) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(policy, name)
            for name in ("name", "position", "is_active", "kind", "warn_percent", "on_reopen")
        }
        initial.update(
            priorities=policy.priorities,
            pause_statuses=policy.pause_statuses,
            service=policy.service_id,
            unit=policy.unit_id,
        )
        for _kind, name in TARGETS:
            minutes = getattr(policy, name)
            initial[name] = format_minutes(minutes) if minutes else ""
        return initial


class DuePreviewForm(forms.Form):
    """ "A P2 incident opened Friday 16:30 in Munich is due …" through the policies."""

    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Kind.choices)
    priority = forms.TypedChoiceField(
        label=gettext_lazy("Priority"), choices=Priority.choices, coerce=int
    )
    opened_day = forms.DateField(
        label=gettext_lazy("Opened on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    opened_time = forms.TimeField(
        label=gettext_lazy("at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    calendar = forms.ModelChoiceField(
        label=gettext_lazy("Calendar"),
        required=False,
        empty_label=gettext_lazy("as the ticket would get it"),
        queryset=BusinessCalendar.objects.filter(is_active=True).order_by("name"),
    )
    service = forms.ModelChoiceField(
        label=gettext_lazy("Service"), required=False, queryset=Service.objects.order_by("name")
    )
    team = forms.ModelChoiceField(
        label=gettext_lazy("Team"), required=False, queryset=Team.objects.order_by("name")
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Requester unit"),
        required=False,
        queryset=OrgUnit.objects.order_by("name"),
    )

    @staticmethod
    def defaults(today: date, calendar: BusinessCalendar | None = None) -> dict[str, Any]:
        friday = date.fromordinal(today.toordinal() + (4 - today.weekday()) % 7)
        initial: dict[str, Any] = {
            "kind": Kind.INCIDENT,
            "priority": Priority.P2,
            "opened_day": friday,
            "opened_time": time(16, 30),
        }
        if calendar is not None:
            initial["calendar"] = calendar.pk
        return initial

    def opened_at(self, zone: Any) -> datetime:
        data = self.cleaned_data
        return datetime.combine(data["opened_day"], data["opened_time"], tzinfo=zone)
