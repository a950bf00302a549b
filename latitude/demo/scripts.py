"""The life of each demo ticket as a sequence of moves by the people involved."""

import random
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from latitude.demo import distributions, worktime
from latitude.demo.distributions import REOPEN_SHARE
from latitude.demo.organisation import Organisation
from latitude.demo.plans import SERVICE_SPECS, TicketPlan
from latitude.demo.schedule import Move, Schedule
from latitude.demo.texts import conversation as say
from latitude.people.models import User
from latitude.tickets.choices import Status

DESK = "service-desk"
# Where a specialist team sends a ticket that turns out not to be theirs.
HANDOFF_TO = {
    "workplace": "identity-access",
    "network": "identity-access",
    "business-apps": "identity-access",
    "identity-access": "workplace",
    "security": "workplace",
}
SHOWCASE_AGENT = "agent@demo.latitude.example"

if TYPE_CHECKING:
    from latitude.demo.stories import DecisionMoves


class TicketScripts:
    def __init__(
        self, schedule: Schedule, org: Organisation, rng: random.Random, now: datetime
    ) -> None:
        self.schedule, self.org, self.rng, self.now = schedule, org, rng, now
        self.decisions: DecisionMoves | None = None  # approvals, goodwill (set by the generator)

    def pick_agent(self, team: str) -> User:
        members = self.org.members[team]
        weights = [1.5 if agent.email == SHOWCASE_AGENT else 1.0 for agent in members]
        return self.rng.choices(members, weights=weights)[0]

    def text(self, plan: TicketPlan, options: tuple[str, ...]) -> str:
        return self.rng.choice(options).format_map(plan.words)

    def minutes(self, low: float, high: float) -> timedelta:
        return timedelta(minutes=self.rng.uniform(low, high))

    # Ordinary tickets, major incidents and duplicate survivors.

    def write(self, plan: TicketPlan) -> None:
        self.schedule.add(plan.opened_at, self.schedule.open(plan))
        if plan.status == Status.NEW:
            self._untouched(plan)
            return
        end = self._work_end(plan)
        touch = plan.opened_at + min(
            distributions.first_touch(self.rng, plan.priority), (end - plan.opened_at) * 0.3
        )
        moves = self._first_moves(plan) + self._middle_moves(plan) + self._final_moves(plan)
        if plan.status == Status.CLOSED:  # even a quick fix takes a few minutes per step
            end = max(end, touch + timedelta(minutes=3 * len(moves)))
        if plan.status in (Status.RESOLVED, Status.CLOSED) and plan.role != "major":
            end = self.in_office_hours(end)
        around_the_clock = plan.role == "major"
        times = self.schedule.place(
            moves, touch, end - timedelta(minutes=1), office_hours=not around_the_clock
        )
        plan.taken_at = times[0]
        if plan.status in (Status.RESOLVED, Status.CLOSED):
            self._resolution(plan, end)

    def _untouched(self, plan: TicketPlan) -> None:
        waited = self.now - plan.opened_at
        if waited > timedelta(days=1) and self.rng.random() < 0.3:
            at = plan.opened_at + waited * self.rng.uniform(0.4, 0.9)
            body = self.text(plan, say.REQUESTER_NUDGES)
            self.schedule.add(at, self.schedule.say(plan, plan.requester, body))

    def in_office_hours(self, moment: datetime) -> datetime:
        """The next office-hours moment, unless that is too close to now (or past it)."""
        shifted = worktime.after_office_minutes(moment, self.rng.uniform(0, 30))
        return shifted if shifted < self.now - timedelta(hours=2) else moment

    def _work_end(self, plan: TicketPlan) -> datetime:
        """When the last piece of work happens: the resolution, or the latest move so far."""
        age = self.now - plan.opened_at
        if plan.status == Status.CLOSED:
            hours = distributions.resolution_hours(self.rng)
            if plan.role:
                hours = max(hours, self.rng.uniform(3, 30))
            return plan.opened_at + min(timedelta(hours=hours), age * 0.8)
        return self.now - min(age * self.rng.uniform(0.05, 0.5), timedelta(days=3))

    def _first_moves(self, plan: TicketPlan) -> list[Move]:
        team = SERVICE_SPECS[plan.service_slug].team
        if not plan.via_triage:
            plan.owner = plan.owner or self.pick_agent(team)
            return [Move(self.schedule.take(plan, plan.owner), 0.0)]
        desk = plan.opener if plan.opener in self.org.members[DESK] else self.pick_agent(DESK)
        moves = [
            Move(self.schedule.take(plan, desk), 0.0),
            Move(self.schedule.classify(plan, desk), 0.05, quick=True),
        ]
        plan.owner = desk
        if team == DESK or self.rng.random() < distributions.FIRST_LEVEL_FIX_SHARE:
            return moves
        plan.owner = self.pick_agent(team)
        reason = self.text(plan, say.TRIAGE_REASONS)
        return [
            *moves,
            Move(
                self.schedule.transfer(plan, desk, self.org.teams[team], reason), 0.05, quick=True
            ),
            Move(self.schedule.take(plan, plan.owner), 0.3),
        ]

    def _writes(
        self,
        plan: TicketPlan,
        author: User | None,
        options: tuple[str, ...],
        weight: float,
        *,
        quick: bool = False,
        internal: bool = False,
    ) -> Move:
        assert author is not None
        body = self.text(plan, options)
        return Move(self.schedule.say(plan, author, body, internal=internal), weight, quick=quick)

    def _middle_moves(self, plan: TicketPlan) -> list[Move]:
        chance = self.rng.random
        moves: list[Move] = self.decisions.middle_moves(plan) if self.decisions else []
        if chance() < 0.85 and plan.role != "major":
            moves.append(self._writes(plan, plan.owner, say.ACKNOWLEDGEMENTS, 0.1, quick=True))
        if chance() < 0.08:
            moves.append(self._reprioritise(plan))
        steady = not plan.role and not plan.via_triage and not plan.approval
        if steady and chance() < distributions.HANDOFF_SHARE:
            moves += self._handoff(plan)
        if chance() < 0.12:
            moves.append(self._add_watcher(plan))
        if chance() < 0.1 and plan.role != "major":
            moves.append(self._writes(plan, plan.requester, say.REQUESTER_NUDGES, 1.0))
        if chance() < 0.35:
            notes = say.MAJOR_NOTES if plan.role == "major" else say.INTERNAL_NOTES
            moves.append(self._writes(plan, plan.owner, notes, 0.5, internal=True))
        if plan.status != Status.WAITING_REQUESTER and not plan.role and chance() < 0.2:
            moves += [*self._ask_requester(plan), self._requester_answers(plan)]
        if plan.status != Status.WAITING_THIRD_PARTY and chance() < 0.1:
            moves += [*self._wait_for_vendor(plan), *self._vendor_answers(plan)]
        return moves

    def _final_moves(self, plan: TicketPlan) -> list[Move]:
        if plan.status == Status.WAITING_REQUESTER:
            return self._ask_requester(plan)
        if plan.status == Status.WAITING_THIRD_PARTY:
            return self._wait_for_vendor(plan)
        return [Move(lambda: None, 0.5)]  # some quiet time before the work ends

    def _reprioritise(self, plan: TicketPlan) -> Move:
        assert plan.owner is not None
        raise_it = plan.priority > 2 and self.rng.random() < 0.5
        if raise_it or plan.priority == 4:
            target, reason = plan.priority - 1, self.text(plan, say.PRIORITY_UP)
        else:
            target, reason = plan.priority + 1, self.text(plan, say.PRIORITY_DOWN)
        return Move(self.schedule.reprioritise(plan, plan.owner, target, reason), 0.1, quick=True)

    def _handoff(self, plan: TicketPlan) -> list[Move]:
        assert plan.owner is not None
        target = HANDOFF_TO.get(SERVICE_SPECS[plan.service_slug].team, "identity-access")
        previous, plan.owner, plan.handed_off = plan.owner, self.pick_agent(target), True
        reason = self.text(plan, say.HANDOFF_REASONS)
        return [
            Move(self.schedule.transfer(plan, previous, self.org.teams[target], reason), 0.5),
            Move(self.schedule.take(plan, plan.owner), 0.3),
        ]

    def _add_watcher(self, plan: TicketPlan) -> Move:
        assert plan.owner is not None
        colleagues = [
            p for p in self.org.requesters_in(plan.requester.unit_id) if p != plan.requester
        ]
        person = self.rng.choice(colleagues or self.org.requesters)
        return Move(self.schedule.watch(plan, plan.owner, person), 0.2)

    def _ask_requester(self, plan: TicketPlan) -> list[Move]:
        assert plan.owner is not None
        return [
            Move(self.schedule.say(plan, plan.owner, self.text(plan, say.QUESTIONS)), 0.5),
            Move(
                self.schedule.set_status(plan, plan.owner, Status.WAITING_REQUESTER),
                0.01,
                quick=True,
            ),
        ]

    def _requester_answers(self, plan: TicketPlan) -> Move:
        return Move(
            self.schedule.say(plan, plan.requester, self.text(plan, say.REQUESTER_ANSWERS)), 1.5
        )

    def _wait_for_vendor(self, plan: TicketPlan) -> list[Move]:
        assert plan.owner is not None
        note = self.text(plan, say.VENDOR_NOTES)
        return [
            Move(self.schedule.say(plan, plan.owner, note, internal=True), 0.5),
            Move(
                self.schedule.set_status(plan, plan.owner, Status.WAITING_THIRD_PARTY),
                0.01,
                quick=True,
            ),
        ]

    def _vendor_answers(self, plan: TicketPlan) -> list[Move]:
        assert plan.owner is not None
        note = self.text(plan, say.VENDOR_BACK)
        return [
            Move(self.schedule.set_status(plan, plan.owner, Status.IN_PROGRESS), 2.0),
            Move(self.schedule.say(plan, plan.owner, note, internal=True), 0.01, quick=True),
        ]

    # Resolution, acceptance, closing and the occasional reopen.

    def _resolution(self, plan: TicketPlan, resolved_at: datetime) -> None:
        assert plan.owner is not None
        plan.resolved_at = resolved_at
        self.schedule.add(resolved_at, self.schedule.resolve(plan, plan.owner, plan.resolution))
        unanswered = False
        if plan.status == Status.CLOSED:
            plan.closed_at, unanswered = self._closing_time(resolved_at)
        window_end = plan.closed_at or self.now - timedelta(minutes=5)
        room = window_end - resolved_at > timedelta(hours=1)
        reopens = plan.reopens or (not plan.role and self.rng.random() < REOPEN_SHARE)
        if not unanswered and room and reopens:
            self._reopen(plan, resolved_at, window_end)
        if self.decisions is not None:
            self.decisions.after_resolution(plan, resolved_at)
        if plan.closed_at is not None:
            self._close(plan, plan.closed_at, unanswered=unanswered)

    def _closing_time(self, resolved_at: datetime) -> tuple[datetime, bool]:
        """Most requesters confirm within days; when one never answers, the owner closes."""
        waited = self.now - resolved_at
        if waited > timedelta(days=7) and self.rng.random() < 0.25:
            closing = resolved_at + timedelta(days=self.rng.uniform(5, 6))
            return self.in_office_hours(closing), True
        gap = min(waited * self.rng.uniform(0.1, 0.7), timedelta(days=4))
        return self.in_office_hours(resolved_at + max(gap, timedelta(minutes=10))), False

    def _reopen(self, plan: TicketPlan, resolved_at: datetime, until: datetime) -> None:
        assert plan.owner is not None
        span = until - resolved_at
        again = resolved_at + span * 0.6
        self.schedule.add(
            resolved_at + span * 0.25,
            self.schedule.reopen(plan, self.text(plan, say.REOPEN_REASONS)),
        )
        self.schedule.add(
            resolved_at + span * 0.35,
            self.schedule.say(plan, plan.owner, self.text(plan, say.ACKNOWLEDGEMENTS)),
        )
        self.schedule.add(again, self.schedule.resolve(plan, plan.owner, plan.resolution))
        plan.resolved_at = again

    def _close(self, plan: TicketPlan, closed_at: datetime, *, unanswered: bool) -> None:
        assert plan.owner is not None
        if unanswered:
            close = self.schedule.set_status(
                plan, plan.owner, Status.CLOSED, reason=say.NO_RESPONSE_CLOSE
            )
            self.schedule.add(closed_at, close)
            return
        if self.rng.random() < 0.4:
            thanks = self.schedule.say(plan, plan.requester, self.text(plan, say.THANKS))
            self.schedule.add(closed_at - timedelta(seconds=40), thanks)
        self.schedule.add(closed_at, self.schedule.accept(plan))
