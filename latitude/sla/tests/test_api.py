"""The SLA endpoints: who may do what, due times in the preview, and clear problems."""

import pytest
from django.test import Client

from latitude.api.testing import build_desk, client_for, send
from latitude.sla.models import CalendarAssignment, SlaPolicy
from latitude.sla.tests.desk import calendar
from latitude.testing.factories import AdminFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("latitude.api.tests.urls")]

NEW_POLICY = {"name": "VIP", "position": 5, "kind": "incident", "response_minutes": 15}
WEEK = [{"weekday": day, "start": "09:00", "end": "17:00"} for day in range(5)]
NEW_CALENDAR = {"name": "Vienna", "time_zone": "Europe/Vienna", "holiday_country": "AT"}
PREVIEW = "/api/v1/sla/preview?kind=incident&priority=2&opened_at=2024-06-07T16:30%2B02:00"
ROLES = ["anonymous", "requester", "outsider", "agent", "admin"]


@pytest.fixture
def world():
    desk = build_desk()
    munich = calendar("Munich", "Europe/Berlin", "DE", "BY", (8, 12), (13, 17))
    CalendarAssignment.objects.create(calendar=munich, team=desk.team)
    SlaPolicy.objects.create(
        name="Incidents", position=10, kind="incident", response_minutes=60,
        resolution_minutes=480,
    )  # fmt: skip
    ticket = desk.ticket()
    people = {
        "requester": desk.requester,
        "outsider": desk.outsider,
        "agent": desk.agent,
        "admin": AdminFactory(),
    }
    return {"desk": desk, "ticket": ticket, "munich": munich, "people": people}


def client(world, role: str) -> Client:
    return Client() if role == "anonymous" else client_for(world["people"][role])


MATRIX = [
    # The requester sees the clocks of their own ticket, without reasons for waivers.
    ("GET", "/api/v1/tickets/{ticket}/sla-clocks", None, [401, 200, 404, 200, 200]),
    (
        "POST",
        "/api/v1/tickets/{ticket}/sla-clocks/extensions",
        {"clock": "response", "minutes": 30, "reason": "Asked for time."},
        [401, 403, 404, 200, 200],  # the requester sees the ticket but may not do this
    ),
    ("GET", "/api/v1/sla/policies", None, [401, 404, 200, 200, 200]),
    ("GET", "/api/v1/sla/policies/{policy}", None, [401, 404, 200, 200, 200]),
    ("POST", "/api/v1/sla/policies", NEW_POLICY, [401, 404, 403, 403, 201]),
    ("PATCH", "/api/v1/sla/policies/{policy}", {"warn_percent": 80}, [401, 404, 403, 403, 200]),
    ("GET", "/api/v1/sla/calendars", None, [401, 404, 200, 200, 200]),
    ("GET", "/api/v1/sla/calendars/{calendar}", None, [401, 404, 200, 200, 200]),
    ("POST", "/api/v1/sla/calendars", {**NEW_CALENDAR, "hours": WEEK}, [401, 404, 403, 403, 201]),
    ("PATCH", "/api/v1/sla/calendars/{calendar}", {"name": "MUC"}, [401, 404, 403, 403, 200]),
    ("GET", "/api/v1/sla/calendar-assignments", None, [401, 404, 200, 200, 200]),
    (
        "POST",
        "/api/v1/sla/calendar-assignments",
        {"calendar_id": "{calendar}", "unit_id": None, "service_id": "{service}"},
        [401, 404, 403, 403, 200],
    ),
    (
        "PUT",
        "/api/v1/sla/default-calendar",
        {"calendar_id": "{calendar}"},
        [401, 404, 403, 403, 204],
    ),
    ("GET", PREVIEW, None, [401, 404, 200, 200, 200]),
]


def filled(world, text: str) -> str:
    return text.format(
        ticket=world["ticket"].pk,
        policy=SlaPolicy.objects.get(name="Incidents").pk,
        calendar=world["munich"].pk,
        service=world["desk"].service.pk,
    )


def payload_of(world, payload):
    if payload is None:
        return None
    return {
        key: int(filled(world, value)) if isinstance(value, str) and "{" in value else value
        for key, value in payload.items()
    }


@pytest.mark.parametrize(("method", "path", "payload", "statuses"), MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, role, method, path, payload, statuses):
    response = send(client(world, role), method, filled(world, path), payload_of(world, payload))
    assert response.status_code == statuses[ROLES.index(role)], response.content
    if response.status_code >= 400:
        assert response["Content-Type"] == "application/problem+json"


def test_a_tickets_clocks_come_with_an_explained_timeline(world):
    body = send(client(world, "agent"), "GET", filled(world, MATRIX[0][1])).json()
    assert [clock["kind"] for clock in body] == ["response", "resolution"]
    assert body[0]["timeline"][0]["what"] == "started"
    assert body[0]["timeline"][0]["text"] == "Started: target 1 h of business time"


def test_the_preview_gives_due_times_on_the_chosen_calendar(world):
    url = PREVIEW + f"&calendar_id={world['munich'].pk}"
    body = send(client(world, "agent"), "GET", url).json()
    # Friday 16:30 in Munich: response 60 -> Monday 08:30, resolution 480 -> Monday 16:30.
    assert [due["due_local"] for due in body["dues"]] == [
        "Mon 2024-06-10 08:30",
        "Mon 2024-06-10 16:30",
    ]
    assert (body["policy_name"], body["calendar_source"]) == ("Incidents", "chosen")


@pytest.mark.parametrize(
    ("path", "payload", "field"),
    [
        ("/api/v1/sla/policies", {**NEW_POLICY, "response_minutes": 0}, "response_minutes"),
        ("/api/v1/sla/policies", {"name": "Empty", "position": 6}, "resolution_minutes"),
        ("/api/v1/sla/policies", {**NEW_POLICY, "position": 10}, "position"),
        ("/api/v1/sla/policies", {**NEW_POLICY, "priorities": [7]}, "priorities"),
        (
            "/api/v1/sla/calendars",
            {**NEW_CALENDAR, "hours": [*WEEK, {"weekday": 0, "start": "16:00", "end": "18:00"}]},
            None,
        ),
        (
            "/api/v1/sla/calendars",
            {**NEW_CALENDAR, "holiday_country": "XX", "hours": WEEK},
            "holiday_country",
        ),
    ],
)
def test_bad_configuration_is_refused_with_the_field(world, path, payload, field):
    response = send(client(world, "admin"), "POST", path, payload)
    assert response.status_code == 422, response.content
    problem = response.json()
    assert problem["code"]
    if field:
        assert [error["field"] for error in problem["errors"]] == [field]


def test_a_policy_behind_a_catch_all_would_never_match(world):
    admin = client(world, "admin")
    send(
        admin,
        "POST",
        "/api/v1/sla/policies",
        {"name": "All", "position": 1, "resolution_minutes": 60},
    )
    response = send(admin, "POST", "/api/v1/sla/policies", NEW_POLICY)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "position"


def test_waiving_needs_a_reason_and_an_existing_clock(world):
    agent = client(world, "agent")
    url = filled(world, "/api/v1/tickets/{ticket}/sla-clocks/waivers")
    no_reason = send(agent, "POST", url, {"clock": "resolution", "reason": " "})
    assert (no_reason.status_code, no_reason.json()["errors"][0]["field"]) == (422, "reason")
    no_clock = send(agent, "POST", url, {"clock": "ola", "reason": "Why not."})
    assert (no_clock.status_code, no_clock.json()["errors"][0]["field"]) == (422, "clock")


def test_an_out_of_scope_waiver_opens_a_decision_request(world):
    url = filled(world, "/api/v1/tickets/{ticket}/sla-clocks/waivers")
    response = send(
        client(world, "agent"), "POST", url, {"clock": "resolution", "reason": "Outage."}
    )
    assert response.status_code == 403
    assert response.json()["code"] == "out_of_scope"


def test_requesters_see_their_clocks_without_the_reasons_for_extensions(world):
    url = filled(world, "/api/v1/tickets/{ticket}/sla-clocks")
    payload = {"clock": "resolution", "minutes": 30, "reason": "Vendor is slow."}
    send(client(world, "agent"), "POST", url + "/extensions", payload)
    lines = [
        line
        for clock in send(client(world, "requester"), "GET", url).json()
        for line in clock["timeline"]
    ]
    extended = next(line for line in lines if line["what"] == "extended")
    assert extended["text"] == "Extended by 30 min"
    assert "reason" not in extended["detail"]
