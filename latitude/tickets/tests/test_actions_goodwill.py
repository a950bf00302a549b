"""Goodwill credits: granted within `ticket.goodwill` (amount and currency are the facts),
requested beyond it, revoked as a reversal of the grant."""

from decimal import Decimal

import pytest

from latitude.core.errors import InvalidInput, InvalidTransition, NotFound, OutOfScope
from latitude.core.models import AuditEntry
from latitude.scopes.actions import approve_request
from latitude.scopes.models import DecisionOutcome, DecisionRecord, DecisionRequest, Reversal
from latitude.scopes.tests.helpers import person_grant
from latitude.testing.factories import AgentFactory, TicketFactory, make_lead
from latitude.tickets import actions
from latitude.tickets.choices import Status
from latitude.tickets.models import Goodwill

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_standard_grants")]

UP_TO_50 = {"fact": "amount", "op": "lte", "value": "50"}


@pytest.fixture
def ticket(team, agent):
    return TicketFactory(team=team, owner=agent, status=Status.RESOLVED, priority=3)


def grant(agent, ticket, amount="25.00", currency="EUR", reason="Three days without mail."):
    return actions.grant_goodwill(
        actor=agent, ticket_id=ticket.pk, amount=amount, currency=currency, reason=reason
    )


def test_within_scope_goodwill_is_granted_and_recorded(ticket, agent):
    person_grant(agent, "ticket.goodwill", condition=UP_TO_50)
    goodwill = grant(agent, ticket)
    assert (goodwill.amount, goodwill.currency, goodwill.granted_by) == (
        Decimal("25.00"),
        "EUR",
        agent,
    )
    assert goodwill.requested_by is None
    record = DecisionRecord.objects.get(decision="ticket.goodwill")
    assert record.outcome == DecisionOutcome.TAKEN
    assert record.facts["amount"] == "25.00"
    entry = AuditEntry.objects.get(subject_id=ticket.pk, verb="ticket.goodwill_granted")
    assert entry.context["goodwill"] == goodwill.pk


def test_beyond_scope_goodwill_is_requested_then_granted_on_behalf(ticket, agent, team):
    person_grant(agent, "ticket.goodwill", condition=UP_TO_50)
    lead = make_lead(AgentFactory(), team)
    person_grant(lead, "ticket.goodwill")
    with pytest.raises(OutOfScope) as caught:
        grant(agent, ticket, amount="120")
    assert not Goodwill.objects.exists()
    request = DecisionRequest.objects.get(pk=caught.value.decision_request_id)
    assert request.facts["amount"] == "120.00"
    approve_request(actor=lead, request_id=request.pk)
    goodwill = Goodwill.objects.get()
    assert (goodwill.amount, goodwill.granted_by, goodwill.requested_by) == (
        Decimal("120.00"),
        lead,
        agent,
    )


@pytest.mark.parametrize(
    ("amount", "currency", "field"),
    [("0", "EUR", "amount"), ("-5", "EUR", "amount"), ("1e3", "XYZ", "currency"),
     ("10.001", "EUR", "amount"), ("10", "eur ", None)],
)  # fmt: skip
def test_bad_amounts_are_refused_at_their_field(ticket, agent, amount, currency, field):
    person_grant(agent, "ticket.goodwill")
    if field is None:
        assert grant(agent, ticket, amount=amount, currency=currency).currency == "EUR"
        return
    with pytest.raises(InvalidInput) as caught:
        grant(agent, ticket, amount=amount, currency=currency)
    assert caught.value.field == field


def test_a_reason_is_required_and_duplicates_get_none(ticket, agent, team):
    person_grant(agent, "ticket.goodwill")
    with pytest.raises(InvalidInput):
        grant(agent, ticket, reason="  ")
    duplicate = TicketFactory(team=team, merged_into=ticket, status=Status.CLOSED)
    with pytest.raises(InvalidTransition):
        grant(agent, duplicate)


def test_revoking_goodwill_is_guarded_and_reverses_the_grant(ticket, agent):
    person_grant(agent, "ticket.goodwill")
    first = grant(agent, ticket, amount="20")
    second = grant(agent, ticket, amount="30")
    with pytest.raises(OutOfScope):
        actions.revoke_goodwill(
            actor=agent, ticket_id=ticket.pk, goodwill_id=first.pk, reason="Paid twice."
        )
    person_grant(agent, "ticket.revoke_goodwill")
    revoked = actions.revoke_goodwill(
        actor=agent, ticket_id=ticket.pk, goodwill_id=first.pk, reason="Paid twice."
    )
    assert revoked.revoked_by == agent
    assert revoked.revoke_reason == "Paid twice."
    reversal = Reversal.objects.get()
    # The reversal names the grant of the same amount, not the later one.
    assert reversal.record.facts["amount"] == "20.00"
    second.refresh_from_db()
    assert second.is_active
    with pytest.raises(InvalidTransition):
        actions.revoke_goodwill(
            actor=agent, ticket_id=ticket.pk, goodwill_id=first.pk, reason="Again."
        )


def test_goodwill_of_another_ticket_is_not_found(ticket, agent, team):
    person_grant(agent, ["ticket.goodwill", "ticket.revoke_goodwill"])
    other = TicketFactory(team=team)
    goodwill = grant(agent, other)
    with pytest.raises(NotFound):
        actions.revoke_goodwill(
            actor=agent, ticket_id=ticket.pk, goodwill_id=goodwill.pk, reason="Wrong one."
        )


def test_an_agent_of_another_team_cannot_grant(ticket):
    outsider = AgentFactory()
    person_grant(outsider, "ticket.goodwill")
    with pytest.raises(NotFound):
        grant(outsider, ticket)
