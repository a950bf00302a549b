"""SLA badges in the queues and the breaching-soon queue: what they say, who sees what, and a
page that costs the same whatever the number of rows."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from latitude.demo.clock import installed_clock
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


def _open(desk, subject: str, priority: int = 4):
    ticket = actions.open_ticket(
        actor=desk.agent, kind="incident", subject=subject, requester=desk.requester,
        team=desk.team,
    )  # fmt: skip
    actions.take_ticket(actor=desk.agent, ticket_id=ticket.pk)
    if priority != 4:
        actions.change_priority(actor=desk.lead, ticket_id=ticket.pk, priority=priority)
    return ticket


def _badges(html: str) -> list[tuple[str, str]]:
    return re.findall(r'data-sla="([a-z]+)">([^<]+)</span>', html)


def test_queue_rows_show_business_time_left_on_their_calendar(desk):
    # Friday 16:30 in Munich: P4 response target 2 h, so 30 min today and 90 min on Monday.
    with installed_clock(berlin(2024, 6, 7, 16, 30)):
        _open(desk, "Printer jams")
        response = _client(desk.agent).get(reverse("tickets:queue"), {"queue": "mine"})
    assert response.status_code == 200
    assert _badges(response.content.decode()) == [("ok", "2 h left")]


def test_an_overdue_clock_says_by_how_much_business_time(desk):
    with installed_clock(berlin(2024, 6, 10, 8)):
        _open(desk, "Mail down", priority=2)  # response 30 min: due 08:30
    with installed_clock(berlin(2024, 6, 10, 9, 15)):
        html = _client(desk.agent).get(reverse("tickets:queue"), {"queue": "mine"}).content
    assert _badges(html.decode()) == [("breached", "overdue 45 min")]


def test_overdue_outside_working_hours_is_still_overdue(desk):
    with installed_clock(berlin(2024, 6, 7, 16, 45)):
        _open(desk, "VPN", priority=2)  # response 30 min: 15 today, due Monday 08:15
    with installed_clock(berlin(2024, 6, 10, 7, 0)):
        html = _client(desk.agent).get(reverse("tickets:queue"), {"queue": "mine"}).content
    assert _badges(html.decode()) == [("ok", "15 min left")]
    with installed_clock(berlin(2024, 6, 10, 12, 30)):  # lunch: 3 h 45 min of work past due
        html = _client(desk.agent).get(reverse("tickets:queue"), {"queue": "mine"}).content
    assert _badges(html.decode())[0] == ("breached", "overdue 3 h 45 min")


def test_a_ticket_waiting_on_its_requester_shows_a_paused_clock(desk):
    with installed_clock(berlin(2024, 6, 10, 9)):
        ticket = _open(desk, "Need details")
        actions.add_comment(actor=desk.agent, ticket_id=ticket.pk, body="Which printer?")
        actions.change_status(actor=desk.agent, ticket_id=ticket.pk, status="waiting_requester")
    with installed_clock(berlin(2024, 6, 10, 15)):
        html = _client(desk.agent).get(reverse("tickets:queue"), {"queue": "mine"}).content
    # The response clock stopped with the reply; resolution (16 h) paused at once.
    assert _badges(html.decode()) == [("paused", "paused, 16 h left")]


def _queries(client: Client, url: str, params: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def test_queue_and_breaching_pages_cost_the_same_for_two_or_twenty_tickets(desk):
    client = _client(desk.agent)
    pages = [
        (reverse("tickets:queue"), {"queue": "mine"}),
        (reverse("sla:breaching"), {"within": "72"}),
    ]
    with installed_clock(berlin(2024, 6, 10, 9)):
        for number in range(2):
            _open(desk, f"Few {number}", priority=2)
        counts = [_queries(client, url, params) for url, params in pages]
        for number in range(18):
            _open(desk, f"Many {number}", priority=2 + number % 3)
        assert [_queries(client, url, params) for url, params in pages] == counts
        html = client.get(*pages[1]).content.decode()
    # 20 tickets with a response and a resolution clock each: a full page, and a next one
    assert html.count('<tr class="prio-') == min(40, settings.LATITUDE_PAGE_SIZE)


def test_breaching_soon_lists_due_clocks_first_and_skips_later_ones(desk):
    with installed_clock(berlin(2024, 6, 10, 8)):
        late = _open(desk, "Later")  # P4: response due 10:00, resolution Tuesday 08:00
        soon = _open(desk, "Sooner", priority=2)  # response due 08:30, resolution 12:00
    with installed_clock(berlin(2024, 6, 10, 8, 45)):
        html = _client(desk.agent).get(reverse("sla:breaching"), {"within": "4"}).content
    rows = re.findall(r'href="/desk/tickets/([A-Z]+-\d+)/"', html.decode())
    # overdue response of Sooner; Later's response 10:00; Sooner's resolution 12:00 (3 h 15 min)
    assert rows == [soon.number, late.number, soon.number]


@pytest.mark.parametrize(
    "role", ["anonymous", "requester", "other_agent", "agent", "lead", "admin"]
)
def test_breaching_soon_shows_only_tickets_the_person_works_on(desk, role):
    with installed_clock(berlin(2024, 6, 10, 8)):
        ticket = _open(desk, "Team ticket", priority=2)
        people = {
            "requester": RequesterFactory(),
            "other_agent": AgentFactory(),
            "agent": desk.agent,
            "lead": desk.lead,
            "admin": AdminFactory(),
        }
        client = Client() if role == "anonymous" else _client(people[role])
        response = client.get(reverse("sla:breaching"))
    if role == "anonymous":
        assert response.status_code == 302
        return
    if role == "requester":
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert (ticket.number in response.content.decode()) == (role != "other_agent")


def test_a_broken_cursor_is_refused_clearly(desk):
    response = _client(desk.agent).get(reverse("sla:breaching"), {"cursor": "nonsense"})
    assert response.status_code == 400
    assert "start again" in response.content.decode()


def test_badges_speak_german_to_german_agents(desk):
    desk.agent.language = "de"
    desk.agent.save(update_fields=["language"])
    with installed_clock(berlin(2024, 6, 10, 8)):
        _open(desk, "Drucker", priority=2)
    with installed_clock(berlin(2024, 6, 10, 9, 15)):
        html = _client(desk.agent).get(reverse("tickets:queue"), {"queue": "mine"}).content
    assert _badges(html.decode()) == [("breached", "45 Min. überfällig")]
    assert "Bald überfällig" in html.decode()
