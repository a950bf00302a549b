"""Admin for business calendars: the week is validated as a whole before anything is saved."""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from latitude.core.admin import AuditedAdmin
from latitude.sla.errors import CalendarError
from latitude.sla.hours import WorkingInterval, weekly_hours
from latitude.sla.models import (
    BusinessCalendar,
    CalendarAssignment,
    CalendarException,
    SlaClock,
    SlaPolicy,
    WorkingPeriod,
)


class WorkingPeriodFormSet(forms.BaseInlineFormSet):
    """Refuses overlapping periods on a weekday and a week without any working time."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        week: dict[int, list[WorkingInterval]] = {}
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            interval = WorkingInterval.from_times(data["start"], data["end"])
            week.setdefault(data["weekday"], []).append(interval)
        try:
            weekly_hours(week)
        except CalendarError as error:
            raise ValidationError(error.message) from None


class WorkingPeriodInline(admin.TabularInline):
    model = WorkingPeriod
    formset = WorkingPeriodFormSet
    extra = 0
    fields = ("weekday", "start", "end")


class CalendarExceptionInline(admin.TabularInline):
    model = CalendarException
    extra = 0
    fields = ("date", "kind", "start", "end", "note")


@admin.register(BusinessCalendar)
class BusinessCalendarAdmin(AuditedAdmin):
    list_display = ("name", "time_zone", "holiday_country", "holiday_subdivision", "is_active")
    list_filter = ("is_active", "holiday_country")
    search_fields = ("name",)
    fields = (
        "name", "time_zone", "holiday_country", "holiday_subdivision", "is_active", "is_default",
    )  # fmt: skip
    inlines = (WorkingPeriodInline, CalendarExceptionInline)


@admin.register(SlaPolicy)
class SlaPolicyAdmin(AuditedAdmin):
    """Policies in the order they are tried; every change raises the version."""

    list_display = (
        "position", "name", "is_active", "kind", "priorities", "service", "unit",
        "response_minutes", "resolution_minutes", "ola_minutes", "version",
    )  # fmt: skip
    list_display_links = ("name",)
    list_filter = ("is_active", "kind")
    readonly_fields = ("version",)

    def save_model(self, request: Any, obj: SlaPolicy, form: Any, change: bool) -> None:
        if change and form.has_changed():
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(CalendarAssignment)
class CalendarAssignmentAdmin(AuditedAdmin):
    list_display = ("calendar", "service", "team", "unit")
    list_select_related = ("calendar", "service", "team", "unit")


@admin.register(SlaClock)
class SlaClockAdmin(admin.ModelAdmin):
    """Read-only: clocks are derived from the audit trail (`latitude sla recompute`)."""

    list_display = ("ticket", "kind", "state", "due_at", "breached_at", "policy", "calendar")
    list_filter = ("kind", "state")
    list_select_related = ("ticket", "policy", "calendar")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
