"""Decision scopes of the benchmark desk, and the decision records of each planned ticket.

Every team's members may resolve, close and reopen tickets of P3 and P4 and raise a ticket to
P3 or P4; its lead may take these decisions on any ticket. So the records follow the ticket's
trail as the guarded actions would have written them: a resolution or raise within the owner's
scope is taken; one beyond it was requested by the owner and approved by the lead, who is the
actor on the trail (a ninth of those were declined once before); a reopening is the requester's
by right and reverses the resolution it undoes; the desk's automatic closing is by right too.
Ids are chosen here, as the planner chooses ticket ids, so records can point at each other.
"""

import functools
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings

from latitude.bench.org import Organisation
from latitude.bench.planner import LEAD_DECIDES_BELOW, SUBJECT_TYPE, Rows, Step
from latitude.catalog.choices import Criticality
from latitude.scopes.benchdata import DECLINED_SHARE, bulk_grants
from latitude.scopes.choices import HolderKind, TeamScope
from latitude.scopes.conditions import NO_LIMITS, Tree
from latitude.scopes.models import DecisionOutcome, RequestKind, RequestStatus
from latitude.scopes.terms import GrantTerms, checked
from latitude.tickets.choices import Kind, Status

if TYPE_CHECKING:
    from latitude.bench.planner import TicketPlan

LIFECYCLE = ["ticket.resolve", "ticket.close", "ticket.reopen"]
RAISE = "ticket.set_priority"
ACTIONS = {
    "ticket.resolve": "latitude.tickets.actions.status.change_status",
    RAISE: "latitude.tickets.actions.fields.change_priority",
}
ASKED_BEFORE = timedelta(hours=2)  # how long before its approval a request was made
RECORD_COLUMNS = (
    "id", "decision", "outcome", "within_scope", "effect", "actor_id", "actor_repr",
    "on_behalf_of_id", "team_id", "facts", "grant_version_id", "grant_version_ids",
    "explanation", "rationale", "request_id", "occurred_at", "subject_type", "subject_id",
    "subject_repr",
)  # fmt: skip
REQUEST_COLUMNS = (
    "id", "decision", "kind", "status", "requester_id", "facts", "explanation", "action",
    "arguments", "created_at", "expires_at", "decided_at", "decided_by_id", "decision_note",
    "version", "subject_type", "subject_id", "subject_repr",
)  # fmt: skip
ROUTE_COLUMNS = (
    "request_id",
    "person_id",
    "rank",
    "reason",
    "routed_at",
    "active",
    "ended_because",
)
REVERSAL_COLUMNS = ("record_id", "undone_by_id", "occurred_at", "after_seconds")


@dataclass
class Grants:
    """Per team, the grant version of its members (lifecycle, raise) and of its lead."""

    members: dict[int, tuple[int, int]] = field(default_factory=dict)
    lead: dict[int, int] = field(default_factory=dict)


def _team_terms(team_id: int, scope: str, decisions: list[str], condition: Tree) -> dict:
    terms = GrantTerms(
        HolderKind.TEAM, decisions, condition=condition, holder_team_id=team_id,
        team_scope=scope, rationale=WHY,
    )  # fmt: skip
    return checked(terms).as_fields()


def create_grants(org: Organisation) -> Grants:
    """Three grants per team, checked as the grant actions check them, written in bulk."""
    lifecycle = {"fact": "priority", "op": "gte", "value": LEAD_DECIDES_BELOW}
    raise_to = {"fact": "to", "op": "gte", "value": LEAD_DECIDES_BELOW}
    wanted: dict[str, dict] = {}
    for n, team in enumerate(org.team_ids, start=1):
        members = TeamScope.MEMBERS
        wanted[f"Group {n}: P3-P4 lifecycle"] = _team_terms(team, members, LIFECYCLE, lifecycle)
        wanted[f"Group {n}: raise to P3"] = _team_terms(team, members, [RAISE], raise_to)
        wanted[f"Group {n}: lead decides"] = _team_terms(
            team, TeamScope.LEAD, [*LIFECYCLE, RAISE], dict(NO_LIMITS)
        )
    ids, grants = bulk_grants(wanted), Grants()
    for n, team in enumerate(org.team_ids, start=1):
        grants.members[team] = (ids[f"Group {n}: P3-P4 lifecycle"], ids[f"Group {n}: raise to P3"])
        grants.lead[team] = ids[f"Group {n}: lead decides"]
    return grants


@functools.cache
def _grant_ids(grant: int | None) -> str:
    return json.dumps([grant] if grant else [])


@functools.cache
def _facts(decision: str, old: Any, new: Any, service: int, team: int) -> str:
    """The facts as JSON text; few distinct values, each written many times."""
    where = f'"kind": "{Kind.INCIDENT}", "service": {service}'
    where += f', "service_criticality": {Criticality.MEDIUM}, "team": {team}'
    if decision == RAISE:
        return f'{{"from": {old}, "to": {new}, {where}}}'
    priority, reopens = new
    return (
        f'{{"from": "{old}", "priority": {priority}, "open_children": 0, '
        f'"reopen_count": {reopens}, {where}}}'
    )


class DecisionPlanner:
    """Turns a planned ticket's state changes into record, request, route and reversal rows."""

    def __init__(
        self, org: Organisation, grants: Grants, *, first_record_id: int, first_request_id: int
    ) -> None:
        self.org, self.grants = org, grants
        self.next_record_id, self.next_request_id = first_record_id, first_request_id
        self.window = timedelta(days=settings.LATITUDE_REVERSAL_WINDOW_DAYS)

    def plan(self, ticket: "TicketPlan", rows: Rows) -> None:
        TicketDecisions(self, ticket, rows).write()


class TicketDecisions:
    """One ticket's decisions, in the order of its trail."""

    def __init__(self, planner: DecisionPlanner, ticket: "TicketPlan", rows: Rows) -> None:
        self.p, self.t, self.rows = planner, ticket, rows
        self.reopens = 0
        self.undoable: tuple[int, datetime] | None = None  # the last resolution or closing

    def write(self) -> None:
        previous = self.t.opened
        for moment, step in self.t.timeline:
            self._step(moment, step, previous)
            previous = moment

    def _step(self, moment: datetime, step: Step, previous: datetime) -> None:
        if step.field == "priority":
            self._decide(RAISE, moment, step, previous, step.new)
        elif step.new == Status.CLOSED:
            self.undoable = (self._by_right("ticket.close", moment, step), moment)
        elif step.new == Status.RESOLVED:
            record = self._decide("ticket.resolve", moment, step, previous, self.t.priority)
            self.undoable = (record, moment)
        elif step.old in (Status.RESOLVED, Status.CLOSED):
            self._reopen(moment, step)

    # Facts ---------------------------------------------------------------------------------

    def _facts(self, decision: str, step: Step) -> str:
        service = self.p.org.service_of_team[self.t.team]
        if decision == RAISE:
            return _facts(decision, step.old, step.new, service, self.t.team)
        return _facts(decision, step.old, (self.t.priority, self.reopens), service, self.t.team)

    # Records -------------------------------------------------------------------------------

    def _record_id(self) -> int:
        self.p.next_record_id += 1
        return self.p.next_record_id - 1

    def _record(self, decision: str, outcome: str, moment: datetime, **values: Any) -> int:
        record_id, actor = self._record_id(), values.get("actor")
        grant = values.get("grant")
        self.rows.records.append(
            (
                record_id, decision, outcome, values.get("within_scope", True),
                values.get("effect", ""), actor, self.p.org.names.get(actor, "system") if actor
                else "system", values.get("on_behalf_of"), values.get("team"), values["facts"],
                grant, _grant_ids(grant), values.get("explanation", ""),
                values.get("rationale", ""), values.get("request"), moment, SUBJECT_TYPE,
                self.t.id, self.t.repr,
            )
        )  # fmt: skip
        return record_id

    def _grant(self, decision: str, actor: int) -> int:
        if actor == self.t.lead:
            return self.p.grants.lead[self.t.team]
        lifecycle, raising = self.p.grants.members[self.t.team]
        return raising if decision == RAISE else lifecycle

    def _decide(
        self, decision: str, moment: datetime, step: Step, previous: datetime, level: int
    ) -> int:
        actor, owner, facts = step.actor, self.t.owner, self._facts(decision, step)
        if actor is None:
            raise ValueError("a taken decision needs a person")
        if owner and actor != owner and level < LEAD_DECIDES_BELOW:
            return self._approved(decision, moment, facts, previous, owner)
        return self._record(
            decision, DecisionOutcome.TAKEN, moment, actor=actor, team=self.t.team, facts=facts,
            grant=self._grant(decision, actor), effect="decide", explanation=ALLOWED,
        )  # fmt: skip

    def _by_right(self, decision: str, moment: datetime, step: Step, **values: Any) -> int:
        facts = self._facts(decision, step)
        return self._record(decision, DecisionOutcome.BY_RIGHT, moment, facts=facts, **values)

    def _reopen(self, moment: datetime, step: Step) -> None:
        record = self._by_right("ticket.reopen", moment, step, actor=self.t.requester)
        self.reopens += 1
        undone, self.undoable = self.undoable, None
        if undone and moment - undone[1] <= self.p.window:
            seconds = int((moment - undone[1]).total_seconds())
            self.rows.reversals.append((undone[0], record, moment, seconds))

    # Requests ------------------------------------------------------------------------------

    def _approved(
        self, decision: str, moment: datetime, facts: str, previous: datetime, owner: int
    ) -> int:
        asked = max(moment - ASKED_BEFORE, previous + (moment - previous) / 2)
        if self._declined_first():
            before = previous + (asked - previous) / 4
            self._request(decision, facts, owner, before, previous + (asked - previous) / 2)
        request = self._request(decision, facts, owner, asked, moment, approved=True)
        return self._record(
            decision, DecisionOutcome.APPROVED, moment, actor=self.t.lead, on_behalf_of=owner,
            team=self.t.team, facts=facts, grant=self.p.grants.lead[self.t.team],
            effect="decide", explanation=ALLOWED, request=request,
        )  # fmt: skip

    def _declined_first(self) -> bool:
        # Deterministic and spread over tickets, without drawing from the planner's generator.
        return self.t.id % round(1 / DECLINED_SHARE) == 0

    def _request(
        self, decision: str, facts: str, owner: int, asked: datetime, decided: datetime,
        *, approved: bool = False,
    ) -> int:  # fmt: skip
        request_id = self.p.next_request_id
        self.p.next_request_id += 1
        status = RequestStatus.APPROVED if approved else RequestStatus.DECLINED
        self.rows.requests.append(
            (
                request_id, decision, RequestKind.OUT_OF_SCOPE, status, owner, facts, OUTSIDE,
                ACTIONS[decision], self._arguments(decision), asked,
                asked + timedelta(hours=settings.LATITUDE_DECISION_REQUEST_HOURS), decided,
                self.t.lead, "" if approved else DECLINE_NOTE, 2, SUBJECT_TYPE, self.t.id,
                self.t.repr,
            )
        )  # fmt: skip
        self.rows.routes.append((request_id, self.t.lead, 1, ROUTE_REASON, asked, False, status))
        self._record(
            decision, DecisionOutcome.REQUESTED, asked, actor=owner, within_scope=False,
            team=self.t.team, facts=facts, explanation=OUTSIDE, request=request_id,
        )  # fmt: skip
        if not approved:
            self._record(
                decision, DecisionOutcome.DECLINED, decided, actor=self.t.lead,
                on_behalf_of=owner, within_scope=False, team=self.t.team, facts=facts,
                explanation=OUTSIDE, rationale=DECLINE_NOTE, request=request_id,
            )  # fmt: skip
        return request_id

    def _arguments(self, decision: str) -> str:
        if decision == RAISE:
            return f'{{"ticket_id": {self.t.id}, "priority": {self.t.priority}}}'
        resolution = json.dumps(self.t.thread.answers[0])
        return f'{{"ticket_id": {self.t.id}, "status": "resolved", "resolution": {resolution}}}'


WHY = "Benchmark desk: members close out routine work, the lead decides major incidents."
ALLOWED = "Within the team's grant for this decision."
OUTSIDE = "Outside the owner's scope: P1 and P2 are the team lead's decision."
DECLINE_NOTE = "Not yet: the workaround has not been confirmed by the requester."
ROUTE_REASON = "Lead of the ticket's team"
