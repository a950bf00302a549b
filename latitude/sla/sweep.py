"""The minute-by-minute sweep: announce SLA warnings and record breaches, each exactly once.

It reads only clocks with something left to announce, through partial indexes (see
`SlaClock.Meta.indexes`), so its cost does not grow with closed tickets. Each clock is handled in
its own transaction under a row lock, re-checked there, and marked, so overlapping sweeps and
retries announce nothing twice (the notifications carry dedupe keys as well). Escalation never
moves ownership: the owner and the team's lead are told, and the breach is recorded on the trail.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from latitude.core import audit
from latitude.core.actors import SystemActor
from latitude.notifications.actions import notify
from latitude.sla import notification_events as notices
from latitude.sla.choices import ClockKind, ClockState
from latitude.sla.models import SlaClock

SWEEPER = SystemActor("sla")
BATCH = 500
BREACH_RECORDED = "sla.breach_recorded"
WARNING_SENT = "sla.warning_sent"


@dataclass
class SweepReport:
    warned: int = 0
    breached: int = 0


def pending_warnings(now: datetime) -> list[int]:
    clocks = SlaClock.objects.filter(
        state=ClockState.RUNNING, warning_sent_at__isnull=True, warn_at__lte=now
    )
    return list(clocks.order_by("warn_at").values_list("pk", flat=True)[:BATCH])


def pending_breaches(now: datetime) -> list[int]:
    running = SlaClock.objects.filter(
        state=ClockState.RUNNING, breach_recorded_at__isnull=True, due_at__lte=now
    )
    recorded_elsewhere = SlaClock.objects.filter(
        breached_at__isnull=False, breach_recorded_at__isnull=True
    )
    ids = set(running.order_by("due_at").values_list("pk", flat=True)[:BATCH])
    ids |= set(recorded_elsewhere.order_by("breached_at").values_list("pk", flat=True)[:BATCH])
    return sorted(ids)


def sweep(*, now: datetime | None = None) -> SweepReport:
    now = now or timezone.now()
    report = SweepReport()
    for clock_id in pending_breaches(now):
        report.breached += record_breach(clock_id, now=now)
    for clock_id in pending_warnings(now):
        report.warned += send_warning(clock_id, now=now)
    return report


def _locked(clock_id: int) -> SlaClock | None:
    return (
        SlaClock.objects.select_for_update(of=("self",))
        .select_related("ticket", "ticket__owner", "ticket__team", "ticket__team__lead", "calendar")
        .filter(pk=clock_id)
        .first()
    )


@transaction.atomic
def record_breach(clock_id: int, *, now: datetime) -> bool:
    clock = _locked(clock_id)
    if clock is None or clock.breach_recorded_at is not None:
        return False
    overdue = clock.state == ClockState.RUNNING and clock.due_at and clock.due_at <= now
    breached = clock.breached_at or (clock.due_at if overdue else None)
    if breached is None:
        return False
    clock.breached_at, clock.breach_recorded_at = breached, now
    clock.warning_sent_at = clock.warning_sent_at or now  # no warning after the breach
    clock.save(update_fields=["breached_at", "breach_recorded_at", "warning_sent_at"])
    context = {"clock": clock.kind, "breached_at": breached.isoformat()}
    audit.record(actor=SWEEPER, verb=BREACH_RECORDED, subject=clock.ticket, context=context)
    _tell(notices.BREACHED, clock, breached, f"{clock.pk}:{breached.isoformat()}")
    return True


@transaction.atomic
def send_warning(clock_id: int, *, now: datetime) -> bool:
    clock = _locked(clock_id)
    if clock is None or clock.warning_sent_at is not None or clock.state != ClockState.RUNNING:
        return False
    if clock.warn_at is None or clock.warn_at > now or clock.due_at is None:
        return False
    clock.warning_sent_at = now
    clock.save(update_fields=["warning_sent_at"])
    audit.record(
        actor=SWEEPER,
        verb=WARNING_SENT,
        subject=clock.ticket,
        context={"clock": clock.kind, "due_at": clock.due_at.isoformat()},
    )
    _tell(notices.WARNING, clock, clock.due_at, f"{clock.pk}:{clock.warn_at.isoformat()}")
    return True


def recipients(clock: SlaClock) -> list[Any]:
    ticket = clock.ticket
    lead = ticket.team.lead if ticket.team_id else None  # type: ignore[union-attr]
    return [person for person in (ticket.owner, lead) if person is not None]


def _tell(event: str, clock: SlaClock, when: datetime, key: str) -> None:
    ticket = clock.ticket
    time_zone = clock.calendar.time_zone if clock.calendar else "UTC"
    local = timezone.localtime(when, timezone=_zone(time_zone))
    context = {
        "number": ticket.number,
        "ticket_subject": ticket.subject,
        "priority": ticket.priority,
        "clock": clock.kind,
        "clock_label": str(ClockKind(clock.kind).label),
        "due": date_format(local, "DATETIME_FORMAT"),
        "time_zone": time_zone,
        "percent": _percent(clock),
    }
    notify(
        event=event,
        recipients=recipients(clock),
        subject=ticket,
        context=context,
        actor=SWEEPER,
        dedupe_key=f"{event}:{key}",
    )


def _percent(clock: SlaClock) -> int:
    if not clock.policy_id:
        return 75
    from latitude.sla.models import SlaPolicy

    found = SlaPolicy.objects.filter(pk=clock.policy_id).values_list("warn_percent", flat=True)
    return found.first() or 75


def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)
