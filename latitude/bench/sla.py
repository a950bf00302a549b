"""SLA terms of the benchmark desk, and each planned ticket's clocks as rows.

The desk works Munich office hours with Bavaria's holidays (the site default calendar) under
one policy per priority. A ticket's clocks are the engine's own results (`compute_clocks`) on
the part of its planned trail that moves them: opening, the terms, the first public agent reply
and the status and priority changes. The entries left out (later replies, requester comments,
team moves, owner changes) only split business time between two marks, which adds up the same,
or drive OLA clocks, for which these policies set no target; `test_bench_sla` compares the rows
with `latitude sla recompute` on the full stored trail.
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from latitude.sla.bench_data import munich_calendar
from latitude.sla.clocks.engine import COMMENTED, OPENED, TERMS_SET, compute_clocks
from latitude.sla.clocks.types import ClockResult, Terms, TrailEvent
from latitude.sla.models import SlaPolicy
from latitude.sla.policies import Resolver, TicketFacts
from latitude.tickets.choices import Kind

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
PUBLIC_REPLY = {"internal": False}


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


def _utc(moment: datetime | None) -> datetime | None:
    """Naive UTC, as the planner's other rows are."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment else None


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)


@dataclass
class ClockPlanner:
    """Computes clocks as of `end`, with the terms every planned ticket gets (no calendar is
    assigned to a service, team or unit, so the terms depend on the priority alone)."""

    end: datetime

    def __post_init__(self) -> None:
        self.resolver = Resolver(preload_calendars=True)
        self.terms: dict[int, Terms] = {
            priority: self.resolver.terms(TicketFacts(Kind.INCIDENT, priority, None, None, None))
            for priority in TARGETS
        }
        self.contexts = {priority: terms.as_context() for priority, terms in self.terms.items()}
        self.json = {priority: json.dumps(context) for priority, context in self.contexts.items()}
        self.now = _aware(self.end)

    def terms_json(self, priority: int) -> str:
        return self.json[priority]

    def trail(self, ticket: "TicketPlan") -> list[TrailEvent]:
        opened = _aware(ticket.opened)
        events = [
            TrailEvent(opened, OPENED),
            TrailEvent(opened, TERMS_SET, context=self.contexts[ticket.initial_priority]),
        ]
        if ticket.first_response:
            reply = TrailEvent(_aware(ticket.first_response), COMMENTED, {}, PUBLIC_REPLY, True)
            events.append(reply)
        for moment, step in ticket.timeline:
            if not step.field:
                continue
            at = _aware(moment)
            events.append(TrailEvent(at, step.verb, {step.field: [step.old, step.new]}))
            if step.field == "priority":
                events.append(TrailEvent(at, TERMS_SET, context=self.contexts[step.new]))
        return events

    def rows(self, ticket: "TicketPlan") -> list[tuple]:
        results = compute_clocks(
            self.trail(ticket),
            fallback_terms=self.terms[ticket.priority],
            calendars=self.resolver.engine,
            now=self.now,
        )
        return [self._row(ticket.id, result) for result in results.values()]

    def _row(self, ticket_id: int, clock: ClockResult) -> tuple:
        # What the sweep would have announced by the end of the timeline is marked as done.
        warned = clock.warn_at if clock.warn_at and clock.warn_at <= self.now else None
        recorded = (
            clock.breached_at if clock.breached_at and clock.breached_at <= self.now else None
        )
        return (
            ticket_id, clock.kind, clock.policy_id, clock.policy_version, clock.calendar_id,
            clock.target_minutes, clock.state, _utc(clock.started_at), _utc(clock.stopped_at),
            _utc(clock.due_at), _utc(clock.warn_at), _utc(clock.breached_at),
            clock.elapsed_minutes, clock.paused_minutes, clock.remaining_minutes, self.end,
            _utc(warned), _utc(recorded),
        )  # fmt: skip
