"""The ticket page's SLA panel: each clock computed live from the trail with its timeline
(started; paused 2 h 10 min waiting on requester; resumed; breached at ...), and the form that
extends or waives a clock, the guarded decision `ticket.waive_sla`."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from latitude.core.errors import InvalidInput
from latitude.sla.actions.waivers import MAX_REASON_CHARS
from latitude.sla.choices import ClockKind, ClockState
from latitude.sla.clocks.types import ClockResult
from latitude.sla.pages.badges import OPEN_STATES, SlaBadge
from latitude.sla.pages.durations import parse_duration
from latitude.sla.selectors import details_of_seen_ticket, timeline_text

DECISION = "ticket.waive_sla"


@dataclass(frozen=True)
class ClockView:
    result: ClockResult
    badge: SlaBadge
    steps: list[tuple[datetime, str, str]]  # when, what (stable code), sentence

    @property
    def label(self) -> str:
        return str(ClockKind(self.result.kind).label)

    @property
    def is_open(self) -> bool:
        return self.result.state in OPEN_STATES


@dataclass(frozen=True)
class Panel:
    clocks: list[ClockView]
    offers: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def open_clocks(self) -> list[ClockView]:
        return [clock for clock in self.clocks if clock.is_open]


def badge_of_result(result: ClockResult, now: datetime) -> SlaBadge:
    """The badge of a clock computed just now (its remaining minutes are live)."""
    if result.state not in OPEN_STATES:
        return SlaBadge(result.kind, "stopped", 0, result.due_at, result.state)
    overdue = result.state == ClockState.RUNNING and result.due_at and result.due_at <= now
    if result.breached_at is not None or overdue or result.remaining_minutes < 0:
        state = "breached"
    elif result.state == ClockState.PAUSED:
        state = "paused"
    elif result.warn_at is not None and result.warn_at <= now:
        state = "warning"
    else:
        state = "ok"
    return SlaBadge(result.kind, state, result.remaining_minutes, result.due_at, result.state)


def clock_panel(actor: Any, ticket: Any, *, now: datetime | None = None) -> Panel:
    """The clocks of a ticket the actor works on (checked by the caller), and the decision the
    panel offers."""
    now = now or timezone.now()
    views = []
    for detail in details_of_seen_ticket(actor, ticket, now=now):
        steps = [(item.at, item.what, timeline_text(item)) for item in detail.timeline]
        views.append(ClockView(detail.result, badge_of_result(detail.result, now), steps))
    panel = Panel(views)
    if panel.open_clocks:
        # The extension is only known once typed: the hint states the limits (see UNROUTED).
        panel.offers[DECISION] = {"clock_kind": panel.open_clocks[0].result.kind}
    return panel


class ClockChangeForm(forms.Form):
    """Extend a clock by business time, or waive it; always with a reason."""

    EXTEND, WAIVE = "extend", "waive"

    clock = forms.ChoiceField(label=gettext_lazy("Clock"), choices=ClockKind.choices)
    change = forms.ChoiceField(
        label=gettext_lazy("Change"),
        choices=[(EXTEND, gettext_lazy("Extend by")), (WAIVE, gettext_lazy("Waive the target"))],
        initial=EXTEND,
        widget=forms.RadioSelect,
    )
    extension = forms.CharField(label=gettext_lazy("Extension"), required=False, max_length=40)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=MAX_REASON_CHARS, strip=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("change") == self.EXTEND and "extension" in data:
            try:
                data["minutes"] = parse_duration(data["extension"], field="extension")
            except InvalidInput as error:
                self.add_error("extension", error.message)
        return data

    def refuse(self, error: InvalidInput) -> None:
        """An action's refusal next to its field ("minutes" is the extension here)."""
        name = "extension" if error.field == "minutes" else error.field
        self.add_error(name if name in self.fields else None, error.message)


def blank_form(panel: Panel) -> ClockChangeForm:
    initial = {"change": ClockChangeForm.EXTEND, "extension": _("1 h")}
    if panel.open_clocks:
        initial["clock"] = panel.open_clocks[0].result.kind
    return ClockChangeForm(prefix="sla", initial=initial)
