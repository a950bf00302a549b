"""Recomputing from the trail gives the clocks the actions kept, for random action sequences."""

import contextlib
from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from latitude.core.errors import DomainError
from latitude.demo.clock import installed_clock
from latitude.sla.actions import extend_sla
from latitude.sla.clocks.store import compute, differences, trails
from latitude.sla.models import SlaClock
from latitude.sla.policies import Resolver
from latitude.sla.tests.desk import make_desk
from latitude.tickets import actions
from latitude.tickets.models import Ticket

pytestmark = pytest.mark.django_db

STEPS = st.sampled_from(
    [
        "take",
        "reply",
        "requester_reply",
        "wait_requester",
        "wait_third_party",
        "in_progress",
        "resolve",
        "reopen",
        "raise",
        "lower",
        "transfer",
        "back",
        "extend",
    ]
)


def perform(step: str, desk, ticket: Ticket) -> None:
    lead, pk = desk.lead, ticket.pk
    ticket.refresh_from_db()
    calls = {
        "take": lambda: actions.assign_owner(actor=lead, ticket_id=pk, owner=lead),
        "reply": lambda: actions.add_comment(actor=lead, ticket_id=pk, body="Looking."),
        "requester_reply": lambda: actions.add_comment(
            actor=desk.requester, ticket_id=pk, body="Here."
        ),
        "wait_requester": lambda: actions.change_status(
            actor=lead, ticket_id=pk, status="waiting_requester"
        ),
        "wait_third_party": lambda: actions.change_status(
            actor=lead, ticket_id=pk, status="waiting_third_party"
        ),
        "in_progress": lambda: actions.change_status(
            actor=lead, ticket_id=pk, status="in_progress"
        ),
        "resolve": lambda: actions.resolve_ticket(actor=lead, ticket_id=pk, resolution="Done."),
        "reopen": lambda: actions.reopen_ticket(actor=desk.requester, ticket_id=pk, reason="No."),
        "raise": lambda: actions.change_priority(actor=lead, ticket_id=pk, priority=2),
        "lower": lambda: actions.change_priority(actor=lead, ticket_id=pk, priority=4),
        "transfer": lambda: actions.transfer_team(actor=lead, ticket_id=pk, team=desk.other_team),
        "back": lambda: actions.transfer_team(actor=lead, ticket_id=pk, team=desk.team),
        "extend": lambda: extend_sla(
            actor=lead, ticket_id=pk, clock="resolution", minutes=30, reason="Asked."
        ),
    }
    # A step the ticket's state does not allow is refused, and the sequence goes on.
    with contextlib.suppress(DomainError):
        calls[step]()


@pytest.fixture
def desk():
    return make_desk()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    start=st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2025, 12, 1)),  # noqa: DTZ001
    steps=st.lists(st.tuples(STEPS, st.integers(0, 3000)), max_size=12),
    later=st.integers(0, 20_000),
)
def test_recomputing_from_events_equals_the_clocks_kept_incrementally(desk, start, steps, later):
    moment = start.replace(tzinfo=UTC)
    with transaction.atomic():
        with installed_clock(moment) as clock:
            ticket = actions.open_ticket(
                actor=desk.lead, kind="incident", subject="Mail", requester=desk.requester,
                team=desk.team,
            )  # fmt: skip
            for step, minutes in steps:
                moment += timedelta(minutes=minutes)
                clock.set(moment)
                perform(step, desk, ticket)
        ticket.refresh_from_db()
        stored = {clock.kind: clock for clock in SlaClock.objects.filter(ticket=ticket)}
        now = moment + timedelta(minutes=later)
        results = compute(ticket, trails([ticket])[ticket.pk], Resolver(), now)
        assert list(differences(ticket, results, stored)) == []
        transaction.set_rollback(True)
