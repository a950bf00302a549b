"""Timed calls of the ticket actions, run in order of time under a controlled clock.

Each ticket's steps are planned on their own, but steps that involve two tickets (a merge, a
link, a parent) must see both in the right state, so all steps are sorted into one timeline.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from latitude.core.errors import OutOfScope
from latitude.demo import worktime
from latitude.demo.clock import DemoClock
from latitude.demo.plans import TicketPlan
from latitude.people.models import User
from latitude.scopes.actions import approve_request
from latitude.scopes.models import DecisionRequest
from latitude.tickets import actions
from latitude.tickets.choices import Status

Call = Callable[[], Any]
Body = str | Callable[[], str]


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
        ordered = sorted(self.steps)
        for position, step in enumerate(ordered):
            clock.set(step.at)
            try:
                step.call()
            except OutOfScope as refusal:
                following = ordered[position + 1].at if position + 1 < len(ordered) else None
                self._answer(refusal, clock, step.at, following)

    def _answer(
        self, refusal: OutOfScope, clock: DemoClock, at: datetime, following: datetime | None
    ) -> None:
        """Out of scope: the nearest holder approves the request a little later."""
        request_id = refusal.decision_request_id
        request = DecisionRequest.objects.filter(pk=request_id).first() if request_id else None
        route = request.routes.filter(active=True).first() if request else None
        if request is None or route is None:
            return
        later = at + timedelta(minutes=self.rng.uniform(5, 45))
        clock.set(min(later, following) if following else later)
        approve_request(actor=route.person, request_id=request.pk)

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
        return lambda: actions.take_ticket(actor=agent, ticket_id=self.ticket_id(plan))

    def say(self, plan: TicketPlan, author: User, body: Body, *, internal: bool = False) -> Call:
        def call() -> None:
            text = body() if callable(body) else body
            actions.add_comment(
                actor=author, ticket_id=self.ticket_id(plan), body=text, internal=internal
            )

        return call

    def set_status(self, plan: TicketPlan, agent: User, status: Status, reason: str = "") -> Call:
        return lambda: actions.change_status(
            actor=agent, ticket_id=self.ticket_id(plan), status=status, reason=reason
        )

    def resolve(self, plan: TicketPlan, agent: User, resolution: Body) -> Call:
        def call() -> None:
            text = resolution() if callable(resolution) else resolution
            actions.resolve_ticket(
                actor=agent,
                ticket_id=self.ticket_id(plan),
                resolution=text,
                confirm_open_children=True,
            )

        return call

    def accept(self, plan: TicketPlan) -> Call:
        return lambda: actions.accept_resolution(
            actor=plan.requester, ticket_id=self.ticket_id(plan)
        )

    def reopen(self, plan: TicketPlan, reason: str) -> Call:
        return lambda: actions.reopen_ticket(
            actor=plan.requester, ticket_id=self.ticket_id(plan), reason=reason
        )

    def classify(self, plan: TicketPlan, agent: User) -> Call:
        return lambda: actions.update_ticket(
            actor=agent,
            ticket_id=self.ticket_id(plan),
            service=plan.service,
            category=plan.category,
        )

    def transfer(self, plan: TicketPlan, agent: User, team: Any, reason: str) -> Call:
        return lambda: actions.transfer_team(
            actor=agent, ticket_id=self.ticket_id(plan), team=team, reason=reason
        )

    def reprioritise(self, plan: TicketPlan, agent: User, priority: int, reason: str) -> Call:
        return lambda: actions.change_priority(
            actor=agent, ticket_id=self.ticket_id(plan), priority=priority, reason=reason
        )

    def watch(self, plan: TicketPlan, agent: User, person: User) -> Call:
        return lambda: actions.add_watcher(actor=agent, ticket_id=self.ticket_id(plan), user=person)

    def nest(self, child: TicketPlan, parent: TicketPlan, agent: User) -> Call:
        return lambda: actions.set_parent(
            actor=agent, ticket_id=self.ticket_id(child), parent_id=self.ticket_id(parent)
        )

    def merge(self, duplicate: TicketPlan, survivor: TicketPlan, agent: User, reason: str) -> Call:
        return lambda: actions.merge_ticket(
            actor=agent,
            ticket_id=self.ticket_id(duplicate),
            into_id=self.ticket_id(survivor),
            reason=reason,
        )

    def link(self, plan: TicketPlan, other: TicketPlan, agent: User) -> Call:
        return lambda: actions.link_related(
            actor=agent, ticket_id=self.ticket_id(plan), other_id=self.ticket_id(other)
        )
