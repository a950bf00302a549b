"""Tickets that belong together: children of a major incident, duplicates, related tickets."""

import random
from datetime import datetime, timedelta

from latitude.demo import catalogue, worktime
from latitude.demo.decision_steps import DecisionCalls
from latitude.demo.organisation import Organisation
from latitude.demo.plans import SERVICE_SPECS, Planner, TicketPlan
from latitude.demo.schedule import Schedule
from latitude.demo.scripts import TicketScripts
from latitude.demo.texts import conversation as say
from latitude.demo.texts import decisions as decisions_say
from latitude.people.models import User
from latitude.tickets.choices import Kind, Priority, Status

AFFECTED_UNIT = {"sap": catalogue.LEJ, "network": catalogue.VIE}


class Groups:
    def __init__(
        self,
        planner: Planner,
        scripts: TicketScripts,
        schedule: Schedule,
        org: Organisation,
        rng: random.Random,
        now: datetime,
    ) -> None:
        self.planner, self.scripts, self.schedule = planner, scripts, schedule
        self.calls = DecisionCalls(schedule)
        self.unmerged = False  # one merge in the demo turns out to be a mistake
        self.org, self.rng, self.now = org, rng, now

    def open_until(self, plan: TicketPlan) -> datetime:
        return plan.resolved_at or self.now

    def affected_person(self, slug: str) -> User:
        unit = self.org.units.get(AFFECTED_UNIT.get(slug, ""))
        people = self.org.requesters_in(unit.pk) if unit else []
        return self.rng.choice(people or self.org.requesters[1:])

    # Children of a major incident: people report the symptom, the owner nests their tickets.

    def children(self, parent: TicketPlan, count: int) -> list[TicketPlan]:
        assert parent.taken_at is not None
        assert parent.owner is not None
        assert parent.scenario is not None
        reports = parent.scenario.reports
        latest = self.open_until(parent) - timedelta(hours=1)
        plans = []
        for number in range(count):
            opened = parent.taken_at + (latest - parent.taken_at) * self.rng.uniform(0.02, 0.5)
            report = reports[number % len(reports)]
            plan = self.planner.new_plan(
                kind=Kind.INCIDENT,
                service=parent.service,
                status=parent.status,
                text=(report, f"{report}. Colleagues around me have the same problem.", ""),
                opened_at=max(opened, parent.taken_at + timedelta(minutes=3)),
                requester=self.affected_person(parent.service_slug),
                priority=self.rng.choice([Priority.P2, Priority.P3]),
                role="child",
            )
            plan.opener = plan.requester
            self._write_child(plan, parent)
            plans.append(plan)
        return plans

    def _write_child(self, plan: TicketPlan, parent: TicketPlan) -> None:
        owner = parent.owner
        assert owner is not None
        plan.owner = owner
        nested_at = plan.opened_at + self.scripts.minutes(5, 40)
        update = self.schedule.numbered(say.CHILD_UPDATE, parent)
        self.schedule.add(plan.opened_at, self.schedule.open(plan))
        self.schedule.add(nested_at, self.schedule.take(plan, owner))
        self.schedule.add(
            nested_at + timedelta(seconds=30), self.schedule.nest(plan, parent, owner)
        )
        self.schedule.add(nested_at + timedelta(seconds=90), self.schedule.say(plan, owner, update))
        if parent.resolved_at is None:
            plan.status = Status.IN_PROGRESS
            return
        resolved_at = parent.resolved_at - self.scripts.minutes(1, 5)
        resolution = self.schedule.numbered(say.CHILD_RESOLUTION, parent)
        self.schedule.add(resolved_at, self.schedule.resolve(plan, owner, resolution))
        plan.resolved_at = resolved_at
        if parent.closed_at is not None and self.rng.random() < 0.75:
            plan.closed_at = resolved_at + min((self.now - resolved_at) * 0.5, timedelta(days=2))
            self.schedule.add(plan.closed_at, self.schedule.accept(plan))
        else:
            plan.status = Status.RESOLVED

    # Duplicates: the same problem reported again while the first report is being worked.

    def duplicate(self, survivor: TicketPlan) -> TicketPlan:
        assert survivor.taken_at is not None
        assert survivor.owner is not None
        start = survivor.taken_at + timedelta(minutes=10)
        end = max(self.open_until(survivor) - timedelta(minutes=30), start + timedelta(minutes=20))
        opened = start + (end - start) * self.rng.uniform(0.0, 0.5)
        same_person = self.rng.random() < 0.5
        requester = (
            survivor.requester if same_person else self.affected_person(survivor.service_slug)
        )
        description = self.rng.choice(say.DUPLICATE_DESCRIPTIONS)
        plan = self.planner.new_plan(
            kind=survivor.kind,
            service=survivor.service,
            status=Status.CLOSED,
            text=(survivor.subject, description, ""),
            opened_at=opened,
            requester=requester,
            role="duplicate",
        )
        plan.opener, plan.impact, plan.urgency = requester, survivor.impact, survivor.urgency
        merged_at = opened + min(self.scripts.minutes(15, 180), (end - opened) * 0.9)
        merged_at = max(merged_at, opened + timedelta(minutes=2))
        reason = self.rng.choice(say.MERGE_REASONS)
        self.schedule.add(opened, self.schedule.open(plan))
        self.schedule.add(merged_at, self.schedule.merge(plan, survivor, survivor.owner, reason))
        plan.closed_at = merged_at
        if not self.unmerged:
            self._unmerge_later(plan, survivor.owner, merged_at)
        return plan

    def _unmerge_later(self, plan: TicketPlan, agent: User, merged_at: datetime) -> None:
        later = worktime.after_office_minutes(merged_at, self.rng.uniform(60, 240))
        at = max(min(later, self.now - timedelta(minutes=15)), merged_at + timedelta(minutes=1))
        self.schedule.add(at, self.calls.unmerge(plan, agent, decisions_say.UNMERGE_REASON))
        self.unmerged = True

    # Related tickets: an agent notices two tickets of the team share a cause.

    def links(self, plans: list[TicketPlan], count: int) -> int:
        by_team: dict[str, list[TicketPlan]] = {}
        for plan in plans:
            if plan.is_simple and plan.role in ("", "survivor"):
                by_team.setdefault(SERVICE_SPECS[plan.service_slug].team, []).append(plan)
        pools = [pool for pool in by_team.values() if len(pool) >= 2]
        made, seen = 0, set()
        for _attempt in range(count * 5):
            if made >= count or not pools:
                break
            first, second = sorted(
                self.rng.sample(self.rng.choice(pools), 2),
                key=lambda plan: plan.taken_at or plan.opened_at,
            )
            if (first.index, second.index) in seen or not self._link(first, second):
                continue
            seen.add((first.index, second.index))
            made += 1
        return made

    def _link(self, first: TicketPlan, second: TicketPlan) -> bool:
        assert second.taken_at is not None
        assert second.owner is not None
        until = (second.closed_at or self.now) - timedelta(minutes=5)
        at = second.taken_at + self.scripts.minutes(10, 120)
        if at >= until:
            return False
        # Chosen by index, so that running the steps draws no random numbers.
        note = self.schedule.numbered(say.LINK_NOTES[first.index % len(say.LINK_NOTES)], first)
        self.schedule.add(at, self.schedule.link(second, first, second.owner))
        self.schedule.add(
            at + timedelta(seconds=20), self.schedule.say(second, second.owner, note, internal=True)
        )
        return True
