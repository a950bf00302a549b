"""People, teams, services and categories over /api/v1."""

import pytest

from latitude.api.testing import Desk, build_desk, client_for
from latitude.catalog.models import Service
from latitude.testing.factories import CategoryFactory, TeamFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("latitude.api.tests.urls")]


@pytest.fixture
def desk() -> Desk:
    return build_desk()


def test_me_describes_the_caller_with_teams(desk: Desk) -> None:
    body = client_for(desk.agent).get("/api/v1/me").json()

    assert (body["id"], body["is_agent"]) == (desk.agent.pk, True)
    assert [team["slug"] for team in body["teams"]] == ["service-desk"]


def test_agent_lists_and_searches_people(desk: Desk) -> None:
    client = client_for(desk.agent)

    everyone = client.get("/api/v1/people?size=100").json()["items"]
    found = client.get("/api/v1/people?q=rita").json()["items"]
    team = client.get(f"/api/v1/people?team={desk.team.pk}&agents_only=true").json()["items"]

    assert {desk.requester.pk, desk.stranger.pk, desk.outsider.pk} <= {p["id"] for p in everyone}
    assert [p["id"] for p in found] == [desk.requester.pk]
    assert [p["full_name"] for p in team] == ["Alice Agent", "Bob Colleague"]


def test_requester_sees_only_themself(desk: Desk) -> None:
    client = client_for(desk.requester)

    listed = client.get("/api/v1/people").json()["items"]
    other = client.get(f"/api/v1/people/{desk.stranger.pk}")
    own = client.get(f"/api/v1/people/{desk.requester.pk}")

    assert [p["id"] for p in listed] == [desk.requester.pk]
    assert other.status_code == 404
    assert own.json()["email"] == desk.requester.email


@pytest.mark.parametrize("size", [1, 5])
def test_people_list_runs_fixed_number_of_queries(
    desk: Desk, django_assert_num_queries, size: int
) -> None:
    client = client_for(desk.agent)
    client.get("/api/v1/me")  # stamps the token so the measured call does not
    with django_assert_num_queries(2):  # token with its person, one page with units
        response = client.get(f"/api/v1/people?size={size}")
    assert len(response.json()["items"]) == size


def test_team_detail_lists_members_the_caller_may_see(desk: Desk) -> None:
    as_agent = client_for(desk.agent).get(f"/api/v1/teams/{desk.team.pk}").json()
    as_requester = client_for(desk.requester).get(f"/api/v1/teams/{desk.team.pk}").json()

    assert [m["full_name"] for m in as_agent["members"]] == ["Alice Agent", "Bob Colleague"]
    assert as_requester["members"] == []


def test_inactive_team_is_not_found(desk: Desk) -> None:
    gone = TeamFactory(is_active=False)

    assert client_for(desk.agent).get(f"/api/v1/teams/{gone.pk}").status_code == 404


@pytest.mark.parametrize("size", [1, 3])
def test_team_list_runs_fixed_number_of_queries(
    desk: Desk, django_assert_num_queries, size: int
) -> None:
    TeamFactory()
    client = client_for(desk.agent)
    client.get("/api/v1/me")  # stamps the token so the measured call does not
    with django_assert_num_queries(2):
        response = client.get(f"/api/v1/teams?size={size}")
    assert len(response.json()["items"]) == size


def test_services_list_and_requestable_filter(desk: Desk) -> None:
    Service.objects.create(name="Backups", slug="backups", owner_team=desk.team, requestable=False)
    client = client_for(desk.requester)

    every = client.get("/api/v1/services").json()["items"]
    requestable = client.get("/api/v1/services?requestable=true").json()["items"]

    assert [s["slug"] for s in every] == ["backups", "printing"]
    assert [s["slug"] for s in requestable] == ["printing"]
    assert every[1]["owner_team"]["slug"] == "service-desk"


@pytest.mark.parametrize("size", [1, 2])
def test_service_list_runs_fixed_number_of_queries(
    desk: Desk, django_assert_num_queries, size: int
) -> None:
    Service.objects.create(name="Mail", slug="mail", owner_team=desk.team)
    client = client_for(desk.agent)
    client.get("/api/v1/me")
    with django_assert_num_queries(2):
        response = client.get(f"/api/v1/services?size={size}")
    assert len(response.json()["items"]) == size


def test_inactive_service_is_not_found(desk: Desk) -> None:
    desk.service.is_active = False
    desk.service.save()

    assert client_for(desk.agent).get(f"/api/v1/services/{desk.service.pk}").status_code == 404


def test_categories_filter_by_kind(desk: Desk) -> None:
    CategoryFactory(name="Outage", applies_to="incident")
    CategoryFactory(name="Onboarding", applies_to="request")
    client = client_for(desk.requester)

    for_requests = client.get("/api/v1/categories?kind=request").json()["items"]
    one = client.get(f"/api/v1/categories/{desk.category.pk}").json()

    assert [c["name"] for c in for_requests] == ["Hardware", "Onboarding"]
    assert one["applies_to"] == "any"
