"""Two people approving one decision request over the API at the same moment, on real
connections (a database file on SQLite, row locks on PostgreSQL): it is carried out once."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from latitude.api.testing import build_desk, client_for, send, token_for
from latitude.core.models import AuditEntry
from latitude.scopes.models import DecisionOutcome, DecisionRecord, DecisionRequest
from latitude.testing.concurrency import run_together, shared_database
from latitude.testing.factories import AdminFactory, AgentFactory, make_lead
from latitude.testing.scopes import install_standard_grants
from latitude.tickets import events
from latitude.tickets.models import Ticket

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.urls("latitude.api.tests.urls")]


@pytest.fixture(autouse=True)
def _shared_database(tmp_path: Any) -> Iterator[None]:
    yield from shared_database(tmp_path)


def _approve(token: str, request_id: int) -> Any:
    client = Client(headers={"Authorization": f"Bearer {token}"})
    return send(client, "POST", f"/api/v1/decision-requests/{request_id}/approve", {})


def test_two_approvals_of_one_request_at_once_carry_it_out_once() -> None:
    install_standard_grants()
    desk = build_desk()
    lead = make_lead(AgentFactory(full_name="Lee Lead"), desk.team)
    admin = AdminFactory(full_name="Ada Admin")
    ticket = desk.ticket()
    Ticket.objects.filter(pk=ticket.pk).update(owner=desk.agent, priority=3, status="in_progress")
    refused = send(
        client_for(desk.agent), "POST", f"/api/v1/tickets/{ticket.pk}/priority", {"priority": 1}
    )
    request_id = refused.json()["decision_request"]
    tokens = [token_for(lead), token_for(admin)]

    results = run_together([lambda t=token: _approve(t, request_id) for token in tokens])

    statuses = sorted(getattr(result, "status_code", result) for result in results)
    assert statuses == [200, 409], results
    loser = next(result for result in results if result.status_code == 409)
    assert loser.json()["code"] == "conflict"
    assert Ticket.objects.get(pk=ticket.pk).priority == 1
    assert DecisionRequest.objects.get(pk=request_id).status == "approved"
    approved = DecisionRecord.objects.filter(
        request_id=request_id, outcome=DecisionOutcome.APPROVED
    )
    assert approved.count() == 1
    changes = AuditEntry.objects.filter(verb=events.PRIORITY_CHANGED, subject_id=ticket.pk)
    assert changes.count() == 1
