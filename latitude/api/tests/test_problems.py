"""Bad input always gets a problem+json 4xx naming what is wrong, never a 500."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from latitude.api.testing import Desk, build_desk, client_for, send

pytestmark = [pytest.mark.django_db, pytest.mark.urls("latitude.api.tests.urls")]

TICKETS = "/api/v1/tickets"
PROBLEM_KEYS = {"type", "title", "status", "code", "detail", "errors"}


@pytest.fixture
def desk() -> Desk:
    return build_desk()


def _problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) == PROBLEM_KEYS
    assert (body["status"], body["code"]) == (status, code)
    assert body["type"].endswith(code)
    return body


@pytest.mark.parametrize("raw", ['{"kind": ', "not json", "\xff\xfe", '{"kind": "incident",}'])
def test_malformed_json_is_a_400_problem(desk: Desk, raw: str) -> None:
    response = client_for(desk.requester).post(TICKETS, raw, content_type="application/json")

    _problem(response, 400, "malformed_request")


@pytest.mark.parametrize("raw", ["[]", '"a string"', "42", "null"])
def test_json_that_is_not_an_object_is_a_validation_problem(desk: Desk, raw: str) -> None:
    response = client_for(desk.requester).post(TICKETS, raw, content_type="application/json")

    assert response.status_code in (400, 422)
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "incident", "subject": ["a"]}, "subject"),
        ({"kind": "incident", "subject": "x", "impact": "high"}, "impact"),
        ({"kind": "incident", "subject": "x", "impact": 7}, "impact"),
        ({"kind": "incident", "subject": "x", "service_id": "one"}, "service_id"),
        ({"kind": "incident", "subject": "x", "service_id": 10**30}, "service_id"),
        ({"kind": "incident", "subject": "x", "service_id": -1}, "service_id"),
        ({"kind": "incident", "subject": "x" * 201}, "subject"),
        ({"kind": "incident", "subject": "x", "is_admin": True}, "is_admin"),
    ],
)
def test_wrong_types_and_sizes_name_the_field(desk: Desk, payload: dict, field: str) -> None:
    response = send(client_for(desk.requester), "POST", TICKETS, payload)

    body = _problem(response, 422, "validation_error")
    assert field in {error["field"] for error in body["errors"]}


@pytest.mark.parametrize(
    "path",
    [
        f"{TICKETS}/{10**30}",
        f"{TICKETS}/-5",
        f"{TICKETS}/0",
        "/api/v1/people/99999999999999999999",
        "/api/v1/teams/1e9",
    ],
)
def test_out_of_range_ids_in_the_path_are_refused(desk: Desk, path: str) -> None:
    response = client_for(desk.agent).get(path)

    assert response.status_code in (404, 422)
    assert response["Content-Type"] == "application/problem+json"


def test_unknown_ticket_is_a_404_problem(desk: Desk) -> None:
    _problem(client_for(desk.agent).get(f"{TICKETS}/424242"), 404, "not_found")


@pytest.mark.parametrize("cursor", ["zzz", "W10", "eyJhIjoxfQ", "WyJ4IiwieSJd", "!!!", "a" * 999])
def test_bad_cursor_is_a_422_naming_cursor(desk: Desk, cursor: str) -> None:
    desk.ticket()

    body = _problem(client_for(desk.agent).get(f"{TICKETS}?cursor={cursor}"), 422, "invalid")

    assert body["errors"][0]["field"] == "cursor"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("sort=requester__password", "sort"),
        ("sort=-password", "sort"),
        ("queue=everyone", "queue"),
        ("ordering=id", "ordering"),
        ("requester__password__startswith=a", "requester__password__startswith"),
        ("status=open", "status"),
        ("priority=9", "priority"),
        ("size=0", "size"),
        ("size=101", "size"),
        ("owner=abc", "owner"),
        ("team=99999999999999999999", "team"),
    ],
)
def test_unknown_or_invalid_list_params_name_the_field(desk: Desk, query: str, field: str) -> None:
    response = client_for(desk.agent).get(f"{TICKETS}?{query}")

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == field


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/people?x=1",
        "/api/v1/teams?sort=name",
        "/api/v1/services?kind=x",
        "/api/v1/categories?kind=problem",
    ],
)
def test_other_lists_refuse_unknown_params(desk: Desk, url: str) -> None:
    response = client_for(desk.agent).get(url)

    assert response.status_code == 422


def test_oversized_body_is_refused(desk: Desk, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    payload = json.dumps({"kind": "incident", "subject": "x", "description": "y" * 5000})

    response = client_for(desk.requester).post(TICKETS, payload, content_type="application/json")

    _problem(response, 413, "too_large")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.sampled_from(["cursor", "sort", "q", "queue", "status", "priority", "owner", "size"]),
    value=st.text(max_size=60),
)
def test_arbitrary_query_values_never_cause_a_server_error(
    desk: Desk, name: str, value: str
) -> None:
    response = client_for(desk.agent).get(TICKETS, {name: value})

    assert response.status_code in (200, 422)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    payload=st.dictionaries(
        st.sampled_from(["kind", "subject", "service_id", "impact", "requester_id", "team_id"]),
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=30), st.floats()),
    )
)
def test_arbitrary_create_payloads_never_cause_a_server_error(desk: Desk, payload: dict) -> None:
    response = client_for(desk.agent).post(
        TICKETS, json.dumps(payload), content_type="application/json"
    )

    assert response.status_code in (201, 400, 403, 422)
