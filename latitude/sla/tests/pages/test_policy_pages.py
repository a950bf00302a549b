"""Policy administration and the due-time preview through the policies."""

import pytest
from django.test import Client
from django.urls import reverse

from latitude.sla.models import SlaPolicy
from latitude.sla.tests.desk import make_desk
from latitude.testing.factories import AdminFactory, AgentFactory, RequesterFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "requester", "other_agent", "agent", "lead", "admin")


@pytest.fixture
def desk():
    return make_desk()


@pytest.fixture
def people(desk):
    return {
        "requester": RequesterFactory(),
        "other_agent": AgentFactory(),
        "agent": desk.agent,
        "lead": desk.lead,
        "admin": AdminFactory(),
    }


def _client(people, role) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(people[role])
    return client


def _policy(**fields: str) -> dict[str, str | list[str]]:
    data: dict[str, str | list[str]] = {
        "name": "Payroll",
        "position": "5",
        "is_active": "on",
        "kind": "incident",
        "priorities": ["1", "2"],
        "response_minutes": "15 min",
        "resolution_minutes": "2 h",
        "ola_minutes": "",
        "warn_percent": "80",
        "pause_statuses": ["waiting_requester"],
        "on_reopen": "reset",
    }
    data.update(fields)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_policy_pages_answer_leads_and_admins_only(desk, people, role):
    client = _client(people, role)
    for url in (reverse("sla:policy", args=[desk.p2.pk]), reverse("sla:due_preview")):
        status = client.get(url).status_code
        expected = {"anonymous": 302, "lead": 200, "admin": 200}.get(role, 404)
        assert status == expected, (role, url)
    assert client.get(reverse("sla:policy_new")).status_code == (
        {"anonymous": 302, "admin": 200}.get(role, 404)
    )


@pytest.mark.parametrize("role", ["requester", "other_agent", "agent", "lead"])
def test_only_admins_change_policies(desk, people, role):
    client = _client(people, role)
    client.post(reverse("sla:policy_new"), _policy())
    client.post(reverse("sla:policy", args=[desk.p2.pk]), _policy(name="Renamed"))
    assert not SlaPolicy.objects.filter(name__in=["Payroll", "Renamed"]).exists()


def test_an_admin_creates_a_policy_with_targets_typed_as_durations(desk, people):
    response = _client(people, "admin").post(reverse("sla:policy_new"), _policy())
    policy = SlaPolicy.objects.get(name="Payroll")
    assert response.status_code == 302
    assert (policy.response_minutes, policy.resolution_minutes, policy.ola_minutes) == (
        15,
        120,
        None,
    )
    assert (policy.priorities, policy.pause_statuses) == ([1, 2], ["waiting_requester"])


def test_the_list_shows_policies_in_their_order(desk, people):
    html = _client(people, "lead").get(reverse("sla:settings")).content.decode()
    assert html.index(desk.p2.name) < html.index(desk.rest.name)
    assert "P1, P2" in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"resolution_minutes": "0 h"}, "A duration must be longer than zero."),
        ({"response_minutes": "", "resolution_minutes": ""}, "Set at least one target."),
        ({"warn_percent": "100"}, "Warn between 1 and 99 % of the target."),
        ({"position": "30", "kind": "", "priorities": []}, "would never apply"),
    ],
)
def test_refused_policies_keep_the_input(desk, people, fields, message):
    response = _client(people, "admin").post(
        reverse("sla:policy_new"), _policy(name="Kept name", **fields)
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert message in html
    assert 'value="Kept name"' in html
    assert not SlaPolicy.objects.filter(name="Kept name").exists()


def test_editing_raises_the_version(desk, people):
    _client(people, "admin").post(
        reverse("sla:policy", args=[desk.p2.pk]),
        _policy(name=desk.p2.name, position="10", resolution_minutes="3 h"),
    )
    desk.p2.refresh_from_db()
    assert (desk.p2.resolution_minutes, desk.p2.version) == (180, 2)


def test_the_preview_says_when_a_p2_incident_in_munich_is_due(desk, people):
    response = _client(people, "lead").get(
        reverse("sla:due_preview"),
        {
            "kind": "incident",
            "priority": "2",
            "opened_day": "2024-06-07",
            "opened_time": "16:30",
            "team": str(desk.team.pk),
        },
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    # P1 and P2 incidents: response 30 min, resolution 4 h; Friday 16:30-17:00, then Monday.
    assert "in Munich" in html
    assert "Friday 7 June 2024, 17:00 (target 30 min)" in html  # response: the last half hour
    assert "Monday 10 June 2024, 11:30 (target 4 h)" in html  # resolution: 30 min + 3 h 30 min
    assert "P1 and P2 incidents" in html


def test_the_preview_speaks_german(desk, people):
    desk.lead.language = "de"
    desk.lead.save(update_fields=["language"])
    html = _client(people, "lead").get(
        reverse("sla:due_preview"),
        {"kind": "incident", "priority": "2", "opened_day": "2024-06-07",
         "opened_time": "16:30", "team": str(desk.team.pk)},
    ).content.decode()  # fmt: skip
    assert "Ein P2-Ticket (Störung), eröffnet Freitag 7 Juni 2024, 16:30" in html
    assert "Montag 10 Juni 2024, 11:30 (Zielzeit 4 Std.)" in html
