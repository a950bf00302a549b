"""Service-request approval: required when opened, approve/reject guarded by `request.approve`,
revoking reverses the approval, and a request waiting for approval cannot be resolved."""

from decimal import Decimal

import pytest

from latitude.core.errors import (
    InvalidInput,
    InvalidTransition,
    NotFound,
    NotPermitted,
    OutOfScope,
)
from latitude.core.models import AuditEntry
from latitude.scopes.actions import approve_request
from latitude.scopes.models import DecisionOutcome, DecisionRecord, DecisionRequest, Reversal
from latitude.scopes.tests.helpers import person_grant
from latitude.testing.factories import (
    AgentFactory,
    RequesterFactory,
    ServiceFactory,
    TicketFactory,
    member_of,
)
from latitude.tickets import actions
from latitude.tickets.choices import Approval, Kind, Status
from latitude.tickets.models import Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_standard_grants")]

UP_TO_500_EUR = {
    "all": [
        {"fact": "cost_amount", "op": "lte", "value": "500"},
        {"fact": "currency", "op": "eq", "value": "EUR"},
    ]
}


@pytest.fixture
def laptop(team):
    return ServiceFactory(
        name="Laptop",
        owner_team=team,
        requires_approval=True,
        default_cost_amount=Decimal("1200.00"),
        default_cost_currency="EUR",
    )


@pytest.fixture
def pending(team, agent):
    return TicketFactory(
        kind=Kind.REQUEST,
        team=team,
        owner=agent,
        status=Status.IN_PROGRESS,
        approval=Approval.PENDING,
        cost_amount=Decimal("300.00"),
        cost_currency="EUR",
    )


def approve(actor, ticket, note=""):
    return actions.approve_request_ticket(actor=actor, ticket_id=ticket.pk, note=note)


def test_a_request_for_a_service_that_needs_approval_waits_for_it_at_the_default_cost(laptop):
    requester = RequesterFactory()
    ticket = actions.open_ticket(
        actor=requester, kind=Kind.REQUEST, subject="New laptop", service=laptop
    )
    assert ticket.approval == Approval.PENDING
    assert (ticket.cost_amount, ticket.cost_currency) == (Decimal("1200.00"), "EUR")
    assert AuditEntry.objects.filter(subject_id=ticket.pk, verb="request.approval_required")


def test_incidents_and_other_requests_need_no_approval(laptop):
    requester = RequesterFactory()
    incident = actions.open_ticket(
        actor=requester, kind=Kind.INCIDENT, subject="Laptop broken", service=laptop
    )
    plain = actions.open_ticket(actor=requester, kind=Kind.REQUEST, subject="A mouse")
    assert incident.approval == plain.approval == Approval.NOT_REQUIRED
    assert incident.cost_amount is None


def test_an_agent_may_state_the_cost_but_a_requester_may_not(laptop, agent):
    ticket = actions.open_ticket(
        actor=agent,
        kind=Kind.REQUEST,
        subject="Laptop",
        service=laptop,
        requester=RequesterFactory(),
        cost_amount="899.90",
        cost_currency="chf",
    )
    assert (ticket.cost_amount, ticket.cost_currency) == (Decimal("899.90"), "CHF")
    with pytest.raises(NotPermitted):
        actions.open_ticket(
            actor=RequesterFactory(),
            kind=Kind.REQUEST,
            subject="Laptop",
            service=laptop,
            cost_amount="1",
            cost_currency="EUR",
        )


@pytest.mark.parametrize(
    ("amount", "currency", "field"),
    [("-1", "EUR", "cost_amount"), ("1.234", "EUR", "cost_amount"), ("abc", "EUR", "cost_amount"),
     ("10", "DEM", "cost_currency"), ("10", "EURO", "cost_currency"), ("10", "", "cost_currency")],
)  # fmt: skip
def test_bad_costs_are_refused_at_their_field(pending, agent, amount, currency, field):
    with pytest.raises(InvalidInput) as caught:
        actions.set_request_cost(
            actor=agent, ticket_id=pending.pk, amount=amount, currency=currency
        )
    assert caught.value.field == field
    pending.refresh_from_db()
    assert pending.cost_amount == Decimal("300.00")


def test_classifying_a_request_under_a_service_that_needs_approval_makes_it_wait(
    agent, team, laptop
):
    ticket = TicketFactory(kind=Kind.REQUEST, team=team, status=Status.IN_PROGRESS)
    actions.update_ticket(actor=agent, ticket_id=ticket.pk, service=laptop)
    ticket.refresh_from_db()
    assert ticket.approval == Approval.PENDING
    assert ticket.cost_amount == Decimal("1200.00")


def test_a_request_waiting_for_approval_cannot_be_resolved(pending, agent):
    person_grant(agent, "ticket.resolve")
    with pytest.raises(InvalidTransition, match="waiting for approval"):
        actions.resolve_ticket(actor=agent, ticket_id=pending.pk, resolution="Delivered.")
    pending.refresh_from_db()
    assert pending.status == Status.IN_PROGRESS


def test_in_scope_the_approver_approves_and_the_record_says_so(pending, agent):
    person_grant(agent, "request.approve", condition=UP_TO_500_EUR)
    ticket = approve(agent, pending, "Budget line 4711.")
    assert ticket.approval == Approval.APPROVED
    assert ticket.approval_decided_by == agent
    assert ticket.approval_note == "Budget line 4711."
    record = DecisionRecord.objects.get(decision="request.approve")
    assert record.outcome == DecisionOutcome.TAKEN
    assert record.facts["cost_amount"] == "300.00"
    assert record.facts["answer"] == "approve"
    person_grant(agent, "ticket.resolve")
    resolved = actions.resolve_ticket(actor=agent, ticket_id=ticket.pk, resolution="Delivered.")
    assert resolved.status == Status.RESOLVED


def test_out_of_scope_an_approval_is_requested_and_carried_out_on_behalf(pending, agent, team):
    person_grant(agent, "request.approve", condition=UP_TO_500_EUR)
    pending.cost_amount = Decimal("900.00")
    pending.save()
    finance = member_of(team, AgentFactory(full_name="Fiona Finance"))
    person_grant(finance, "request.approve")
    with pytest.raises(OutOfScope) as caught:
        approve(agent, pending)
    pending.refresh_from_db()
    assert pending.approval == Approval.PENDING
    request = DecisionRequest.objects.get(pk=caught.value.decision_request_id)
    assert request.routes.filter(person=finance).exists()
    approve_request(actor=finance, request_id=request.pk)
    pending.refresh_from_db()
    assert pending.approval == Approval.APPROVED
    assert pending.approval_decided_by == finance
    record = DecisionRecord.objects.get(decision="request.approve", outcome="approved")
    assert (record.actor, record.on_behalf_of) == (finance, agent)
    entry = AuditEntry.objects.get(subject_id=pending.pk, verb="request.approved")
    assert (entry.actor, entry.on_behalf_of) == (finance, agent)


def test_rejecting_needs_the_approvers_authority_and_a_reason(pending, agent):
    with pytest.raises(InvalidInput):
        actions.reject_request_ticket(actor=agent, ticket_id=pending.pk, reason=" ")
    with pytest.raises(OutOfScope):
        actions.reject_request_ticket(actor=agent, ticket_id=pending.pk, reason="Too dear.")
    person_grant(agent, "request.approve")
    ticket = actions.reject_request_ticket(actor=agent, ticket_id=pending.pk, reason="Too dear.")
    assert ticket.approval == Approval.REJECTED
    assert DecisionRecord.objects.get(outcome="taken").facts["answer"] == "reject"
    # A rejected request is then resolved, explaining the rejection.
    person_grant(agent, "ticket.resolve")
    actions.resolve_ticket(actor=agent, ticket_id=pending.pk, resolution="Not approved.")


def test_an_approver_may_limit_rejections_apart_from_approvals(pending, agent):
    person_grant(
        agent, "request.approve", condition={"fact": "answer", "op": "eq", "value": "reject"}
    )
    actions.reject_request_ticket(actor=agent, ticket_id=pending.pk, reason="Duplicate order.")
    pending.approval = Approval.PENDING
    pending.save()
    with pytest.raises(OutOfScope):
        approve(agent, pending)


def test_only_a_waiting_open_request_is_decided(pending, agent, team):
    person_grant(agent, "request.approve")
    incident = TicketFactory(team=team, status=Status.IN_PROGRESS)
    with pytest.raises(InvalidTransition):
        approve(agent, incident)
    approve(agent, pending)
    with pytest.raises(InvalidTransition, match="approved"):
        approve(agent, pending)


def test_revoking_an_approval_is_guarded_and_reverses_it(pending, agent):
    person_grant(agent, "request.approve")
    approve(agent, pending)
    with pytest.raises(OutOfScope):
        actions.revoke_approval(actor=agent, ticket_id=pending.pk, reason="Budget frozen.")
    person_grant(agent, "request.revoke_approval")
    ticket = actions.revoke_approval(actor=agent, ticket_id=pending.pk, reason="Budget frozen.")
    assert ticket.approval == Approval.REVOKED
    reversal = Reversal.objects.get()
    assert reversal.record.decision == "request.approve"
    assert reversal.undone_by.decision == "request.revoke_approval"
    with pytest.raises(InvalidTransition, match="waiting for approval"):
        actions.change_status(
            actor=agent, ticket_id=pending.pk, status=Status.RESOLVED, resolution="Delivered."
        )
    # A revoked approval can be given again.
    assert approve(agent, pending).approval == Approval.APPROVED


def test_a_rejection_is_not_what_revoking_reverses(pending, agent):
    person_grant(agent, ["request.approve", "request.revoke_approval"])
    actions.reject_request_ticket(actor=agent, ticket_id=pending.pk, reason="No budget.")
    pending.approval = Approval.APPROVED  # as if approved by someone else, outside the records
    pending.save()
    actions.revoke_approval(actor=agent, ticket_id=pending.pk, reason="Changed my mind.")
    assert not Reversal.objects.exists()


def test_a_fulfilled_request_keeps_its_approval(pending, agent):
    person_grant(agent, ["request.approve", "request.revoke_approval", "ticket.resolve"])
    approve(agent, pending)
    actions.resolve_ticket(actor=agent, ticket_id=pending.pk, resolution="Delivered.")
    with pytest.raises(InvalidTransition, match="fulfilled"):
        actions.revoke_approval(actor=agent, ticket_id=pending.pk, reason="Too late.")


def test_the_cost_is_frozen_once_approved(pending, agent):
    actions.set_request_cost(actor=agent, ticket_id=pending.pk, amount="450", currency="EUR")
    person_grant(agent, "request.approve")
    approve(agent, pending)
    with pytest.raises(InvalidTransition):
        actions.set_request_cost(actor=agent, ticket_id=pending.pk, amount="10", currency="EUR")
    assert Ticket.objects.get(pk=pending.pk).cost_amount == Decimal("450.00")
    entry = AuditEntry.objects.get(subject_id=pending.pk, verb="request.cost_changed")
    assert entry.changes["cost_amount"] == ["300.00", "450.00"]


def test_an_agent_of_another_team_cannot_decide(pending):
    outsider = AgentFactory()
    person_grant(outsider, "request.approve")
    with pytest.raises(NotFound):
        approve(outsider, pending)
