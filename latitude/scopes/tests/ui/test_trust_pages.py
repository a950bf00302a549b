"""Team and person pages: who sees whose trust metrics, what they show, what they cost."""

import pytest
from django.urls import reverse

from latitude.scopes.tests.trust.history import asked, taken
from latitude.scopes.tests.ui.conftest import ROLES, Desk

pytestmark = pytest.mark.django_db

TEAM_SEES = {"anonymous": 302, "requester": 404, "other_agent": 404, "agent": 200,
             "lead": 200, "admin": 200}  # fmt: skip
AGENT_SEEN_BY = TEAM_SEES
LEAD_SEEN_BY = {**TEAM_SEES, "agent": 404}


@pytest.mark.parametrize("role", ROLES)
def test_team_page_matrix(desk: Desk, role: str) -> None:
    response = desk.client(role).get(reverse("trust:team", args=[desk.team.pk]))
    assert response.status_code == TEAM_SEES[role]


@pytest.mark.parametrize("role", ROLES)
def test_person_page_matrix(desk: Desk, role: str) -> None:
    response = desk.client(role).get(reverse("trust:person", args=[desk.agent.pk]))
    assert response.status_code == AGENT_SEEN_BY[role]


@pytest.mark.parametrize("role", ROLES)
def test_an_agent_does_not_see_their_lead(desk: Desk, role: str) -> None:
    response = desk.client(role).get(reverse("trust:person", args=[desk.lead.pk]))
    expected = 200 if role == "lead" else LEAD_SEEN_BY[role]
    assert response.status_code == expected


def test_the_other_team_is_not_found_for_this_teams_lead(desk: Desk) -> None:
    response = desk.client("lead").get(reverse("trust:team", args=[desk.other_team.pk]))
    assert response.status_code == 404


def test_person_page_shows_the_figures_per_decision(desk: Desk) -> None:
    taken(desk.agent, team=desk.team, reversed=True)
    for _ in range(3):
        taken(desk.agent, team=desk.team)
    asked(desk.agent, "ticket.set_priority", team=desk.team, wait_minutes=90)
    response = desk.client("agent").get(reverse("trust:person", args=[desk.agent.pk]))
    text = response.content.decode()
    assert 'data-decision="ticket.resolve"><td>' in text
    assert "<td>4</td><td>100 %</td><td>0</td><td>—</td><td>—</td><td>25 %</td>" in text
    assert "1 h 30 min" in text


def test_the_period_selector_narrows_the_figures(desk: Desk) -> None:
    taken(desk.agent, team=desk.team, days_ago=60)
    url = reverse("trust:team", args=[desk.team.pk])
    client = desk.client("agent")
    assert 'data-decision="ticket.resolve"' in client.get(url, {"period": "90"}).content.decode()
    month = client.get(url, {"period": "30"}).content.decode()
    assert 'data-decision="ticket.resolve"' not in month
    assert "No guarded decisions in this period." in month


def test_an_unknown_period_falls_back_to_the_default(desk: Desk) -> None:
    response = desk.client("agent").get(
        reverse("trust:team", args=[desk.team.pk]), {"period": "'; drop"}
    )
    assert response.status_code == 200


def _queries(desk: Desk, django_assert_max_num_queries, decisions: list[str]) -> int:
    for name in decisions:
        taken(desk.agent, name, team=desk.team, reversed=True)
        asked(desk.agent, name, team=desk.team)
    client = desk.client("lead")
    url = reverse("trust:team", args=[desk.team.pk])
    client.get(url)
    with django_assert_max_num_queries(1000) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_team_page_costs_the_same_whatever_the_decisions(
    desk: Desk, django_assert_max_num_queries
) -> None:
    few = _queries(desk, django_assert_max_num_queries, ["ticket.resolve"])
    many = _queries(
        desk,
        django_assert_max_num_queries,
        ["ticket.close", "ticket.reopen", "ticket.merge", "ticket.set_priority"],
    )
    assert few == many
    assert many <= 12
