"""The life of each demo ticket as a sequence of moves by the people involved."""

import random
from datetime import datetime, timedelta

from latitude.demo import distributions
from latitude.demo.organisation import Organisation
from latitude.demo.plans import SERVICE_SPECS, TicketPlan
from latitude.demo.schedule import Move, Schedule
from latitude.demo.texts import conversation as say
from latitude.people.models import User
from latitude.tickets.choices import Kind, Status

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


class TicketScripts:
    def __init__(
        self, schedule: Schedule, org: Organisation, rng: random.Random, now: datetime
    ) -> None:
        self.schedule, self.org, self.rng, self.now = schedule, org, rng, now

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
        plan.taken_at = touch
        self.schedule.place(moves, touch, end - timedelta(minutes=1))
        if plan.status in (Status.RESOLVED, Status.CLOSED):
            self._resolution(plan, end)

    def _untouched(self, plan: TicketPlan) -> None:
        waited = self.now - plan.opened_at
        if waited > timedelta(days=1) and self.rng.random() < 0.3:
            at = plan.opened_at + waited * self.rng.uniform(0.4, 0.9)
            body = self.text(plan, say.REQUESTER_NUDGES)
            self.schedule.add(at, self.schedule.say(plan, plan.requester, body))

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
            plan.owner = self.pick_agent(team)
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
        moves: list[Move] = []
        if chance() < 0.85 and plan.role != "major":
            moves.append(self._writes(plan, plan.owner, say.ACKNOWLEDGEMENTS, 0.1, quick=True))
        if chance() < 0.08:
            moves.append(self._reprioritise(plan))
        if not plan.role and not plan.via_triage and chance() < distributions.HANDOFF_SHARE:
            moves += self._handoff(plan)
        if chance() < 0.12:
            moves.append(self._add_watcher(plan))
        if chance() < 0.1 and plan.role != "major":
            moves.append(self._writes(plan, plan.requester, say.REQUESTER_NUDGES, 1.0))
        if chance() < 0.35:
            moves.append(self._writes(plan, plan.owner, say.INTERNAL_NOTES, 0.5, internal=True))
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

    def resolution_text(self, plan: TicketPlan) -> str:
        if plan.kind == Kind.REQUEST:
            return self.rng.choice(say.FULFILMENTS)
        return self.rng.choice(say.RESOLUTIONS[plan.service_slug])

    def _resolution(self, plan: TicketPlan, resolved_at: datetime) -> None:
        assert plan.owner is not None
        plan.resolved_at = resolved_at
        self.schedule.add(
            resolved_at, self.schedule.resolve(plan, plan.owner, self.resolution_text(plan))
        )
        if plan.status == Status.CLOSED:
            gap = min((self.now - resolved_at) * self.rng.uniform(0.1, 0.7), timedelta(days=4))
            plan.closed_at = resolved_at + max(gap, timedelta(minutes=10))
        window_end = plan.closed_at or self.now - timedelta(minutes=5)
        if self.rng.random() < distributions.REOPEN_SHARE and window_end - resolved_at > timedelta(
            hours=1
        ):
            resolved_at = self._reopen(plan, resolved_at, window_end)
        if plan.closed_at is not None:
            self._close(plan, resolved_at, plan.closed_at)

    def _reopen(self, plan: TicketPlan, resolved_at: datetime, until: datetime) -> datetime:
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
        self.schedule.add(
            again, self.schedule.resolve(plan, plan.owner, self.resolution_text(plan))
        )
        plan.resolved_at = again
        return again

    def _close(self, plan: TicketPlan, resolved_at: datetime, closed_at: datetime) -> None:
        assert plan.owner is not None
        if closed_at - resolved_at > timedelta(days=3) and self.rng.random() < 0.5:
            self.schedule.add(
                closed_at,
                self.schedule.set_status(
                    plan, plan.owner, Status.CLOSED, reason=say.NO_RESPONSE_CLOSE
                ),
            )
            return
        if self.rng.random() < 0.4:
            thanks = self.text(plan, say.THANKS)
            self.schedule.add(
                closed_at - timedelta(seconds=40), self.schedule.say(plan, plan.requester, thanks)
            )
        self.schedule.add(closed_at, self.schedule.accept(plan))
