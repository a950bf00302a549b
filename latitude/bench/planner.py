"""Plans tickets with their conversation, audit trail and watchers as plain rows.

Each ticket replays the shape of a real incident drawn from the profile: arrival day and hour,
impact/urgency/priority, and, taken together from one real incident, its number of updates,
reassignments (each a team change; an agent of the team left behind keeps watching), reopen
count and time to resolve. Updates that are not state
changes become conversation: requester follow-ups and agent answers, a quarter of them
internal notes. Tickets whose resolution lies after the end of the timeline are still open.
Each reopening undoes a resolution by the requester; a few tickets are raised one priority
level once taken. Resolving P1 and P2 and raising to P2 is the team lead's decision (see
`latitude.bench.decisions`), so the lead is who does it on the trail. With the optional
`decisions` and `clocks` planners, the rows also hold decision records and SLA clocks.
"""

import bisect
import functools
import itertools
import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from latitude.bench.org import Organisation
from latitude.bench.profile import Profile
from latitude.bench.texts import Thread
from latitude.tickets.choices import CloseReason, Kind, Status

if TYPE_CHECKING:
    from latitude.bench.decisions import DecisionPlanner
    from latitude.bench.sla import ClockPlanner

SUBJECT_TYPE = "tickets.ticket"
INTERNAL_NOTE_SHARE = 0.25
AUTO_CLOSE = timedelta(days=5)  # the log's median gap between resolved_at and closed_at
RAISE_SHARE = 0.01  # tickets raised one priority level once taken
LEAD_DECIDES_BELOW = 3  # resolving P1/P2 and raising to P2 is the lead's (bench grants)


@dataclass
class Rows:
    """Column values per table, in the order of the writer's columns."""

    tickets: list[tuple] = field(default_factory=list)
    comments: list[tuple] = field(default_factory=list)
    audit: list[tuple] = field(default_factory=list)
    watchers: list[tuple] = field(default_factory=list)
    clocks: list[tuple] = field(default_factory=list)
    records: list[tuple] = field(default_factory=list)
    requests: list[tuple] = field(default_factory=list)
    routes: list[tuple] = field(default_factory=list)
    reversals: list[tuple] = field(default_factory=list)

    def count(self) -> int:
        return sum(len(rows) for rows in vars(self).values())


class Step(NamedTuple):
    """A state change on the trail: its verb and changes (JSON), who made it, and which field
    went from `old` to `new` ("status" or "priority"; clocks and decisions look at those)."""

    verb: str
    changes: str
    actor: int | None
    field: str = ""
    old: Any = None
    new: Any = None


def _moved(old: str, new: str, actor: int | None) -> Step:
    return Step("ticket.status_changed", _status_change(old, new), actor, "status", old, new)


TICKET_COLUMNS = (
    "id",
    "number",
    "kind",
    "subject",
    "description",
    "requester_id",
    "service_id",
    "category_id",
    "impact",
    "urgency",
    "priority",
    "status",
    "owner_id",
    "team_id",
    "resolution",
    "close_reason",
    "created_at",
    "updated_at",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "reopen_count",
    "version",
)
COMMENT_COLUMNS = ("id", "ticket_id", "author_id", "body", "is_internal", "created_at")
AUDIT_COLUMNS = (
    "occurred_at",
    "actor_id",
    "actor_repr",
    "verb",
    "subject_type",
    "subject_id",
    "subject_repr",
    "changes",
    "context",
    "request_id",
)
WATCHER_COLUMNS = ("ticket_id", "user_id", "added_at")


EMPTY = "{}"
AUTO_CLOSED = json.dumps({"reason": CloseReason.AUTO})


@functools.cache
def _status_change(old: str, new: str) -> str:
    return json.dumps({"status": [old, new]})


# JSON written by hand for the shapes repeated millions of times: json.dumps was 40% of planning.
def _team_change(old: int, new: int) -> str:
    return f'{{"team": [{old}, {new}]}}'


def _json_bool(value: bool) -> str:
    return "true" if value else "false"


def arrival_times(
    profile: Profile, count: int, end: datetime, rng: random.Random
) -> list[datetime]:
    """`count` opening times, day by day following the log's daily arrivals, ending at `end`."""
    days: list[int] = []
    for daily in itertools.cycle(profile.daily_arrivals):
        days.append(daily)
        if sum(days) >= count:
            break
    start = (end - timedelta(days=len(days))).replace(hour=0, minute=0, second=0, microsecond=0)
    times: list[datetime] = []
    for offset, daily in enumerate(days):
        day = start + timedelta(days=offset)
        times.extend(
            day + timedelta(hours=rng.choice(profile.arrival_hours), minutes=rng.randrange(60))
            for _ in range(daily)
        )
    times = sorted(times)[:count]
    return [min(moment, end) for moment in times]


class Planner:
    """Turns profile samples into rows; ids are assigned here so rows can refer to each other."""

    def __init__(
        self,
        profile: Profile,
        org: Organisation,
        threads: list[Thread],
        *,
        end: datetime,
        rng: random.Random,
        first_ticket_id: int = 1,
        first_comment_id: int = 1,
        decisions: "DecisionPlanner | None" = None,
        clocks: "ClockPlanner | None" = None,
    ) -> None:
        self.profile, self.org, self.threads, self.end, self.rng = profile, org, threads, end, rng
        self.next_ticket_id, self.next_comment_id = first_ticket_id, first_comment_id
        self.decisions, self.clocks = decisions, clocks
        self.team_weights = list(itertools.accumulate(profile.team_loads))

    def _team(self) -> int:
        pick = self.rng.random() * self.team_weights[-1]
        return self.org.team_ids[bisect.bisect_right(self.team_weights, pick)]

    def plan(self, opened: list[datetime]) -> Rows:
        rows = Rows()
        for moment in opened:
            ticket = TicketPlan(self, moment)
            ticket.write(rows)
            if self.decisions:
                self.decisions.plan(ticket, rows)
            if self.clocks:
                rows.clocks.extend(self.clocks.rows(ticket))
        return rows


class TicketPlan:
    """One ticket's life, sampled from the profile."""

    def __init__(self, planner: Planner, opened: datetime) -> None:
        self.p, rng, profile = planner, planner.rng, planner.profile
        self.id = planner.next_ticket_id
        planner.next_ticket_id += 1
        self.opened = opened
        self.thread = rng.choice(planner.threads)
        self.impact, self.urgency, self.priority = rng.choice(profile.classification)
        self.updates, moves, self.reopens, hours = rng.choice(profile.shapes)
        if hours is None:  # unresolved when the log was cut: censored, not endless
            hours = rng.choice(profile.resolution_hours)
        self.teams = [planner._team() for _ in range(moves + 1)]
        self.team = self.teams[-1]
        agents = planner.org.team_agents[self.team]
        self.owner = None if rng.random() < profile.unassigned_share else rng.choice(agents)
        self.requester = rng.choice(planner.org.requester_ids)
        self.lead = planner.org.lead_of(self.team)
        self.initial_priority = self.priority
        if self.owner and self.priority >= LEAD_DECIDES_BELOW and rng.random() < RAISE_SHARE:
            self.priority -= 1
        self.timeline: list[tuple[datetime, Step]] = []  # state changes, filled by `write`
        self.first_response: datetime | None = None
        resolved = opened + timedelta(hours=hours)
        self.resolved = resolved if resolved <= planner.end else None
        if self.resolved is None:
            self.reopens = 0  # a reopening follows a resolution, which lies ahead
        self.closed = (
            resolved + AUTO_CLOSE
            if self.resolved and resolved + AUTO_CLOSE <= planner.end
            else None
        )
        self.number = f"INC-{self.id:06d}"
        self.repr = f"{self.number} {self.thread.subject}"[:200]

    @property
    def status(self) -> str:
        if self.closed:
            return Status.CLOSED
        if self.resolved:
            return Status.RESOLVED
        return Status.IN_PROGRESS if self.owner else Status.NEW

    def _moments(self, count: int) -> list[datetime]:
        """Sorted update times between opening and resolution (or the end of the timeline)."""
        until = self.resolved or self.p.end
        span = max((until - self.opened).total_seconds(), 1.0)
        return sorted(
            self.opened + timedelta(seconds=self.p.rng.random() * span) for _ in range(count)
        )

    def acting(self, level: int) -> int | None:
        """Who resolves (or raises to) `level` on the trail: the owner within the members'
        scope, else the team lead (approving the owner's request, or for nobody's ticket)."""
        return self.owner if self.owner and level >= LEAD_DECIDES_BELOW else self.lead

    def _state_changes(self) -> list[Step]:
        """Team moves, assignment, a priority raise, resolutions and reopenings, in order."""
        steps = [
            Step(
                "ticket.team_changed",
                _team_change(old, new),
                self.p.rng.choice(self.p.org.team_agents[old]),
            )
            for old, new in itertools.pairwise(self.teams)
        ]
        working = Status.NEW
        if self.owner:
            steps.append(
                Step("ticket.owner_changed", f'{{"owner": [null, {self.owner}]}}', self.owner)
            )
            steps.append(_moved(Status.NEW, Status.IN_PROGRESS, self.owner))
            working = Status.IN_PROGRESS
        if self.priority != self.initial_priority:
            old, new = self.initial_priority, self.priority
            changes = f'{{"priority": [{old}, {new}]}}'
            steps.append(
                Step("ticket.priority_changed", changes, self.acting(new), "priority", old, new)
            )
        if self.resolved:
            resolver = self.acting(self.priority)
            for _ in range(self.reopens):
                steps.append(_moved(working, Status.RESOLVED, resolver))
                steps.append(_moved(Status.RESOLVED, Status.IN_PROGRESS, self.requester))
                working = Status.IN_PROGRESS
            steps.append(_moved(working, Status.RESOLVED, resolver))
        return steps

    def write(self, rows: Rows) -> None:
        steps = self._state_changes()
        replies = max(0, self.updates - 1 - len(steps) - (1 if self.closed else 0))
        moments = self._moments(len(steps) + replies)
        opened = (
            f'{{"kind": "{Kind.INCIDENT}", "priority": {self.initial_priority}, '
            f'"team": {self.teams[0]}}}'
        )
        self._audit(rows, self.opened, self.requester, "ticket.opened", EMPTY, opened)
        self._terms(rows, self.opened, self.requester, self.initial_priority)
        self.first_response = first_response = self._conversation(rows, moments[:replies])
        self.timeline = list(zip(moments[replies:], steps, strict=True))
        for moment, step in self.timeline:
            self._audit(rows, moment, step.actor, step.verb, step.changes, EMPTY)
            if step.field == "priority":
                self._terms(rows, moment, step.actor, step.new)
        if self.closed:
            closing = _moved(Status.RESOLVED, Status.CLOSED, None)
            self._audit(rows, self.closed, None, closing.verb, closing.changes, AUTO_CLOSED)
            self.timeline.append((self.closed, closing))
        self._watchers(rows)
        self.last_change = max([self.opened, *moments])  # of an open ticket: its clocks' mark
        last = max([self.last_change, *(m for m in (self.resolved, self.closed) if m)])
        rows.tickets.append(
            (
                self.id,
                self.number,
                Kind.INCIDENT,
                self.thread.subject,
                self.p.rng.choice(self.thread.paraphrases),
                self.requester,
                self.p.org.service_of_team[self.team],
                self.p.rng.choice(self.p.org.category_ids),
                self.impact,
                self.urgency,
                self.priority,
                self.status,
                self.owner,
                self.team,
                self.thread.answers[0] if self.resolved else "",
                CloseReason.AUTO if self.closed else "",
                self.opened,
                last,
                first_response,
                self.resolved,
                self.closed,
                self.reopens,
                1 + len(steps) + (1 if self.closed else 0),
            )
        )

    def _conversation(self, rows: Rows, moments: list[datetime]) -> datetime | None:
        first_response = None
        agents = self.p.org.team_agents[self.team]
        for index, moment in enumerate(moments):
            from_agent = index % 2 == 0
            author = (self.owner or self.p.rng.choice(agents)) if from_agent else self.requester
            internal = from_agent and self.p.rng.random() < INTERNAL_NOTE_SHARE
            texts = self.thread.answers if from_agent else self.thread.paraphrases
            comment_id = self.p.next_comment_id
            self.p.next_comment_id += 1
            rows.comments.append(
                (comment_id, self.id, author, self.p.rng.choice(texts), internal, moment)
            )
            context = f'{{"comment_id": {comment_id}, "internal": {_json_bool(internal)}}}'
            self._audit(rows, moment, author, "ticket.commented", EMPTY, context)
            if from_agent and not internal and first_response is None:
                first_response = moment
        return first_response

    def _terms(self, rows: Rows, moment: datetime, actor: int | None, priority: int) -> None:
        """The SLA terms the ticket action writes on opening and when the priority changes."""
        if self.p.clocks:
            terms = self.p.clocks.terms_json(priority)
            self._audit(rows, moment, actor, "sla.terms_set", EMPTY, terms)

    def _watchers(self, rows: Rows) -> None:
        """An agent of each team the ticket left keeps watching it (at most three)."""
        watchers = {self.p.rng.choice(self.p.org.team_agents[team]) for team in self.teams[:-1][:3]}
        watchers.discard(self.owner)
        rows.watchers.extend((self.id, user, self.opened) for user in sorted(watchers))

    def _audit(
        self, rows: Rows, moment: datetime, actor: int | None, verb: str, changes: str, context: str
    ) -> None:
        """One audit entry; `changes` and `context` are JSON text."""
        rows.audit.append(
            (
                moment,
                actor,
                self.p.org.names.get(actor, "system") if actor else "system",
                verb,
                SUBJECT_TYPE,
                self.id,
                self.repr,
                changes,
                context,
                "",
            )
        )
