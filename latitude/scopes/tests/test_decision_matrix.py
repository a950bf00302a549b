"""Every guarded ticket decision through its action, in each situation a grant can be in: none,
in scope, out of scope, an expired delegation, a deactivated person."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from latitude.core.errors import NotFound, OutOfScope
from latitude.scopes.actions import delegate_grant
from latitude.scopes.models import DecisionOutcome, DecisionRecord, DecisionRequest
from latitude.scopes.tests.helpers import person_grant
from latitude.sla.actions.waivers import extend_sla, waive_sla
from latitude.sla.clocks.store import refresh_ticket
from latitude.sla.models import SlaClock, SlaPolicy
from latitude.testing.factories import AgentFactory, TeamFactory, TicketFactory, member_of
from latitude.tickets import actions
from latitude.tickets.choices import CloseReason, Status
from latitude.tickets.models import Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_standard_grants")]

# Limits no ticket in these cases meets: the "out of scope" grant covers only P4.
ONLY_P4 = {"fact": "priority", "op": "eq", "value": 4}


@dataclass(frozen=True)
class Case:
    decision: str
    arrange: Callable[[Any], Ticket]  # the team -> a ticket ready for the decision
    act: Callable[[Any, Ticket], Any]  # (actor, ticket) -> performs it
    done: Callable[[Ticket], bool]  # whether the ticket shows the decision taken
    outside: dict[str, Any] | None = None  # limits the case does not meet (default: only P4)


def _open(team: Any, **fields: Any) -> Ticket:
    return TicketFactory(team=team, priority=2, status=Status.IN_PROGRESS, **fields)


def _resolved(team: Any) -> Ticket:
    now = timezone.now()
    return TicketFactory(
        team=team, priority=2, status=Status.RESOLVED, resolved_at=now, resolution="Fixed."
    )


def _with_sla_clock(team: Any) -> Ticket:
    SlaPolicy.objects.create(name="Everything", position=1, resolution_minutes=480)
    ticket = _open(team)
    with transaction.atomic():
        refresh_ticket(ticket, actor=None)
    return ticket


def _resolution_clock(ticket: Ticket) -> SlaClock:
    return SlaClock.objects.get(ticket=ticket, kind="resolution")


def _merge(actor: Any, ticket: Ticket) -> Any:
    survivor = TicketFactory(team=ticket.team, status=Status.IN_PROGRESS)
    return actions.merge_ticket(actor=actor, ticket_id=ticket.pk, into_id=survivor.pk)


CASES = [
    Case(
        "ticket.resolve",
        _open,
        lambda a, t: actions.resolve_ticket(actor=a, ticket_id=t.pk, resolution="Fixed."),
        lambda t: t.status == Status.RESOLVED,
    ),
    Case(
        "ticket.close",
        _resolved,
        lambda a, t: actions.change_status(actor=a, ticket_id=t.pk, status=Status.CLOSED),
        lambda t: t.status == Status.CLOSED,
    ),
    Case(
        "ticket.reopen",
        _resolved,
        lambda a, t: actions.reopen_ticket(actor=a, ticket_id=t.pk, reason="Back again."),
        lambda t: t.status == Status.IN_PROGRESS,
    ),
    Case(
        "ticket.set_priority",
        _open,
        lambda a, t: actions.change_priority(actor=a, ticket_id=t.pk, priority=1),
        lambda t: t.priority == 1,
        {"fact": "to", "op": "gte", "value": 2},
    ),
    Case(
        "ticket.transfer_team",
        _open,
        lambda a, t: actions.transfer_team(actor=a, ticket_id=t.pk, team=TeamFactory()),
        lambda t: t.team_id != t._original_team,  # type: ignore[attr-defined]
    ),
    Case(
        "ticket.merge",
        _open,
        _merge,
        lambda t: t.close_reason == CloseReason.DUPLICATE,
    ),
    Case(
        "ticket.waive_sla",
        _with_sla_clock,
        lambda a, t: extend_sla(
            actor=a, ticket_id=t.pk, clock="resolution", minutes=60, reason="Asked for time."
        ),
        lambda t: _resolution_clock(t).target_minutes == 540,
    ),
    Case(
        "ticket.waive_sla",
        _with_sla_clock,
        lambda a, t: waive_sla(actor=a, ticket_id=t.pk, clock="resolution", reason="Outage."),
        lambda t: _resolution_clock(t).state == "waived",
    ),
]
IDS = [f"{case.decision}-{index}" for index, case in enumerate(CASES)]


@pytest.fixture
def desk():
    team = TeamFactory()
    return team, member_of(team, AgentFactory())


def arranged(case: Case, team: Any, owner: Any) -> Ticket:
    ticket = case.arrange(team)
    Ticket.objects.filter(pk=ticket.pk).update(owner=owner)
    ticket.refresh_from_db()
    ticket._original_team = ticket.team_id  # type: ignore[attr-defined]
    return ticket


def reloaded(ticket: Ticket) -> Ticket:
    fresh = Ticket.objects.get(pk=ticket.pk)
    fresh._original_team = ticket._original_team  # type: ignore[attr-defined]
    return fresh


def assert_refused_with_request(case: Case, agent: Any, ticket: Ticket) -> None:
    with pytest.raises(OutOfScope) as refused:
        case.act(agent, ticket)
    after = reloaded(ticket)
    assert not case.done(after)
    assert after.owner_id == agent.pk
    assert DecisionRequest.objects.get(pk=refused.value.decision_request_id).decision == (
        case.decision
    )
    assert DecisionRecord.objects.get().outcome == DecisionOutcome.REQUESTED


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_without_a_grant_it_is_refused_and_requested(case, desk):
    team, agent = desk
    assert_refused_with_request(case, agent, arranged(case, team, agent))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_in_scope_it_is_taken_and_recorded(case, desk):
    team, agent = desk
    person_grant(agent, case.decision)
    ticket = arranged(case, team, agent)

    case.act(agent, ticket)

    assert case.done(reloaded(ticket))
    record = DecisionRecord.objects.get(decision=case.decision)
    assert record.outcome == DecisionOutcome.TAKEN


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_out_of_scope_it_is_refused_and_requested(case, desk):
    team, agent = desk
    person_grant(agent, case.decision, condition=case.outside or ONLY_P4)
    assert_refused_with_request(case, agent, arranged(case, team, agent))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_an_expired_delegation_is_refused(case, desk, monkeypatch):
    team, agent = desk
    lead = member_of(team, AgentFactory())
    source = person_grant(lead, case.decision)
    delegate_grant(
        actor=lead,
        grant_id=source.grant_id,
        to_person_id=agent.pk,
        valid_until=timezone.now() + timedelta(minutes=5),
        rationale="Cover",
    )
    ticket = arranged(case, team, agent)
    later = timezone.now() + timedelta(minutes=6)
    monkeypatch.setattr("latitude.scopes.evaluator.timezone.now", lambda: later)

    assert_refused_with_request(case, agent, ticket)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_deactivated_person_cannot_act_at_all(case, desk):
    team, agent = desk
    person_grant(agent, case.decision)
    ticket = arranged(case, team, agent)
    agent.is_active = False
    agent.save(update_fields=["is_active"])

    with pytest.raises(NotFound):
        case.act(agent, ticket)

    assert not case.done(reloaded(ticket))
    assert not DecisionRecord.objects.exists()
