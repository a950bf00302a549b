"""The ticket page's SLA panel: clocks and their timeline, and extending or waiving a clock
through the guarded decision ticket.waive_sla (hint before, refusal after, errors in place)."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from latitude.core.models import AuditEntry
from latitude.demo.clock import installed_clock
from latitude.scopes.models import DecisionRequest
from latitude.sla.models import SlaClock
from latitude.sla.tests.calendars import berlin
from latitude.sla.tests.desk import make_desk
from latitude.testing.factories import AdminFactory, AgentFactory, RequesterFactory
from latitude.tickets import actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return make_desk()


def _client(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def ticket(desk):
    """A P4 incident opened Monday 09:00 in Munich, answered, then waiting on its requester
    from 10:00 to 12:10 (lunch 12-13 is no business time)."""
    with installed_clock(berlin(2024, 6, 10, 9)):
        ticket = actions.open_ticket(
            actor=desk.agent, kind="incident", subject="Screen flickers",
            requester=desk.requester, team=desk.team,
        )  # fmt: skip
        actions.take_ticket(actor=desk.agent, ticket_id=ticket.pk)
    with installed_clock(berlin(2024, 6, 10, 9, 30)):
        actions.add_comment(actor=desk.agent, ticket_id=ticket.pk, body="Which model?")
    with installed_clock(berlin(2024, 6, 10, 10)):
        actions.change_status(actor=desk.agent, ticket_id=ticket.pk, status="waiting_requester")
    with installed_clock(berlin(2024, 6, 10, 12, 10)):
        actions.add_comment(actor=desk.requester, ticket_id=ticket.pk, body="The Dell one")
        ticket.refresh_from_db()
        if ticket.status == "waiting_requester":
            actions.change_status(actor=desk.agent, ticket_id=ticket.pk, status="in_progress")
    return ticket


def _page(client: Client, ticket) -> str:
    with installed_clock(berlin(2024, 6, 10, 14)):
        response = client.get(reverse("tickets:detail", args=[ticket.number]))
    assert response.status_code == 200
    return response.content.decode()


def _panel(html: str) -> str:
    return html.split('id="panel-sla"')[1].split("</section>")[0]


def test_the_panel_explains_each_clock_as_a_timeline(desk, ticket):
    panel = _panel(_page(_client(desk.agent), ticket))
    assert "first response" in panel
    assert "resolution" in panel
    resolution = panel.split('id="clock-resolution"')[1]
    steps = re.findall(r'<li class="step-([a-z_]+)">', resolution)
    assert steps == ["started", "paused", "resumed", "due"]
    # 10:00 to 12:10 is 2 h 10 min, of which the lunch hour 12-13 is no business time
    assert "Paused 2 h 10 min (2 h of business time): waiting on requester" in panel


def test_the_hint_says_before_the_click_what_the_agent_may_do(desk, ticket):
    panel = _panel(_page(_client(desk.agent), ticket))
    assert 'id="verdict-sla"' in panel
    assert "Waive or extend an SLA target" in panel


def _post(client: Client, ticket, **fields: str):
    data = {"sla-clock": "resolution", "sla-change": "extend", "sla-extension": "1 h"}
    data.update({f"sla-{key}": value for key, value in fields.items()})
    with installed_clock(berlin(2024, 6, 10, 14)):
        return client.post(reverse("sla:clock_change", args=[ticket.number]), data)


def test_an_agent_extends_a_p4_clock_by_an_hour_with_a_reason(desk, ticket):
    before = SlaClock.objects.get(ticket=ticket, kind="resolution").due_at
    response = _post(_client(desk.agent), ticket, reason="Requester is travelling")
    assert response.status_code == 302
    clock = SlaClock.objects.get(ticket=ticket, kind="resolution")
    assert clock.due_at > before
    assert AuditEntry.objects.filter(subject_id=ticket.pk, verb="sla.extended").count() == 1
    assert "Extended by 1 h: Requester is travelling" in _panel(_page(_client(desk.agent), ticket))


def test_htmx_gets_the_refreshed_ticket(desk, ticket):
    with installed_clock(berlin(2024, 6, 10, 14)):
        response = _client(desk.agent).post(
            reverse("sla:clock_change", args=[ticket.number]),
            {"sla-clock": "resolution", "sla-change": "extend", "sla-extension": "30 min",
             "sla-reason": "Waiting for a part"},
            headers={"HX-Request": "true"},
        )  # fmt: skip
    assert response.status_code == 200, response.content.decode()[-3000:]
    assert response["HX-Trigger"] == "ticket-updated"
    assert "Extended by 30 min: Waiting for a part" in response.content.decode()


def test_a_missing_reason_is_refused_next_to_the_field_keeping_the_input(desk, ticket):
    response = _post(_client(desk.agent), ticket, extension="45 min", reason="")
    panel = _panel(response.content.decode())
    assert response.status_code == 422
    assert "This field is required." in panel
    assert 'value="45 min"' in panel
    assert not AuditEntry.objects.filter(verb="sla.extended").exists()


def test_an_unreadable_extension_is_refused_clearly(desk, ticket):
    response = _post(_client(desk.agent), ticket, extension="soon", reason="x")
    assert response.status_code == 422
    assert "Give a duration such as 4 h" in _panel(response.content.decode())


def test_a_waiver_beyond_the_agents_scope_becomes_a_decision_request(desk, ticket):
    before = SlaClock.objects.get(ticket=ticket, kind="resolution")
    response = _post(_client(desk.agent), ticket, change="waive", reason="Customer closed site")
    html = response.content.decode()
    assert response.status_code == 403
    assert 'class="refusal"' in _panel(html)
    request = DecisionRequest.objects.get()
    assert request.decision == "ticket.waive_sla"
    assert reverse("scopes:request", args=[request.pk]) in html
    after = SlaClock.objects.get(ticket=ticket, kind="resolution")
    assert (after.state, after.due_at) == (before.state, before.due_at)


def test_the_team_lead_waives_it_alone(desk, ticket):
    response = _post(_client(desk.lead), ticket, change="waive", reason="Site closed")
    assert response.status_code == 302
    assert SlaClock.objects.get(ticket=ticket, kind="resolution").state == "waived"


@pytest.mark.parametrize("role", ["anonymous", "requester", "other_agent"])
def test_nobody_outside_the_ticket_changes_its_clock(desk, ticket, role):
    people = {"requester": desk.requester, "other_agent": AgentFactory()}
    client = Client() if role == "anonymous" else _client(people[role])
    response = _post(client, ticket, reason="Because")
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]
    assert not AuditEntry.objects.filter(verb="sla.extended").exists()


def test_the_requester_never_sees_the_panel(desk, ticket):
    with installed_clock(berlin(2024, 6, 10, 14)):
        html = _client(desk.requester).get(reverse("portal:ticket", args=[ticket.number]))
    assert 'id="panel-sla"' not in html.content.decode()


def test_the_panel_costs_the_same_for_a_short_and_a_long_history(desk, ticket):
    client = _client(AdminFactory())

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _page(client, ticket)
        return len(captured)

    queries()
    before = queries()
    for number in range(6):
        with installed_clock(berlin(2024, 6, 10, 13, number)):
            actions.change_status(
                actor=desk.agent, ticket_id=ticket.pk,
                status="waiting_requester" if number % 2 == 0 else "in_progress",
            )  # fmt: skip
    assert queries() == before


def test_a_ticket_without_a_policy_says_so(desk):
    desk.rest.delete()
    other = actions.open_ticket(
        actor=desk.agent, kind="request", subject="New mouse", requester=RequesterFactory(),
        team=desk.team,
    )  # fmt: skip
    panel = _panel(_page(_client(desk.agent), other))
    assert "No SLA policy applies to this ticket." in panel
    assert "<form" not in panel
