"""The sweep warns, then records the breach, once each, and never moves ownership."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from latitude.core.models import AuditEntry
from latitude.demo.clock import installed_clock
from latitude.notifications.models import Notification
from latitude.sla.models import SlaClock
from latitude.sla.sweep import sweep
from latitude.sla.tests.calendars import berlin
from latitude.sla.tests.desk import make_desk
from latitude.tickets import actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return make_desk()


def owned_ticket(desk, at):
    with installed_clock(at):
        ticket = actions.open_ticket(
            actor=desk.agent,
            kind="incident",
            subject="VPN",
            requester=desk.requester,
            team=desk.team,
        )
        actions.assign_owner(actor=desk.lead, ticket_id=ticket.pk, owner=desk.agent)
    return ticket


def notified(event):
    return sorted(
        Notification.objects.filter(occurrence__event=event).values_list("recipient_id", flat=True)
    )


def test_a_warning_then_a_breach_reach_the_owner_and_the_lead_once(desk):
    ticket = owned_ticket(desk, berlin(2024, 6, 11, 8))
    # Response 120 -> due 10:00, warned at 75 % = 09:30.
    assert sweep(now=berlin(2024, 6, 11, 9, 29)).warned == 0
    assert sweep(now=berlin(2024, 6, 11, 9, 31)).warned == 1
    assert sweep(now=berlin(2024, 6, 11, 9, 32)).warned == 0
    assert notified("sla.warning") == sorted([desk.agent.pk, desk.lead.pk])
    report = sweep(now=berlin(2024, 6, 11, 10, 1))
    assert (report.breached, sweep(now=berlin(2024, 6, 11, 10, 2)).breached) == (1, 0)
    assert notified("sla.breached") == sorted([desk.agent.pk, desk.lead.pk])
    clock = SlaClock.objects.get(ticket=ticket, kind="response")
    assert clock.breached_at == berlin(2024, 6, 11, 10)
    assert AuditEntry.objects.filter(subject_id=ticket.pk, verb="sla.breach_recorded").count() == 1
    ticket.refresh_from_db()
    assert ticket.owner_id == desk.agent.pk


def test_a_clock_that_stopped_in_time_is_never_announced(desk):
    ticket = owned_ticket(desk, berlin(2024, 6, 11, 8))
    with installed_clock(berlin(2024, 6, 11, 8, 10)):
        actions.add_comment(actor=desk.agent, ticket_id=ticket.pk, body="On it.")
    report = sweep(now=berlin(2024, 6, 11, 10, 30))
    assert (report.warned, report.breached) == (0, 0)


def sweep_queries(now):
    with CaptureQueriesContext(connection) as queries:
        sweep(now=now)
    return len(queries)


def test_the_sweeps_cost_does_not_grow_with_closed_tickets(desk):
    quiet = berlin(2024, 6, 11, 8, 30)
    first = [owned_ticket(desk, berlin(2024, 6, 11, 8)) for _ in range(2)]
    for ticket in first:
        with installed_clock(berlin(2024, 6, 11, 8, 5)):
            actions.resolve_ticket(actor=desk.agent, ticket_id=ticket.pk, resolution="Done.")
    before = sweep_queries(quiet)
    for _ in range(5):
        ticket = owned_ticket(desk, berlin(2024, 6, 11, 8))
        with installed_clock(berlin(2024, 6, 11, 8, 5)):
            actions.resolve_ticket(actor=desk.agent, ticket_id=ticket.pk, resolution="Done.")
    assert sweep_queries(quiet) == before == 3
