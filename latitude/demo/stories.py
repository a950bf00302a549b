"""The decisions in the demo's history: approvals of service requests (most approved within
office hours, some declined, a few waiting, one expired, one revoked), goodwill credits, a P1
raise declined, a priority raised and lowered again, so trust metrics show something."""

import random
from datetime import datetime, timedelta
from decimal import Decimal

from latitude.demo import worktime
from latitude.demo.answers import APPROVE, DECLINE, LEAVE, Answer
from latitude.demo.decision_steps import DecisionCalls
from latitude.demo.grants import DemoLatitude
from latitude.demo.organisation import Organisation
from latitude.demo.plans import SERVICE_SPECS, Planner, TicketPlan
from latitude.demo.schedule import Call, Move, Schedule
from latitude.demo.scripts import SHOWCASE_AGENT
from latitude.demo.texts import conversation
from latitude.demo.texts import decisions as say
from latitude.demo.texts.incidents import INCIDENTS
from latitude.demo.texts.requests import REQUESTS
from latitude.people.models import User
from latitude.tickets.choices import OPEN_STATUSES, Kind, Status

FINISHED = (Status.RESOLVED, Status.CLOSED)
GOODWILL_AMOUNTS = {"small": "30.00", "revoked": "25.00", "lead": "120.00", "pending": "150.00"}


class DecisionMoves:
    """The decision moves a ticket's script contains, from the plan's story fields."""

    def __init__(
        self,
        schedule: Schedule,
        org: Organisation,
        latitude: DemoLatitude,
        rng: random.Random,
        now: datetime,
    ) -> None:
        self.schedule, self.calls = schedule, DecisionCalls(schedule)
        self.org, self.latitude, self.rng, self.now = org, latitude, rng, now

    def assign(self, plans: list[TicketPlan]) -> None:
        """Ordinary tickets: requests for services that need approval ask for it; a few
        incidents end with a goodwill credit."""
        recent = self.now - timedelta(days=2)
        for plan in plans:
            if plan.kind == Kind.REQUEST and plan.service.requires_approval:
                if plan.status != Status.NEW:
                    waiting = plan.status in OPEN_STATUSES and plan.opened_at > recent
                    plan.approval = "pending" if waiting else "approve"
            elif plan.status in FINISHED and not plan.role and self.rng.random() < 0.05:
                plan.goodwill = "small" if self.rng.random() < 0.7 else "lead"

    def middle_moves(self, plan: TicketPlan) -> list[Move]:
        return self._approval_moves(plan) + self._priority_moves(plan)

    def _approval_moves(self, plan: TicketPlan) -> list[Move]:
        if not plan.approval or plan.owner is None:
            return []
        moves = []
        if plan.approval == "over_limit" or self.rng.random() < 0.25:
            moves.append(Move(self._quote(plan), 0.03, quick=True))
        ask = self.calls.ask_approval(plan, plan.owner, self._approval_answer(plan))
        moves.append(Move(ask, 0.05, quick=True))
        if plan.approval == "revoke":
            revoke = self.calls.revoke_approval(plan, self.latitude.admin, say.REVOKE_APPROVAL)
            moves.append(Move(revoke, 1.5))
        return moves

    def _quote(self, plan: TicketPlan) -> Call:
        assert plan.owner is not None
        if plan.approval == "over_limit":
            amount = "1890.00"
        else:
            default = plan.service.default_cost_amount or Decimal("100")
            factor = Decimal(str(round(self.rng.uniform(0.8, 1.15), 2)))
            amount = str((default * factor).quantize(Decimal("1")))
        return self.calls.quote(plan, plan.owner, amount, "EUR")

    def _approval_answer(self, plan: TicketPlan) -> Answer:
        if plan.approval in ("pending", "expire"):
            return Answer(LEAVE)
        if plan.approval == "reject":
            reason = self.rng.choice(say.APPROVAL_DECLINES)
            plan.resolution = say.REJECTED_RESOLUTION.format(reason=reason)
            return Answer(DECLINE, reason, then=self.calls.rejecting(plan, reason))
        return Answer(APPROVE, self.rng.choice(say.APPROVAL_NOTES))

    def _priority_moves(self, plan: TicketPlan) -> list[Move]:
        owner = plan.owner
        if owner is None or not plan.priority_story:
            return []
        if plan.priority_story == "p1_declined":
            answer = Answer(DECLINE, say.P1_DECLINE, hours=(0.1, 1.0))
            return [Move(self.calls.raise_priority(plan, owner, 1, say.P1_WANTED, answer), 0.3)]
        up = self.rng.choice(conversation.PRIORITY_UP)
        return [
            Move(self.schedule.reprioritise(plan, owner, plan.priority - 1, up), 0.2),
            Move(self.schedule.reprioritise(plan, owner, plan.priority, say.FALSE_ALARM), 0.6),
        ]

    def after_resolution(self, plan: TicketPlan, resolved_at: datetime) -> None:
        if not plan.goodwill or plan.owner is None:
            return
        at = min(resolved_at + timedelta(minutes=self.rng.uniform(10, 90)), self.latest())
        self.grant_goodwill(plan, at)

    def latest(self) -> datetime:
        return self.now - timedelta(minutes=10)

    def grant_goodwill(self, plan: TicketPlan, at: datetime) -> None:
        assert plan.owner is not None
        kind = plan.goodwill
        reason = self.rng.choice(say.GOODWILL_REASONS)
        if kind == "declined":
            amount, answer = "400.00", Answer(DECLINE, say.GOODWILL_DECLINE)
        else:
            amount = GOODWILL_AMOUNTS[kind]
            answer = Answer(LEAVE) if kind == "pending" else Answer(APPROVE)
        self.schedule.add(at, self.calls.goodwill(plan, plan.owner, amount, reason, answer))
        if kind == "revoked":
            later = min(
                worktime.after_office_minutes(at, self.rng.uniform(120, 600)), self.latest()
            )
            revoke = self.calls.revoke_goodwill(plan, self.latitude.admin, say.GOODWILL_REVOKE)
            self.schedule.add(max(later, at + timedelta(minutes=1)), revoke)


class DecisionStories:
    """Fourteen tickets whose stories show each kind of decision at least once."""

    COUNT = 14

    def __init__(
        self, planner: Planner, org: Organisation, moves: DecisionMoves, now: datetime
    ) -> None:
        self.planner, self.org, self.moves, self.now = planner, org, moves, now
        self.rng = planner.rng
        self.leads = set(moves.latitude.leads.values())

    def plans(self) -> list[TicketPlan]:
        request, incident = self._request, self._incident
        plans = [
            request("laptops", Status.IN_PROGRESS, 1.2, approval="pending"),
            request("mobile", Status.WAITING_REQUESTER, 9, approval="expire"),
            request("laptops", Status.IN_PROGRESS, 12, approval="revoke"),
            request("software", Status.CLOSED, 20, approval="reject"),
            request("laptops", Status.CLOSED, 25, approval="over_limit"),
            incident("vpn", Status.IN_PROGRESS, 0.8, 2, priority_story="p1_declined"),
            incident("printing", Status.RESOLVED, 6, 3, priority_story="raise_lower"),
            # The same agent raises twice more and lowers again: the scope review suggests
            # narrowing their latitude to set priorities.
            incident("printing", Status.RESOLVED, 11, 3, priority_story="raise_lower"),
            incident("printing", Status.CLOSED, 16, 3, priority_story="raise_lower"),
            incident("email", Status.CLOSED, 18, 2, goodwill="lead"),
            incident("network", Status.CLOSED, 30, 2, goodwill="declined"),
            incident("collaboration", Status.RESOLVED, 5, 3, goodwill="revoked"),
            incident("passwords", Status.RESOLVED, 4, 3, reopens=True),
            incident("email", Status.IN_PROGRESS, 1.5, 2, goodwill="pending"),
        ]
        assert len(plans) == self.COUNT
        return plans

    def _opened(self, days: float) -> datetime:
        start = self.now - timedelta(days=days)
        opened = worktime.after_office_minutes(start, self.rng.uniform(0, 180))
        return min(opened, self.now - timedelta(hours=6))

    def _owner(self, slug: str) -> User:
        """Someone who has to ask: not a lead, nor the showcased agent (who deputises)."""
        members = self.org.members[SERVICE_SPECS[slug].team]
        askers = [p for p in members if p not in self.leads and p.email != SHOWCASE_AGENT]
        return self.rng.choice(askers)

    def _steady_owner(self, slug: str) -> User:
        members = self.org.members[SERVICE_SPECS[slug].team]
        askers = [p for p in members if p not in self.leads and p.email != SHOWCASE_AGENT]
        return min(askers, key=lambda person: person.email)

    def _request(self, slug: str, status: Status, days: float, *, approval: str) -> TicketPlan:
        service = self.org.services[slug]
        plan = self.planner.new_plan(
            kind=Kind.REQUEST,
            service=service,
            text=self.rng.choice(REQUESTS[slug]),
            status=status,
            opened_at=self._opened(days),
            requester=self.planner.pick_requester(),
        )
        plan.owner, plan.approval = self._owner(slug), approval
        return plan

    def _incident(
        self, slug: str, status: Status, days: float, priority: int, **story: object
    ) -> TicketPlan:
        plan = self.planner.new_plan(
            kind=Kind.INCIDENT,
            service=self.org.services[slug],
            text=self.rng.choice(INCIDENTS[slug]),
            status=status,
            opened_at=self._opened(days),
            requester=self.planner.pick_requester(),
            priority=priority,
        )
        plan.owner = self._owner(slug)
        if story.get("priority_story") == "raise_lower":
            plan.owner = self._steady_owner(slug)
        for name, value in story.items():
            setattr(plan, name, value)
        return plan

    def open_goodwill(self, plans: list[TicketPlan]) -> None:
        """A credit asked for on a ticket still being worked on (it waits in the inbox)."""
        for plan in plans:
            if plan.goodwill == "pending" and plan.owner is not None:
                at = self.now - timedelta(hours=self.rng.uniform(3, 20))
                self.moves.grant_goodwill(plan, max(at, plan.opened_at + timedelta(hours=1)))
