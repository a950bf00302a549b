"""SLA terms of the benchmark desk, and each planned ticket's clocks as rows.

The desk works Munich office hours with Bavaria's holidays (the site default calendar) under
one policy per priority. Replaying each planned trail through `compute_clocks` costs 62 µs a
ticket, measuring it span by span 26 µs (a minute against 26 s at 1,000,000 tickets, of a load
that must stay under six), so the clocks are measured here with the engine's rules for the
trails the planner writes: no waiting statuses (nothing pauses),
policies that continue on reopening, targets only lowered (a priority raise), no OLA target.
A clock breaches where its business time first exceeds the target in force, or at a raise that
finds it exceeded; a running clock is due, warns and counts from its mark, the ticket's last
change. `test_bench_decisions_and_clocks` checks the rows against `latitude sla recompute`.
"""

import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from latitude.sla.bench_data import munich_calendar
from latitude.sla.calendars import Calendar
from latitude.sla.choices import ClockKind, ClockState, ReopenRule
from latitude.sla.clocks.engine import ONE_US, STOP_STATUSES, US_PER_MINUTE
from latitude.sla.clocks.types import Terms
from latitude.sla.models import SlaPolicy
from latitude.sla.policies import Resolver, TicketFacts
from latitude.tickets.choices import Kind, Status

if TYPE_CHECKING:
    from latitude.bench.planner import TicketPlan

CALENDAR_NAME = "Bench office hours"
# Priority: (first response, resolution) in business minutes of an eight-hour day.
TARGETS = {1: (30, 240), 2: (60, 480), 3: (240, 1440), 4: (480, 2400)}
CLOCK_COLUMNS = (
    "ticket_id", "kind", "policy_id", "policy_version", "calendar_id", "target_minutes", "state",
    "started_at", "stopped_at", "due_at", "warn_at", "breached_at", "elapsed_minutes",
    "paused_minutes", "remaining_minutes", "computed_at", "warning_sent_at", "breach_recorded_at",
)  # fmt: skip
Span = tuple[datetime, datetime | None]  # running from, until (None: still running)


def create_sla_terms() -> None:
    """The site default calendar and a policy per priority."""
    munich_calendar(CALENDAR_NAME, is_default=True)
    for priority, (response, resolution) in TARGETS.items():
        policy = SlaPolicy(
            name=f"Bench P{priority}",
            position=priority,
            kind=Kind.INCIDENT,
            priorities=[priority],
            response_minutes=response,
            resolution_minutes=resolution,
        )
        policy.full_clean()
        policy.save()


@dataclass
class Measured:
    """A clock as the engine leaves it (times in UTC, made naive when written)."""

    kind: str
    started_at: datetime
    target: int  # business microseconds, of the terms in force at the end
    stopped_at: datetime | None = None
    due_at: datetime | None = None
    warn_at: datetime | None = None
    breached_at: datetime | None = None
    elapsed: int = 0
    spans: list[Span] = field(default_factory=list)


class SpanClock:
    """Measures one clock over its running spans with targets changing at given instants."""

    def __init__(self, calendar: Calendar, targets: list[tuple[datetime, int]]) -> None:
        self.calendar, self.targets = calendar, targets  # (from, target µs), earliest first

    def _target_at(self, moment: datetime) -> int:
        return next(t for since, t in reversed(self.targets) if since <= moment)

    def _pieces(self, start: datetime, end: datetime) -> Iterator[tuple[datetime, datetime, bool]]:
        cuts = [since for since, _ in self.targets[1:] if start < since < end]
        bounds = [start, *cuts, end]
        for index, (a, b) in enumerate(itertools.pairwise(bounds)):
            yield a, b, index > 0

    def run(self, clock: Measured, mark: datetime, now: datetime, warn_percent: int) -> None:
        for start, stop in clock.spans:
            for a, b, changed in self._pieces(start, stop or mark):
                self._piece(clock, a, b, changed)
        if clock.spans[-1][1] is None:
            self._running(clock, mark, now, warn_percent)
        else:
            clock.stopped_at = clock.spans[-1][1]

    def _piece(self, clock: Measured, a: datetime, b: datetime, changed: bool) -> None:
        target = self._target_at(a)
        if clock.breached_at is None and (clock.elapsed >= target if changed else False):
            clock.breached_at = a  # a raise found it exceeded (or just reached)
        spent = self.calendar.business_time_between(a, b) // ONE_US if b > a else 0
        if clock.breached_at is None and clock.elapsed + spent >= target:
            left = timedelta(microseconds=target - clock.elapsed)
            crossing = self.calendar.add_business_time(a, left)
            if crossing < b:
                clock.breached_at = crossing
        clock.elapsed += spent

    def _running(self, clock: Measured, mark: datetime, now: datetime, warn_percent: int) -> None:
        target, elapsed, add = clock.target, clock.elapsed, self.calendar.add_business_time
        if elapsed < target:
            clock.due_at = add(mark, timedelta(microseconds=target - elapsed))
        else:
            clock.due_at = clock.breached_at or mark
        warn = target * warn_percent // 100
        warn_left = timedelta(microseconds=warn - elapsed)
        clock.warn_at = add(mark, warn_left) if elapsed < warn else mark
        if now > mark:
            clock.elapsed += self.calendar.business_time_between(mark, now) // ONE_US
        if clock.breached_at is None and clock.due_at <= now:
            clock.breached_at = clock.due_at


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)


def _naive(moment: datetime | None) -> datetime | None:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment else None


@dataclass
class ClockPlanner:
    """Clocks as of `end` under the terms every planned ticket gets (no calendar is assigned to
    a service, team or unit, so the terms depend on the priority alone)."""

    end: datetime

    def __post_init__(self) -> None:
        resolver = Resolver(preload_calendars=True)
        self.terms: dict[int, Terms] = {
            priority: resolver.terms(TicketFacts(Kind.INCIDENT, priority, None, None, None))
            for priority in TARGETS
        }
        if any(terms.on_reopen != ReopenRule.CONTINUE or ClockKind.OLA in terms.targets
               for terms in self.terms.values()):  # fmt: skip
            raise ValueError("the bench clocks know only policies without OLA that continue")
        self.json = {p: _json(terms) for p, terms in self.terms.items()}
        self.calendar = resolver.engine(self.terms[1].calendar_id)
        self.now = _aware(self.end)

    def terms_json(self, priority: int) -> str:
        return self.json[priority]

    def rows(self, ticket: "TicketPlan") -> list[tuple]:
        final = self.terms[ticket.priority]
        return [
            self._row(ticket.id, final, self._measure(ticket, kind, final))
            for kind in (ClockKind.RESPONSE, ClockKind.RESOLUTION)
        ]

    def _measure(self, ticket: "TicketPlan", kind: str, final: Terms) -> Measured:
        opened = _aware(ticket.opened)
        targets = [(opened, self.terms[ticket.initial_priority].targets[kind] * US_PER_MINUTE)]
        for moment, step in ticket.timeline:
            if step.field == "priority":
                targets.append((_aware(moment), self.terms[step.new].targets[kind] * US_PER_MINUTE))
        clock = Measured(kind, opened, targets[-1][1], spans=_spans(ticket, kind, opened))
        mark = _aware(ticket.last_change)
        SpanClock(self.calendar, targets).run(clock, mark, self.now, final.warn_percent)
        return clock

    def _row(self, ticket_id: int, terms: Terms, clock: Measured) -> tuple:
        state = ClockState.RUNNING if clock.stopped_at is None else (
            ClockState.MISSED if clock.breached_at else ClockState.MET
        )  # fmt: skip
        # What the sweep would have announced by the end of the timeline is marked as done.
        warned = clock.warn_at if clock.warn_at and clock.warn_at <= self.now else None
        recorded = (
            clock.breached_at if clock.breached_at and clock.breached_at <= self.now else None
        )
        return (
            ticket_id, clock.kind, terms.policy_id, terms.policy_version, terms.calendar_id,
            clock.target // US_PER_MINUTE, state, _naive(clock.started_at),
            _naive(clock.stopped_at), _naive(clock.due_at), _naive(clock.warn_at),
            _naive(clock.breached_at), clock.elapsed // US_PER_MINUTE, 0,
            (clock.target - clock.elapsed) // US_PER_MINUTE, self.end, _naive(warned),
            _naive(recorded),
        )  # fmt: skip


def _json(terms: Terms) -> str:
    return json.dumps(terms.as_context())


def _spans(ticket: "TicketPlan", kind: str, opened: datetime) -> list[Span]:
    """When the clock ran: response until the first public agent reply or resolution;
    resolution until each resolution, again from each reopening."""
    spans: list[Span] = []
    start: datetime | None = opened
    for moment, step in ticket.timeline:
        if step.field != "status":
            continue
        if step.new in STOP_STATUSES and start is not None:
            spans.append((start, _aware(moment)))
            start = None
        elif step.old in STOP_STATUSES and step.new == Status.IN_PROGRESS and kind != "response":
            start = _aware(moment)
    if start is not None:
        spans.append((start, None))
    if kind == ClockKind.RESPONSE:
        return _replied(spans[0], ticket.first_response)
    return spans


def _replied(span: Span, reply: datetime | None) -> list[Span]:
    start, stop = span
    if reply is None:
        return [span]
    at = _aware(reply)
    return [(start, at if stop is None or at < stop else stop)]
