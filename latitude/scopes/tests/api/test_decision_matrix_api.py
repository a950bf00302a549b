"""The API column of the guarded-decision matrix: every ticket decision the API offers, with no
grant, in scope, out of scope, an expired delegation, a deactivated person and a grant revoked
between two calls with the same token."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from latitude.api.testing import client_for, send
from latitude.scopes.actions import delegate_grant
from latitude.scopes.models import DecisionOutcome, DecisionRecord, DecisionRequest
from latitude.scopes.tests.api.conftest import ScopeDesk
from latitude.scopes.tests.helpers import person_grant
from latitude.testing.factories import TeamFactory, TicketFactory
from latitude.tickets.choices import CloseReason, Status
from latitude.tickets.models import Ticket

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("latitude.api.tests.urls"),
    pytest.mark.usefixtures("without_standard_grants"),
]

ONLY_P4 = {"fact": "priority", "op": "eq", "value": 4}
T = "/api/v1/tickets/{}"


@dataclass(frozen=True)
class Case:
    decision: str
    status: str  # the ticket's status before the call
    call: Callable[[Client, Ticket], Any]
    done: Callable[[Ticket], bool]
    outside: dict[str, Any] | None = None


def _merge(client: Client, ticket: Ticket) -> Any:
    survivor = TicketFactory(team=ticket.team, status=Status.IN_PROGRESS)
    return send(client, "POST", T.format(ticket.pk) + "/merge", {"into_id": survivor.pk})


def _transfer(client: Client, ticket: Ticket) -> Any:
    team = TeamFactory()
    return send(client, "POST", T.format(ticket.pk) + "/team", {"team_id": team.pk})


CASES = [
    Case(
        "ticket.resolve",
        Status.IN_PROGRESS,
        lambda c, t: send(
            c, "POST", T.format(t.pk) + "/transitions", {"status": "resolved", "resolution": "Ok"}
        ),
        lambda t: t.status == Status.RESOLVED,
    ),
    Case(
        "ticket.close",
        Status.RESOLVED,
        lambda c, t: send(c, "POST", T.format(t.pk) + "/transitions", {"status": "closed"}),
        lambda t: t.status == Status.CLOSED,
    ),
    Case(
        "ticket.reopen",
        Status.RESOLVED,
        lambda c, t: send(c, "POST", T.format(t.pk) + "/reopen", {"reason": "It is back."}),
        lambda t: t.status == Status.IN_PROGRESS,
    ),
    Case(
        "ticket.set_priority",
        Status.IN_PROGRESS,
        lambda c, t: send(c, "POST", T.format(t.pk) + "/priority", {"priority": 1}),
        lambda t: t.priority == 1,
        {"fact": "to", "op": "gte", "value": 2},
    ),
    Case(
        "ticket.transfer_team",
        Status.IN_PROGRESS,
        _transfer,
        lambda t: t.team.slug != "service-desk",
    ),
    Case(
        "ticket.merge",
        Status.IN_PROGRESS,
        _merge,
        lambda t: t.close_reason == CloseReason.DUPLICATE,
    ),
]
IDS = [case.decision for case in CASES]


def arranged(sd: ScopeDesk, case: Case) -> Ticket:
    ticket = sd.ticket(priority=2)
    fields: dict[str, Any] = {"status": case.status}
    if case.status == Status.RESOLVED:
        fields.update(resolved_at=timezone.now(), resolution="Fixed.")
    Ticket.objects.filter(pk=ticket.pk).update(**fields)
    ticket.refresh_from_db()
    return ticket


def assert_refused(sd: ScopeDesk, case: Case, ticket: Ticket, response: Any) -> dict[str, Any]:
    """403 out_of_scope naming the request; the ticket unchanged and still the agent's."""
    assert response.status_code == 403, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "out_of_scope"
    request = DecisionRequest.objects.get(pk=body["decision_request"])
    assert request.decision == case.decision
    assert body["decision_request_url"] == f"/api/v1/decision-requests/{request.pk}"
    assert body["detail"] == request.explanation
    after = Ticket.objects.get(pk=ticket.pk)
    assert not case.done(after)
    assert (after.owner_id, after.version) == (sd.agent.pk, ticket.version)
    assert DecisionRecord.objects.get(request=request).outcome == DecisionOutcome.REQUESTED
    return body


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_without_a_grant_the_api_refuses_with_a_request(sd, case):
    ticket = arranged(sd, case)

    body = assert_refused(sd, case, ticket, case.call(client_for(sd.agent), ticket))

    assert body["candidates"] == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_in_scope_the_api_takes_the_decision_and_records_it(sd, case):
    person_grant(sd.agent, case.decision)
    ticket = arranged(sd, case)

    response = case.call(client_for(sd.agent), ticket)

    assert response.status_code == 200, response.content
    assert case.done(Ticket.objects.get(pk=ticket.pk))
    record = DecisionRecord.objects.get(decision=case.decision)
    assert (record.outcome, record.actor_id) == (DecisionOutcome.TAKEN, sd.agent.pk)
    assert not DecisionRequest.objects.exists()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_out_of_scope_the_api_refuses_and_names_the_lead_who_could(sd, case):
    person_grant(sd.agent, case.decision, condition=case.outside or ONLY_P4)
    person_grant(sd.lead, case.decision)
    ticket = arranged(sd, case)

    body = assert_refused(sd, case, ticket, case.call(client_for(sd.agent), ticket))

    assert body["candidates"][0]["id"] == sd.lead.pk
    assert body["candidates"][0]["name"] == "Lee Lead"
    assert "Service Desk" in body["candidates"][0]["reason"]
    routed = DecisionRequest.objects.get(pk=body["decision_request"]).routes.get()
    assert routed.person_id == sd.lead.pk


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_an_expired_delegation_counts_for_nothing_over_the_api(sd, case, monkeypatch):
    source = person_grant(sd.lead, case.decision)
    delegate_grant(
        actor=sd.lead,
        grant_id=source.grant_id,
        to_person_id=sd.agent.pk,
        valid_until=timezone.now() + timedelta(minutes=5),
        rationale="Cover while I am away.",
    )
    ticket = arranged(sd, case)
    client = client_for(sd.agent)
    later = timezone.now() + timedelta(minutes=6)
    monkeypatch.setattr("latitude.scopes.evaluator.timezone.now", lambda: later)

    assert_refused(sd, case, ticket, case.call(client, ticket))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_deactivated_person_is_refused_even_with_a_live_token(sd, case):
    person_grant(sd.agent, case.decision)
    ticket = arranged(sd, case)
    client = client_for(sd.agent)
    sd.agent.is_active = False
    sd.agent.save(update_fields=["is_active"])

    response = case.call(client, ticket)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert not case.done(Ticket.objects.get(pk=ticket.pk))
    assert not DecisionRecord.objects.exists()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_revoked_grant_counts_from_the_very_next_call_with_the_same_token(sd, case):
    version = person_grant(sd.agent, case.decision)
    client = client_for(sd.agent)
    first, second = arranged(sd, case), arranged(sd, case)
    assert case.call(client, first).status_code == 200

    revoked = send(
        client_for(sd.admin),
        "POST",
        f"/api/v1/grants/{version.grant_id}/revoke",
        {"reason": "Moved to another desk."},
    )
    assert revoked.status_code == 200, revoked.content

    assert_refused(sd, case, second, case.call(client, second))
