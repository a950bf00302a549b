"""SLA reports: figures from SQL aggregates, the period filter, the chart and the CSV export."""

import csv
import io
import re

import pytest
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

PERIOD = {"start": "2024-06-01", "end": "2024-06-30"}


@pytest.fixture
def desk():
    return make_desk()


def _client(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _ticket(desk, opened, answered, resolved, *, wait=None):
    """A P4 incident (response 2 h, resolution 16 h on the Munich calendar)."""
    with installed_clock(opened):
        ticket = actions.open_ticket(
            actor=desk.agent, kind="incident", subject="Report", requester=desk.requester,
            team=desk.team,
        )  # fmt: skip
    with installed_clock(answered):
        actions.add_comment(actor=desk.agent, ticket_id=ticket.pk, body="On it")
    if wait:
        with installed_clock(wait[0]):
            actions.change_status(actor=desk.agent, ticket_id=ticket.pk, status="waiting_requester")
        with installed_clock(wait[1]):
            actions.change_status(actor=desk.agent, ticket_id=ticket.pk, status="in_progress")
    with installed_clock(resolved):
        actions.change_status(
            actor=desk.agent, ticket_id=ticket.pk, status="resolved", resolution="Done"
        )
    return ticket


@pytest.fixture
def history(desk):
    # Met both: answered after 1 h, resolved the same day, paused 1 h waiting on the requester.
    _ticket(
        desk, berlin(2024, 6, 10, 8), berlin(2024, 6, 10, 9), berlin(2024, 6, 10, 15),
        wait=(berlin(2024, 6, 10, 10), berlin(2024, 6, 10, 11)),
    )  # fmt: skip
    # Missed both: answered after 3 h, resolved four working days later.
    _ticket(desk, berlin(2024, 6, 11, 8), berlin(2024, 6, 11, 11, 30), berlin(2024, 6, 17, 9))
    return desk


def _row(html: str, table: str, label: str) -> list[str]:
    section = html.split(f'id="report-table-{table}"')[1].split("</table>")[0]
    parts = section.split(f'<th scope="row">{label}</th>')
    assert len(parts) == 2, section
    row = parts[1].split("</tr>")[0]
    return re.findall(r'<td class="num">([^<]*)</td>', row)


def test_met_missed_breached_and_paused_by_team_and_priority(history):
    response = _client(history.lead).get(reverse("sla:reports"), {**PERIOD, "kind": "resolution"})
    html = response.content.decode()
    assert response.status_code == 200
    team = history.team.name
    # met, missed, met %, running, breached, time paused
    assert _row(html, "team", team) == ["1", "1", "50 %", "0", "1", "1 h"]
    assert _row(html, "priority", "P4 low")[:2] == ["1", "1"]
    assert 'src="data:image/svg+xml;base64,' in html


def test_the_period_filter_leaves_out_clocks_started_outside_it(history):
    html = (
        _client(history.agent)
        .get(reverse("sla:reports"), {"start": "2024-06-11", "end": "2024-06-11"})
        .content.decode()
    )
    # Only the second ticket: its response and resolution clocks, both missed.
    assert _row(html, "team", history.team.name)[:3] == ["0", "2", "0 %"]


def test_the_report_costs_the_same_for_two_or_twelve_tickets(
    history, django_assert_max_num_queries
):
    client = _client(history.agent)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("sla:reports"), PERIOD).status_code == 200
        return len(captured)

    before = queries()
    for day in range(12, 22, 2):
        _ticket(
            history, berlin(2024, 6, day, 8), berlin(2024, 6, day, 8, 30),
            berlin(2024, 6, day, 9),
        )  # fmt: skip
    assert queries() == before


def test_csv_export_has_every_grouping(history):
    response = _client(AdminFactory()).get(
        reverse("sla:reports"), {**PERIOD, "kind": "resolution", "format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "grouping",
        "group",
        "met",
        "missed",
        "running",
        "breached",
        "paused_minutes",
    ]
    assert ["team", history.team.name, "1", "1", "0", "1", "60"] in rows
    assert {row[0] for row in rows[1:]} == {"team", "service", "priority", "month"}


def test_a_reversed_period_is_refused_next_to_its_field(history):
    response = _client(history.agent).get(
        reverse("sla:reports"), {"start": "2024-06-30", "end": "2024-06-01"}
    )
    assert response.status_code == 400
    assert "The period must end on or after its start." in response.content.decode()


@pytest.mark.parametrize(
    "role", ["anonymous", "requester", "other_agent", "agent", "lead", "admin"]
)
def test_reports_are_for_agents_leads_and_admins(desk, role):
    people = {
        "requester": RequesterFactory(),
        "other_agent": AgentFactory(),
        "agent": desk.agent,
        "lead": desk.lead,
        "admin": AdminFactory(),
    }
    client = Client() if role == "anonymous" else _client(people[role])
    status = client.get(reverse("sla:reports")).status_code
    assert status == {"anonymous": 302, "requester": 404}.get(role, 200)


def test_csv_months_are_iso_and_leads_find_the_settings(history):
    client = _client(history.lead)
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("sla:reports"), {**PERIOD, "format": "csv"}).content.decode()
            )
        )
    )
    assert [row[1] for row in rows if row[0] == "month"] == ["2024-06"]
    link = f'<a href="{reverse("sla:settings")}">'
    assert link in client.get(reverse("sla:reports"), PERIOD).content.decode()
    assert link not in _client(history.agent).get(reverse("sla:reports"), PERIOD).content.decode()
