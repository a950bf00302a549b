"""Approvals, costs, goodwill and unmerging over /api/v1: the permission matrix, problem+json
refusals (403 out_of_scope with the decision request), If-Match, and the goodwill list."""

from decimal import Decimal

import pytest

from latitude.api.testing import Desk, build_desk, client_for, send
from latitude.people.models import User
from latitude.scopes.tests.helpers import person_grant
from latitude.testing.factories import AdminFactory
from latitude.tickets import actions
from latitude.tickets.choices import Approval
from latitude.tickets.models import Goodwill, Ticket

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("latitude.api.tests.urls"),
    pytest.mark.usefixtures("without_standard_grants"),
]

TICKETS = "/api/v1/tickets"


@pytest.fixture
def desk() -> Desk:
    desk = build_desk()
    desk.service.requires_approval = True
    desk.service.default_cost_amount, desk.service.default_cost_currency = Decimal("80"), "EUR"
    desk.service.save()
    return desk


def _request(desk: Desk) -> Ticket:
    return desk.ticket(kind="request", subject="A headset")


def _who(desk: Desk, name: str) -> User | None:
    return {
        "requester": desk.requester,
        "outsider": desk.outsider,
        "agent": desk.agent,
        "admin": AdminFactory(),
    }.get(name)


CALLS = [
    ("POST", "approval/approve", {"note": ""}, 200),
    ("PUT", "cost", {"cost_amount": "95.50", "cost_currency": "EUR"}, 200),
    ("POST", "goodwill", {"amount": "15", "currency": "EUR", "reason": "Sorry."}, 201),
]


@pytest.mark.parametrize(("method", "path", "payload", "ok"), CALLS)
@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 401), ("requester", 403), ("outsider", 404), ("agent", None), ("admin", None)],
)
def test_permission_matrix(desk, who, expected, method, path, payload, ok):
    ticket = _request(desk)
    person = _who(desk, who)
    if person is not None:
        person_grant(person, ["request.approve", "ticket.goodwill"])
    from django.test import Client

    client = client_for(person) if person is not None else Client()
    response = send(client, method, f"{TICKETS}/{ticket.pk}/{path}", payload)
    assert response.status_code == (expected or ok)
    assert response.status_code < 300 or response["Content-Type"] == "application/problem+json"


def test_approving_out_of_scope_answers_403_with_the_decision_request(desk):
    ticket = _request(desk)
    person_grant(desk.colleague, "request.approve")
    response = send(client_for(desk.agent), "POST", f"{TICKETS}/{ticket.pk}/approval/approve", {})
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "out_of_scope"
    assert Ticket.objects.get(pk=ticket.pk).approval == Approval.PENDING


def test_approve_reject_and_revoke_return_the_ticket_with_its_approval(desk):
    ticket = _request(desk)
    person_grant(desk.agent, ["request.approve", "request.revoke_approval"])
    client = client_for(desk.agent)
    approved = send(client, "POST", f"{TICKETS}/{ticket.pk}/approval/approve", {"note": "OK"})
    body = approved.json()
    assert (body["approval"], body["cost_amount"], body["cost_currency"]) == (
        "approved",
        "80.00",
        "EUR",
    )
    assert body["approval_decided_by"]["id"] == desk.agent.pk
    assert approved["ETag"] == f'"{ticket.pk}-{body["version"]}"'
    no_reason = send(client, "POST", f"{TICKETS}/{ticket.pk}/approval/revoke", {"reason": ""})
    assert no_reason.status_code == 422
    revoked = send(client, "POST", f"{TICKETS}/{ticket.pk}/approval/revoke", {"reason": "Budget."})
    assert revoked.json()["approval"] == "revoked"
    rejected = send(client, "POST", f"{TICKETS}/{ticket.pk}/approval/reject", {"reason": "No."})
    assert rejected.json()["approval"] == "rejected"
    again = send(client, "POST", f"{TICKETS}/{ticket.pk}/approval/approve", {})
    assert again.status_code == 409
    assert again.json()["code"] == "invalid_transition"


def test_a_stale_if_match_changes_nothing(desk):
    ticket = _request(desk)
    response = send(
        client_for(desk.agent),
        "PUT",
        f"{TICKETS}/{ticket.pk}/cost",
        {"cost_amount": "1", "cost_currency": "EUR"},
        **{"If-Match": f'"{ticket.pk}-{ticket.version + 5}"'},
    )
    assert response.status_code == 412
    assert Ticket.objects.get(pk=ticket.pk).cost_amount == Decimal("80.00")


def test_a_bad_currency_names_the_field(desk):
    ticket = _request(desk)
    response = send(
        client_for(desk.agent),
        "PUT",
        f"{TICKETS}/{ticket.pk}/cost",
        {"cost_amount": "10", "cost_currency": "XYZ"},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "cost_currency"


def test_goodwill_is_listed_granted_and_revoked(desk, django_assert_max_num_queries):
    ticket = desk.ticket()
    person_grant(desk.agent, ["ticket.goodwill", "ticket.revoke_goodwill"])
    client = client_for(desk.agent)
    created = send(
        client,
        "POST",
        f"{TICKETS}/{ticket.pk}/goodwill",
        {"amount": "12.50", "currency": "EUR", "reason": "Lost a day."},
    )
    assert created.status_code == 201
    goodwill_id = created.json()["id"]
    for amount in ("1", "2", "3"):
        actions.grant_goodwill(
            actor=desk.agent, ticket_id=ticket.pk, amount=amount, currency="EUR", reason="More."
        )
    client = client_for(desk.agent)
    # token and its last use, unit, teams, ticket, visibility, credits: not one per credit
    with django_assert_max_num_queries(7):
        listed = client.get(f"{TICKETS}/{ticket.pk}/goodwill")
    assert [item["amount"] for item in listed.json()] == ["12.50", "1.00", "2.00", "3.00"]
    revoked = send(
        client,
        "POST",
        f"{TICKETS}/{ticket.pk}/goodwill/{goodwill_id}/revoke",
        {"reason": "Paid elsewhere."},
    )
    assert revoked.json()["revoked_by"]["id"] == desk.agent.pk
    assert not Goodwill.objects.get(pk=goodwill_id).is_active


def test_the_requester_reads_the_goodwill_on_their_ticket_and_a_stranger_gets_404(desk):
    ticket = desk.ticket()
    person_grant(desk.agent, "ticket.goodwill")
    actions.grant_goodwill(
        actor=desk.agent, ticket_id=ticket.pk, amount="5", currency="EUR", reason="Sorry."
    )
    assert len(client_for(desk.requester).get(f"{TICKETS}/{ticket.pk}/goodwill").json()) == 1
    assert client_for(desk.stranger).get(f"{TICKETS}/{ticket.pk}/goodwill").status_code == 404


def test_unmerge_over_the_api(desk):
    person_grant(desk.agent, ["ticket.merge", "ticket.unmerge"])
    duplicate, survivor = desk.ticket(), desk.ticket(subject="Printer jams again")
    actions.merge_ticket(actor=desk.agent, ticket_id=duplicate.pk, into_id=survivor.pk)
    outsider = send(
        client_for(desk.outsider), "POST", f"{TICKETS}/{duplicate.pk}/unmerge", {"reason": "x"}
    )
    assert outsider.status_code == 404
    response = send(
        client_for(desk.agent), "POST", f"{TICKETS}/{duplicate.pk}/unmerge", {"reason": "Not it."}
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["merged_into"]) == ("new", None)
