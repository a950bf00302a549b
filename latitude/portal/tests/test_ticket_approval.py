"""The requester sees where their request stands with its approval, and the goodwill granted."""

from decimal import Decimal

import pytest
from django.urls import reverse

from latitude.scopes.tests.helpers import person_grant
from latitude.testing.factories import AgentFactory, RequesterFactory, TicketFactory, member_of
from latitude.tickets import actions
from latitude.tickets.choices import Approval, Kind, Status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_standard_grants")]


def url(ticket):
    return reverse("portal:ticket", args=[ticket.number])


@pytest.fixture
def request_ticket(requester):
    return TicketFactory(
        requester=requester,
        kind=Kind.REQUEST,
        status=Status.IN_PROGRESS,
        approval=Approval.PENDING,
        cost_amount=Decimal("1200.00"),
        cost_currency="EUR",
    )


@pytest.fixture
def agent(request_ticket):
    agent = member_of(request_ticket.team, AgentFactory())
    person_grant(agent, ["request.approve", "ticket.goodwill", "ticket.revoke_goodwill"])
    return agent


def test_a_waiting_request_says_it_needs_approval_and_its_cost(requester_client, request_ticket):
    text = requester_client.get(url(request_ticket)).text
    assert "Waiting for approval" in text
    assert "€1,200.00" in text


def test_a_rejection_shows_the_reason(requester_client, request_ticket, agent):
    actions.reject_request_ticket(
        actor=agent, ticket_id=request_ticket.pk, reason="Laptops are replaced after 4 years."
    )
    text = requester_client.get(url(request_ticket)).text
    assert "Not approved" in text
    assert "Laptops are replaced after 4 years." in text


def test_an_approval_note_stays_internal(requester_client, request_ticket, agent):
    actions.approve_request_ticket(actor=agent, ticket_id=request_ticket.pk, note="Cost centre 42")
    text = requester_client.get(url(request_ticket)).text
    assert "Your request was approved." in text
    assert "Cost centre 42" not in text


def test_the_requester_sees_goodwill_granted_and_withdrawn_but_not_why(
    requester_client, request_ticket, agent
):
    kept = actions.grant_goodwill(
        actor=agent, ticket_id=request_ticket.pk, amount="25", currency="EUR", reason="Internal."
    )
    withdrawn = actions.grant_goodwill(
        actor=agent, ticket_id=request_ticket.pk, amount="10", currency="EUR", reason="Oops."
    )
    actions.revoke_goodwill(
        actor=agent, ticket_id=request_ticket.pk, goodwill_id=withdrawn.pk, reason="Double."
    )
    text = requester_client.get(url(request_ticket)).text
    assert "A credit of €25.00" in text
    assert "(withdrawn)" in text
    assert "Internal." not in text
    assert "Double." not in text
    assert kept.is_active


def test_german_requesters_read_german_amounts(client, request_ticket):
    request_ticket.requester.language = "de"
    request_ticket.requester.save()
    client.force_login(request_ticket.requester)
    assert "1.200,00\xa0€" in client.get(url(request_ticket)).text


def test_incidents_show_no_approval(requester_client, requester):
    incident = TicketFactory(requester=requester)
    text = requester_client.get(url(incident)).text
    assert "approval" not in text.lower()


def test_another_requester_sees_nothing(client, request_ticket):
    client.force_login(RequesterFactory())
    assert client.get(url(request_ticket)).status_code == 404
