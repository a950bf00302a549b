"""Trust metrics and scope review over the API: the permission matrix, the figures, and that
answering a suggestion never changes a grant."""

from typing import Any

import pytest
from django.test import override_settings

from latitude.api.testing import client_for, send
from latitude.scopes.models import GrantVersion, ScopeSuggestion
from latitude.scopes.tests.helpers import team_grant
from latitude.scopes.tests.trust.history import asked, taken
from latitude.scopes.trust.suggest import review_scopes

# The full URL map: suggestions link to the grant editor in the desk.
pytestmark = pytest.mark.django_db

ROLES = ("requester", "outsider", "agent", "lead", "admin")
THRESHOLDS = {"LATITUDE_REVIEW_WIDEN_MIN_REQUESTS": 3}


def expect(*codes: int) -> dict[str, int]:
    return dict(zip(ROLES, codes, strict=True))


@pytest.fixture
def history(sd: Any) -> ScopeSuggestion:
    team_grant(sd.team, "ticket.set_priority")
    taken(sd.agent, team=sd.team, reversed=True)
    taken(sd.agent, team=sd.team)
    for _ in range(3):
        asked(sd.agent, "ticket.set_priority", team=sd.team, wait_minutes=20)
    with override_settings(**THRESHOLDS):
        review_scopes()
    return ScopeSuggestion.objects.get(holder_key=f"team:{sd.team.pk}")


def _call(sd: Any, role: str, method: str, path: str, payload: Any = None) -> Any:
    client = client_for(sd.people()[role])
    return send(client, method, f"/api/v1{path}", payload)


@pytest.mark.parametrize("role", ROLES)
def test_team_metrics_matrix(sd: Any, history: Any, role: str) -> None:
    response = _call(sd, role, "GET", f"/teams/{sd.team.pk}/trust-metrics")
    assert response.status_code == expect(404, 404, 200, 200, 200)[role]


@pytest.mark.parametrize("role", ROLES)
def test_person_metrics_matrix(sd: Any, history: Any, role: str) -> None:
    response = _call(sd, role, "GET", f"/people/{sd.agent.pk}/trust-metrics")
    assert response.status_code == expect(404, 404, 200, 200, 200)[role]


def test_anonymous_gets_401(sd: Any) -> None:
    from django.test import Client

    assert Client().get(f"/api/v1/teams/{sd.team.pk}/trust-metrics").status_code == 401
    assert Client().get("/api/v1/scope-suggestions").status_code == 401


def test_the_figures(sd: Any, history: Any) -> None:
    body = _call(sd, "lead", "GET", f"/teams/{sd.team.pk}/trust-metrics?period_days=30").json()
    rows = {row["decision"]: row for row in body["decisions"]}
    assert rows["ticket.resolve"]["decisions"] == 2
    assert rows["ticket.resolve"]["reversal_rate"] == 0.5
    assert rows["ticket.set_priority"]["requests"] == 3
    assert rows["ticket.set_priority"]["approval_rate"] == 1.0
    assert rows["ticket.set_priority"]["median_seconds_to_decision"] == 1200


def test_a_bad_period_is_a_problem_naming_the_field(sd: Any) -> None:
    response = _call(sd, "lead", "GET", f"/teams/{sd.team.pk}/trust-metrics?period_days=0")
    assert response.status_code == 422
    assert "period_days" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_suggestion_list_matrix(sd: Any, history: ScopeSuggestion, role: str) -> None:
    response = _call(sd, role, "GET", "/scope-suggestions")
    assert response.status_code == 200
    ids = {item["id"] for item in response.json()}
    assert (history.pk in ids) == (role in ("lead", "admin"))


@pytest.mark.parametrize("role", ROLES)
def test_accept_matrix(sd: Any, history: ScopeSuggestion, role: str) -> None:
    versions = GrantVersion.objects.count()
    response = _call(sd, role, "POST", f"/scope-suggestions/{history.pk}/accept", {})
    assert response.status_code == expect(404, 404, 404, 200, 200)[role]
    assert GrantVersion.objects.count() == versions
    if response.status_code == 200:
        body = response.json()
        assert body["status"] == "accepted"
        assert body["editor_url"].endswith(f"/edit?suggestion={history.pk}")
        again = _call(sd, role, "POST", f"/scope-suggestions/{history.pk}/accept", {})
        assert again.status_code == 409


@pytest.mark.parametrize("role", ROLES)
def test_dismiss_matrix(sd: Any, history: ScopeSuggestion, role: str) -> None:
    response = _call(sd, role, "POST", f"/scope-suggestions/{history.pk}/dismiss", {"note": "No."})
    assert response.status_code == expect(404, 404, 404, 200, 200)[role]


def test_dismiss_without_a_note_names_the_field(sd: Any, history: ScopeSuggestion) -> None:
    response = _call(sd, "lead", "POST", f"/scope-suggestions/{history.pk}/dismiss", {"note": ""})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "note"
