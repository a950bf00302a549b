"""Stored clocks follow the ticket actions, and a recompute from the trail finds them right."""

import pytest

from latitude.core.models import AuditEntry
from latitude.demo.clock import installed_clock as freeze_time
from latitude.sla.clocks.store import recompute
from latitude.sla.models import CalendarAssignment, SlaClock
from latitude.sla.policies import calendar_choice
from latitude.sla.tests.calendars import berlin
from latitude.sla.tests.desk import make_desk
from latitude.testing.factories import ServiceFactory
from latitude.tickets import actions
from latitude.tickets.choices import Impact, Urgency

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return make_desk()


def clocks_of(ticket):
    return {clock.kind: clock for clock in SlaClock.objects.filter(ticket=ticket)}


def open_p4(desk, **extra):
    return actions.open_ticket(
        actor=desk.agent, kind="incident", subject="Printer", requester=desk.requester,
        team=desk.team, **extra,
    )  # fmt: skip


def test_opening_a_ticket_starts_its_clocks_on_its_teams_calendar(desk):
    with freeze_time(berlin(2024, 6, 7, 16, 30)):
        ticket = open_p4(desk)
    found = clocks_of(ticket)
    assert set(found) == {"response", "resolution"}
    # Everything else: response 120 -> 30 on Friday, Monday 08:00 + 90.
    assert found["response"].due_at == berlin(2024, 6, 10, 9, 30)
    assert (found["response"].calendar, found["response"].policy) == (desk.munich, desk.rest)
    entry = AuditEntry.objects.get(subject_id=ticket.pk, verb="sla.terms_set")
    assert entry.context["calendar_source"] == "team"


def test_raising_the_priority_applies_the_stricter_policy_from_the_start(desk):
    with freeze_time(berlin(2024, 6, 11, 8)):
        ticket = open_p4(desk)
    with freeze_time(berlin(2024, 6, 11, 8, 20)):
        actions.change_priority(actor=desk.lead, ticket_id=ticket.pk, priority=2)
    found = clocks_of(ticket)
    # P2: response 30 from 08:00 -> 08:30; resolution 240 -> 12:00.
    assert found["response"].due_at == berlin(2024, 6, 11, 8, 30)
    assert found["resolution"].due_at == berlin(2024, 6, 11, 12)
    assert found["resolution"].policy == desk.p2


def test_waiting_pauses_and_resolving_stops_the_clocks(desk):
    with freeze_time(berlin(2024, 6, 11, 8)):
        ticket = open_p4(desk)
        actions.assign_owner(actor=desk.agent, ticket_id=ticket.pk, owner=desk.agent)
    with freeze_time(berlin(2024, 6, 11, 9)):
        actions.change_status(actor=desk.agent, ticket_id=ticket.pk, status="waiting_requester")
    assert clocks_of(ticket)["resolution"].state == "paused"
    assert clocks_of(ticket)["resolution"].due_at is None
    with freeze_time(berlin(2024, 6, 11, 10)):
        actions.add_comment(actor=desk.requester, ticket_id=ticket.pk, body="Here it is.")
    assert clocks_of(ticket)["resolution"].state == "running"
    with freeze_time(berlin(2024, 6, 11, 11)):
        actions.resolve_ticket(actor=desk.agent, ticket_id=ticket.pk, resolution="Fixed.")
    resolution = clocks_of(ticket)["resolution"]
    assert (resolution.state, resolution.elapsed_minutes, resolution.paused_minutes) == (
        "met",
        120,
        60,
    )


def test_a_hand_off_starts_an_ola_on_the_new_teams_calendar_keeping_history(desk):
    with freeze_time(berlin(2024, 6, 11, 9)):
        ticket = open_p4(desk)
        actions.assign_owner(actor=desk.agent, ticket_id=ticket.pk, owner=desk.agent)
    with freeze_time(berlin(2024, 6, 11, 10)):
        actions.transfer_team(actor=desk.agent, ticket_id=ticket.pk, team=desk.other_team)
    found = clocks_of(ticket)
    assert found["ola"].state == "running"
    assert found["ola"].calendar == desk.new_york
    # 60 minutes elapsed in Munich; New York opens at 09:00 EDT = 15:00 Berlin; 60 more of
    # the OLA's 60 -> 16:00 Berlin. Resolution: 960 - 60 = 900 left on New York hours.
    assert found["ola"].due_at == berlin(2024, 6, 11, 16)
    assert found["resolution"].elapsed_minutes == 60


def test_the_calendar_order_is_service_team_unit_default(desk):
    service = ServiceFactory()
    CalendarAssignment.objects.create(calendar=desk.new_york, service=service)
    CalendarAssignment.objects.create(calendar=desk.new_york, unit=desk.requester.unit)
    unit = desk.requester.unit_id
    assert calendar_choice(service_id=service.pk, team_id=desk.team.pk, unit_id=unit).source == (
        "service"
    )
    assert calendar_choice(service_id=None, team_id=desk.team.pk, unit_id=unit).source == "team"
    assert calendar_choice(service_id=None, team_id=None, unit_id=unit).source == "unit"
    assert calendar_choice(service_id=None, team_id=None, unit_id=None).source == "none"
    desk.munich.is_default = True
    desk.munich.save()
    assert calendar_choice(service_id=None, team_id=None, unit_id=None).source == "default"


def test_recompute_finds_nothing_to_fix_after_actions_and_fixes_a_tampered_row(desk):
    with freeze_time(berlin(2024, 6, 11, 8)):
        ticket = open_p4(desk, impact=Impact.HIGH, urgency=Urgency.HIGH)
    with freeze_time(berlin(2024, 6, 11, 9)):
        assert recompute().differences == []
        SlaClock.objects.filter(ticket=ticket, kind="resolution").update(due_at=None)
        report = recompute()
    assert len(report.differences) == 1
    assert "resolution due_at" in report.differences[0]
    assert clocks_of(ticket)["resolution"].due_at is not None


def test_queue_badges_cost_the_same_queries_for_any_number_of_tickets(
    desk, django_assert_num_queries
):
    from latitude.sla.pages.badges import attach_badges

    with freeze_time(berlin(2024, 6, 11, 8)):
        tickets = [open_p4(desk) for _ in range(4)]
    attach_badges(tickets[:1], now=berlin(2024, 6, 11, 9))  # compiles the calendar
    # The clocks with their calendar, and the calendar's hours and exceptions (prefetched).
    with django_assert_num_queries(3):
        attach_badges(tickets, now=berlin(2024, 6, 11, 9))
    # Response 120 from 08:00: at 09:00, 60 business minutes are left.
    assert [(t.sla_badge.kind, t.sla_badge.minutes) for t in tickets] == [("response", 60)] * 4


def test_the_recompute_command_reports_and_fixes_differences(desk):
    from io import StringIO

    from django.core.management import call_command

    with freeze_time(berlin(2024, 6, 11, 8)):
        ticket = open_p4(desk)
    SlaClock.objects.filter(ticket=ticket, kind="response").delete()
    out = StringIO()
    call_command("sla", "recompute", "--dry-run", stdout=out)
    assert f"{ticket.number} response: missing" in out.getvalue()
    assert "differences found (dry run, nothing written): 1;" in out.getvalue()
    call_command("sla", "recompute", stdout=StringIO())
    assert set(clocks_of(ticket)) == {"response", "resolution"}


def test_the_report_counts_met_and_missed_by_priority_and_the_breaching_soon_queue(desk):
    from datetime import timedelta

    from latitude.sla.selectors import breaching_soon, report

    with freeze_time(berlin(2024, 6, 11, 8)):
        quick, slow = open_p4(desk), open_p4(desk)
        actions.add_comment(actor=desk.agent, ticket_id=quick.pk, body="On it.")
    with freeze_time(berlin(2024, 6, 11, 11)):
        actions.add_comment(actor=desk.agent, ticket_id=slow.pk, body="Sorry, on it.")
    rows = report(
        desk.agent, group_by="priority", start=berlin(2024, 6, 1), end=berlin(2024, 7, 1),
        kind="response",
    )  # fmt: skip
    assert [(row.group, row.met, row.missed) for row in rows] == [(4, 1, 1)]
    soon = breaching_soon(desk.agent, within=timedelta(days=3), now=berlin(2024, 6, 11, 11))
    assert [clock.ticket_id for clock in soon] == [quick.pk, slow.pk]
    assert {clock.kind for clock in soon} == {"resolution"}
