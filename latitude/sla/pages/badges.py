"""SLA badges for lists of tickets: the most pressing clock of each ticket and the business
time left (or overdue), from the stored clocks and their calendars in one query per page.

The calendars come with the clocks (select_related), their hours and exceptions with two
prefetch queries for all of them together, and they are compiled once per revision (cached), so
a page of 25 or 250 rows costs the same: one query without calendars, three with.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from latitude.sla import compiled
from latitude.sla.calendars import Calendar
from latitude.sla.choices import ClockKind, ClockState
from latitude.sla.clocks.timeline import format_minutes
from latitude.sla.models import BusinessCalendar, SlaClock
from latitude.sla.policies import around_the_clock

OPEN_STATES = (ClockState.RUNNING, ClockState.PAUSED)


@dataclass(frozen=True)
class SlaBadge:
    kind: str
    state: str  # ok, warning, breached, paused or stopped (a CSS class)
    minutes: int  # business minutes left; negative when overdue
    due_at: datetime | None
    clock_state: str

    @property
    def text(self) -> str:
        if self.state == "stopped":
            return str(ClockState(self.clock_state).label)
        amount = format_minutes(self.minutes)
        if self.state == "breached":
            # Overdue outside working hours is overdue by no business time yet.
            return _("overdue %(time)s") % {"time": amount} if self.minutes < 0 else _("overdue")
        if self.state == "paused":
            return _("paused, %(time)s left") % {"time": amount}
        return _("%(time)s left") % {"time": amount}

    @property
    def label(self) -> str:
        return str(ClockKind(self.kind).label) if self.kind in ClockKind.values else self.kind


@lru_cache(maxsize=1)
def _always() -> Calendar:
    return around_the_clock()


def engines_for(calendars: Iterable[BusinessCalendar | None]) -> dict[int | None, Calendar]:
    """Compiled engines for calendars already read (None: around the clock)."""
    known = {calendar.pk: calendar for calendar in calendars if calendar is not None}
    if known:
        prefetch_related_objects(list(known.values()), "working_periods", "exceptions")
    engines: dict[int | None, Calendar] = {None: _always()}
    engines.update({pk: compiled.compiled_calendar(calendar) for pk, calendar in known.items()})
    return engines


def badge_of(clock: SlaClock, engine: Calendar, now: datetime) -> SlaBadge:
    if clock.state not in OPEN_STATES:
        return SlaBadge(clock.kind, "stopped", 0, clock.due_at, clock.state)
    minutes = clock.remaining_minutes
    if clock.state == ClockState.RUNNING and clock.due_at is not None:
        minutes = engine.business_minutes_between(now, clock.due_at)
    overdue = clock.state == ClockState.RUNNING and clock.due_at is not None and clock.due_at <= now
    if clock.breached_at is not None or overdue or minutes < 0:
        state = "breached"
    elif clock.state == ClockState.PAUSED:
        state = "paused"
    elif clock.warning_sent_at is not None or (clock.warn_at and clock.warn_at <= now):
        state = "warning"
    else:
        state = "ok"
    return SlaBadge(clock.kind, state, minutes, clock.due_at, clock.state)


def most_pressing(clocks: Sequence[SlaClock]) -> SlaClock | None:
    """An open clock due first (running before paused); else the last one that stopped."""
    open_clocks = [clock for clock in clocks if clock.state in OPEN_STATES]
    if open_clocks:
        return min(open_clocks, key=_urgency)
    return max(clocks, key=lambda clock: clock.stopped_at or clock.started_at, default=None)


def _urgency(clock: SlaClock) -> tuple[int, float]:
    due = clock.due_at.timestamp() if clock.due_at else float("inf")
    return (0 if clock.state == ClockState.RUNNING else 1, due)


def attach_badges(tickets: Sequence[Any], *, now: datetime | None = None) -> None:
    """Give each ticket `sla_badge` (or None): one query for all of them."""
    now = now or timezone.now()
    clocks: dict[int, list[SlaClock]] = {}
    rows = SlaClock.objects.filter(ticket_id__in=[t.pk for t in tickets]).select_related("calendar")
    for clock in rows:
        clocks.setdefault(clock.ticket_id, []).append(clock)
    engines = engines_for(clock.calendar for found in clocks.values() for clock in found)
    for ticket in tickets:
        chosen = most_pressing(clocks.get(ticket.pk, []))
        ticket.sla_badge = badge_of(chosen, engines[chosen.calendar_id], now) if chosen else None
