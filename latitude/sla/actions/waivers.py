"""Waiving or extending a ticket's SLA clock: the guarded decision `ticket.waive_sla`.

Both are written to the ticket's trail (`sla.waived`, `sla.extended`), which is what the clock
engine reads, so a recompute gives the same result. A waiver counts as an extension of
WAIVER_EXTENSION_MINUTES for the fact `extension_minutes`: a grant limited to short extensions
never covers waiving a clock altogether.
"""

from typing import Any

from django.utils.translation import gettext as _

from latitude.core import audit
from latitude.core.decisions import check_decision, guarded
from latitude.core.errors import InvalidInput, InvalidTransition
from latitude.sla.choices import ClockKind, ClockState
from latitude.sla.clocks.engine import EXTENDED, WAIVED
from latitude.sla.clocks.store import refresh_ticket
from latitude.sla.models import SlaClock

WAIVER_EXTENSION_MINUTES = 525_600  # a year
MAX_EXTENSION_MINUTES = 100_000
MAX_REASON_CHARS = 2000
DECISION = "ticket.waive_sla"


def _reason(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidInput(_("Say why the SLA target is waived or extended."), field="reason")
    if len(text) > MAX_REASON_CHARS:
        raise InvalidInput(
            _("Keep it under %(count)d characters.") % {"count": MAX_REASON_CHARS}, field="reason"
        )
    return text


def _open_clock(ticket: Any, clock: str) -> SlaClock:
    if clock not in ClockKind.values:
        raise InvalidInput(_("Choose response, resolution or OLA."), field="clock")
    found = SlaClock.objects.select_for_update().filter(ticket=ticket, kind=clock).first()
    if found is None:
        raise InvalidInput(_("This ticket has no such SLA clock."), field="clock")
    if found.state not in (ClockState.RUNNING, ClockState.PAUSED):
        raise InvalidTransition(_("This SLA clock has already stopped."), field="clock")
    return found


def _facts(ticket: Any, clock: str, minutes: int) -> dict[str, Any]:
    return {
        "priority": ticket.priority,
        "kind": ticket.kind,
        "service": ticket.service_id,
        "team": ticket.team_id,
        "clock_kind": clock,
        "extension_minutes": minutes,
    }


def _lock(actor: Any, ticket_id: int) -> Any:
    from latitude.tickets.actions.base import lock_workable

    return lock_workable(actor, ticket_id)


@guarded
def extend_sla(*, actor: Any, ticket_id: int, clock: str, minutes: int, reason: str) -> SlaClock:
    """Give a running or paused clock `minutes` more business time."""
    ticket = _lock(actor, ticket_id)
    if type(minutes) is not int or not 0 < minutes <= MAX_EXTENSION_MINUTES:
        raise InvalidInput(
            _("Extend by 1 to %(max)d business minutes.") % {"max": MAX_EXTENSION_MINUTES},
            field="minutes",
        )
    reason = _reason(reason)
    _open_clock(ticket, clock)
    check_decision(actor, DECISION, ticket, _facts(ticket, clock, minutes), rationale=reason)
    context = {"clock": clock, "minutes": minutes, "reason": reason}
    audit.record(actor=actor, verb=EXTENDED, subject=ticket, context=context)
    return refresh_ticket(ticket, actor=actor)[clock]


@guarded
def waive_sla(*, actor: Any, ticket_id: int, clock: str, reason: str) -> SlaClock:
    """Stop a clock for good: it can no longer breach."""
    ticket = _lock(actor, ticket_id)
    reason = _reason(reason)
    _open_clock(ticket, clock)
    facts = _facts(ticket, clock, WAIVER_EXTENSION_MINUTES)
    check_decision(actor, DECISION, ticket, facts, rationale=reason)
    audit.record(
        actor=actor, verb=WAIVED, subject=ticket, context={"clock": clock, "reason": reason}
    )
    return refresh_ticket(ticket, actor=actor)[clock]
