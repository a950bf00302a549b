"""Timed calls of the ticket actions, run in order of time under a controlled clock.

Each ticket's steps are planned on their own, but steps that involve two tickets (a merge, a
link, a parent) must see both in the right state, so all steps are sorted into one timeline.
A step outside its actor's scope opens a decision request, which `answers.Responder` answers
later in the timeline, as the person it was routed to would.
"""

import bisect
import heapq
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from latitude.core.errors import OutOfScope
from latitude.demo import worktime
from latitude.demo.answers import Answer, Responder
from latitude.demo.clock import DemoClock
from latitude.demo.plans import TicketPlan
from latitude.people.models import User
from latitude.tickets import actions
from latitude.tickets.choices import Status

Call = Callable[[], Any]
Body = str | Callable[[], str]


@dataclass
class TicketCall:
    """A deferred action call on one ticket. `settles` marks steps that need the ticket's open
    decision requests answered first (a resolution waits for the approval it needs); `answer`
    says how the request a refusal opens will be answered (approved, by default)."""

    ticket: int
    fn: Call
    settles: bool = False
    answer: Answer | None = None

    def __call__(self) -> Any:
        return self.fn()


@dataclass(order=True)
class Step:
    at: datetime
    seq: int
    call: Call = field(compare=False)


@dataclass
class Move:
    """A step whose time is decided later: `weight` is its share of the working time before it;
    a `quick` move follows the previous one within minutes, however long the ticket runs."""

    call: Call
    weight: float
    quick: bool = False


class Schedule:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.steps: list[Step] = []
        self.ids: dict[int, int] = {}
        self.numbers: dict[int, str] = {}

    def add(self, at: datetime, call: Call) -> None:
        self.steps.append(Step(at, len(self.steps), call))

    def place(
        self, moves: list[Move], start: datetime, end: datetime, *, office_hours: bool = True
    ) -> list[datetime]:
        """Spread `moves` by weight over the office hours in [start, end]; return their times.

        Spans without office hours (a Sunday-night fix) use the clock as it is, and so do major
        incidents, which are worked around the clock.
        """
        office = worktime.office_minutes(start, end) if office_hours else 0.0
        total = sum(move.weight for move in moves) or 1.0
        # Keep moves apart, but never push one past `end` (a five-minute password reset).
        spacing = min(timedelta(seconds=30), (end - start) / (len(moves) + 1))
        cumulative, previous, times = 0.0, start, []
        for move in moves:
            cumulative += move.weight
            if office >= 1:
                # A little jitter, or every ticket opened at night is taken at 8:00 sharp.
                jitter = self.rng.uniform(0, min(90.0, office * 0.1))
                at = worktime.after_office_minutes(start, office * cumulative / total + jitter)
            else:
                at = start + (end - start) * (cumulative / total)
            if move.quick:
                at = min(at, previous + timedelta(minutes=self.rng.uniform(2, 40)))
            at = min(max(at, previous + spacing), end)
            self.add(at, move.call)
            previous = at
            times.append(at)
        return times

    def run(self, clock: DemoClock) -> None:
        """Every step in time order; answers to decision requests join the queue as they are
        planned, before the next step of their ticket that needs them."""
        queue = list(self.steps)
        heapq.heapify(queue)
        responder = Responder(self.rng, self.settling_times())
        while queue:
            step = heapq.heappop(queue)
            clock.set(step.at)
            try:
                step.call()
            except OutOfScope as refusal:
                planned = responder.plan(refusal, step.call, step.at)
                if planned is not None:
                    self.steps.append(Step(planned[0], len(self.steps), planned[1]))
                    heapq.heappush(queue, self.steps[-1])

    def settling_times(self) -> dict[int, list[datetime]]:
        times: dict[int, list[datetime]] = {}
        for step in self.steps:
            if isinstance(step.call, TicketCall) and step.call.settles:
                bisect.insort(times.setdefault(step.call.ticket, []), step.at)
        return times

    def on(self, plan: TicketPlan, fn: Call, *, settles: bool = False) -> TicketCall:
        return TicketCall(plan.index, fn, settles=settles)

    # Deferred action calls: ticket ids exist only once the opening step has run.

    def ticket_id(self, plan: TicketPlan) -> int:
        return self.ids[plan.index]

    def number(self, plan: TicketPlan) -> str:
        return self.numbers[plan.index]

    def numbered(self, template: str, plan: TicketPlan) -> Callable[[], str]:
        """A text naming `plan`'s ticket number, which exists only once the ticket is open."""
        return lambda: template.format(number=self.number(plan))

    def open(self, plan: TicketPlan) -> Call:
        def call() -> None:
            ticket = actions.open_ticket(
                actor=plan.opener,
                kind=plan.kind,
                subject=plan.subject,
                description=plan.description,
                requester=plan.requester,
                service=None if plan.via_triage else plan.service,
                category=None if plan.via_triage else plan.category,
                impact=plan.impact,
                urgency=plan.urgency,
            )
            self.ids[plan.index], self.numbers[plan.index] = ticket.pk, ticket.number

        return call

    def take(self, plan: TicketPlan, agent: User) -> Call:
        return self.on(
            plan, lambda: actions.take_ticket(actor=agent, ticket_id=self.ticket_id(plan))
        )

    def say(self, plan: TicketPlan, author: User, body: Body, *, internal: bool = False) -> Call:
        def call() -> None:
            text = body() if callable(body) else body
            actions.add_comment(
                actor=author, ticket_id=self.ticket_id(plan), body=text, internal=internal
            )

        return self.on(plan, call)

    def set_status(self, plan: TicketPlan, agent: User, status: Status, reason: str = "") -> Call:
        def call() -> None:
            actions.change_status(
                actor=agent, ticket_id=self.ticket_id(plan), status=status, reason=reason
            )

        return self.on(plan, call, settles=status in (Status.RESOLVED, Status.CLOSED))

    def resolve(self, plan: TicketPlan, agent: User, resolution: Body) -> Call:
        def call() -> None:
            text = resolution() if callable(resolution) else resolution
            actions.resolve_ticket(
                actor=agent,
                ticket_id=self.ticket_id(plan),
                resolution=text,
                confirm_open_children=True,
            )

        return self.on(plan, call, settles=True)

    def accept(self, plan: TicketPlan) -> Call:
        def call() -> None:
            actions.accept_resolution(actor=plan.requester, ticket_id=self.ticket_id(plan))

        return self.on(plan, call, settles=True)

    def reopen(self, plan: TicketPlan, reason: str) -> Call:
        def call() -> None:
            actions.reopen_ticket(
                actor=plan.requester, ticket_id=self.ticket_id(plan), reason=reason
            )

        return self.on(plan, call, settles=True)

    def classify(self, plan: TicketPlan, agent: User) -> Call:
        def call() -> None:
            actions.update_ticket(
                actor=agent,
                ticket_id=self.ticket_id(plan),
                service=plan.service,
                category=plan.category,
            )

        return self.on(plan, call)

    def transfer(self, plan: TicketPlan, agent: User, team: Any, reason: str) -> Call:
        def call() -> None:
            actions.transfer_team(
                actor=agent, ticket_id=self.ticket_id(plan), team=team, reason=reason
            )

        return self.on(plan, call, settles=True)

    def reprioritise(self, plan: TicketPlan, agent: User, priority: int, reason: str) -> Call:
        def call() -> None:
            actions.change_priority(
                actor=agent, ticket_id=self.ticket_id(plan), priority=priority, reason=reason
            )

        return self.on(plan, call)

    def watch(self, plan: TicketPlan, agent: User, person: User) -> Call:
        def call() -> None:
            actions.add_watcher(actor=agent, ticket_id=self.ticket_id(plan), user=person)

        return self.on(plan, call)

    def nest(self, child: TicketPlan, parent: TicketPlan, agent: User) -> Call:
        def call() -> None:
            actions.set_parent(
                actor=agent, ticket_id=self.ticket_id(child), parent_id=self.ticket_id(parent)
            )

        return self.on(child, call)

    def merge(self, duplicate: TicketPlan, survivor: TicketPlan, agent: User, reason: str) -> Call:
        def call() -> None:
            actions.merge_ticket(
                actor=agent,
                ticket_id=self.ticket_id(duplicate),
                into_id=self.ticket_id(survivor),
                reason=reason,
            )

        return self.on(duplicate, call, settles=True)

    def link(self, plan: TicketPlan, other: TicketPlan, agent: User) -> Call:
        def call() -> None:
            actions.link_related(
                actor=agent, ticket_id=self.ticket_id(plan), other_id=self.ticket_id(other)
            )

        return self.on(plan, call)
