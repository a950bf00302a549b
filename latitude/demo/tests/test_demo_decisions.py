"""The demo's decision history: grants on top of the standard ones, requests answered after
office-hours delays (approved, declined, pending, expired), and a reversal of every kind."""

from datetime import UTC, datetime

import pytest
from django.db.models import Count

from latitude.demo import generator
from latitude.demo.scripts import SHOWCASE_AGENT
from latitude.people.models import Absence
from latitude.scopes.models import DecisionOutcome, DecisionRecord, DecisionRequest, Grant, Reversal
from latitude.tickets.choices import Approval
from latitude.tickets.models import Goodwill, Ticket

NOW = datetime(2026, 6, 17, 14, 30, tzinfo=UTC)


@pytest.fixture
def demo(db):
    return generator.generate(seed=7, tickets=40, now=NOW)


def test_requests_of_every_status_are_in_the_history(demo):
    by_status = dict(
        DecisionRequest.objects.values_list("status").annotate(total=Count("id")).order_by()
    )
    assert by_status.get("approved", 0) >= 5
    assert by_status.get("declined", 0) >= 3
    assert by_status.get("pending", 0) >= 2
    assert by_status.get("expired", 0) >= 1
    assert demo.decisions["requests pending"] == by_status["pending"]
    declined = DecisionRequest.objects.filter(status="declined")
    assert all(request.decision_note for request in declined)


def test_a_reversal_of_every_kind(demo):
    kinds = set(Reversal.objects.values_list("record__decision", "undone_by__decision"))
    assert kinds >= {
        ("ticket.resolve", "ticket.reopen"),
        ("ticket.set_priority", "ticket.set_priority"),
        ("request.approve", "request.revoke_approval"),
        ("ticket.goodwill", "ticket.revoke_goodwill"),
        ("ticket.merge", "ticket.unmerge"),
    }


def test_approvals_take_office_hours_not_minutes(demo):
    approved = DecisionRequest.objects.filter(status="approved")
    waits = sorted((r.decided_at - r.created_at).total_seconds() for r in approved)
    assert waits[len(waits) // 2] > 30 * 60
    records = DecisionRecord.objects.filter(outcome=DecisionOutcome.APPROVED)
    assert all(record.on_behalf_of_id and record.actor_id for record in records)


def test_the_demo_grants_and_a_delegation_while_a_lead_is_away(demo):
    names = set(Grant.objects.values_list("name", flat=True))
    assert "Workplace lead: hardware up to 1,500 EUR" in names
    assert "Agents: small goodwill, the Service Desk lead informed" in names
    assert Grant.objects.filter(delegated_from__isnull=False).exists()
    edited = Grant.objects.get(name="Agents: resolve, close and reopen below P1")
    assert edited.current_version == 2
    absence = Absence.objects.get()
    assert absence.starts_at < NOW < absence.ends_at
    pending = DecisionRequest.objects.filter(status="pending", decision="request.approve")
    routed = set(pending.values_list("routes__person__email", flat=True))
    assert SHOWCASE_AGENT in routed
    assert absence.person.email not in routed


def test_service_requests_carry_their_approval_and_goodwill_is_granted(demo):
    states = set(Ticket.objects.filter(kind="request").values_list("approval", flat=True))
    assert {Approval.APPROVED, Approval.PENDING, Approval.REJECTED, Approval.REVOKED} <= states
    assert Ticket.objects.filter(approval=Approval.APPROVED, cost_currency="EUR").exists()
    assert Goodwill.objects.filter(revoked_at__isnull=True).exists()
    assert Goodwill.objects.filter(revoked_at__isnull=False).exists()
