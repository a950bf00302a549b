"""The permission matrix of every scopes endpoint: anonymous, the requester, an agent of another
team, the agent, the team lead, an administrator. Something the caller may not see is 404."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from latitude.api.testing import client_for, send
from latitude.people.actions import record_absence
from latitude.scopes.models import DecisionRecord
from latitude.scopes.tests.helpers import person_grant

pytestmark = [pytest.mark.django_db, pytest.mark.urls("latitude.api.tests.urls")]

ROLES = ("requester", "outsider", "agent", "lead", "admin")
IN_A_WEEK = (timezone.now() + timedelta(days=7)).isoformat()
TOMORROW = (timezone.now() + timedelta(days=1)).isoformat()


def expect(*codes: int) -> dict[str, int]:
    return dict(zip(ROLES, codes, strict=True))


EVERYONE = expect(200, 200, 200, 200, 200)
SEES_GRANT = expect(404, 200, 200, 200, 200)
SEES_TICKET = expect(200, 404, 200, 200, 200)
SEES_REQUEST = expect(404, 404, 200, 200, 200)

# (method, path, payload, expected status by role)
ENDPOINTS: list[tuple[str, str, Any, dict[str, int]]] = [
    ("GET", "/grants", None, EVERYONE),
    ("POST", "/grants", "new_grant", expect(403, 403, 403, 201, 201)),
    ("GET", "/grants/{grant}", None, SEES_GRANT),
    ("PATCH", "/grants/{grant}", {"rationale": "Reviewed."}, expect(404, 403, 403, 200, 200)),
    ("POST", "/grants/{grant}/revoke", {"reason": "Moved."}, expect(404, 403, 403, 200, 200)),
    ("POST", "/grants/{grant}/delegations", "delegation", expect(404, 403, 201, 403, 201)),
    ("GET", "/grants/{grant}/versions", None, SEES_GRANT),
    ("GET", "/grants/{grant}/versions/1", None, SEES_GRANT),
    ("GET", "/grants/{grant}/diff", None, SEES_GRANT),
    ("GET", "/decisions", None, EVERYONE),
    ("POST", "/decisions/ticket.resolve/evaluate", "dry_run", SEES_TICKET),
    ("GET", "/decisions/ticket.resolve/decidable", None, EVERYONE),
    ("GET", "/tickets/{ticket}/verdicts", None, SEES_TICKET),
    ("GET", "/decision-requests", None, EVERYONE),
    ("GET", "/decision-requests/{request}", None, SEES_REQUEST),
    ("POST", "/decision-requests/{request}/approve", {}, expect(404, 404, 403, 200, 200)),
    (
        "POST",
        "/decision-requests/{request}/decline",
        {"reason": "No."},
        expect(404, 404, 403, 200, 200),
    ),
    ("POST", "/decision-requests/{request}/withdraw", {}, expect(404, 404, 200, 403, 403)),
    ("GET", "/decision-records", None, EVERYONE),
    ("GET", "/decision-records/{record}", None, SEES_REQUEST),
    ("GET", "/me/absences", None, EVERYONE),
    ("POST", "/me/absences", "absence", expect(201, 201, 201, 201, 201)),
    ("DELETE", "/me/absences/{absence}", None, expect(404, 404, 200, 404, 404)),
]
IDS = [f"{method} {path}" for method, path, _, _ in ENDPOINTS]
_NAMES = ("grant", "ticket", "request", "record", "absence")


@pytest.fixture
def world(sd) -> dict[str, Any]:
    """A grant the agent holds, the agent's pending P1 request on the requester's ticket (routed
    to the lead) with its record, and an absence of the agent."""
    grant = person_grant(sd.agent, "ticket.resolve", admin=sd.admin, name="Alice resolves")
    ticket = sd.ticket(priority=3)
    refused = send(
        client_for(sd.agent), "POST", f"/api/v1/tickets/{ticket.pk}/priority", {"priority": 1}
    )
    request_id = refused.json()["decision_request"]
    absence = record_absence(
        actor=sd.agent,
        person=sd.agent,
        starts_at=timezone.now() + timedelta(days=1),
        ends_at=timezone.now() + timedelta(days=2),
    )
    return {
        "ids": {
            "grant": grant.grant_id,
            "ticket": ticket.pk,
            "request": request_id,
            "record": DecisionRecord.objects.get(request_id=request_id).pk,
            "absence": absence.pk,
        },
        "payloads": {
            "new_grant": {
                "name": "Alice closes",
                "holder_kind": "person",
                "holder_person_id": sd.agent.pk,
                "decisions": ["ticket.close"],
                "rationale": "Printer desk.",
            },
            "delegation": {
                "to_person_id": sd.colleague.pk,
                "valid_until": IN_A_WEEK,
                "rationale": "Cover.",
            },
            "dry_run": {"subject": {"type": "ticket", "id": ticket.pk}},
            "absence": {"starts_at": TOMORROW, "ends_at": IN_A_WEEK},
        },
    }


def _call(client: Client, method: str, path: str, payload: Any, world: dict[str, Any]) -> Any:
    url = "/api/v1" + path.format(**world["ids"])
    body = world["payloads"].get(payload, payload) if isinstance(payload, str) else payload
    if method == "GET":
        return client.get(url)
    return send(client, method, url, body)


@pytest.mark.parametrize(("method", "path", "payload", "expected"), ENDPOINTS, ids=IDS)
def test_anonymous_callers_get_401_everywhere(db, method, path, payload, expected):
    nothing: dict[str, Any] = {"ids": dict.fromkeys(_NAMES, 1), "payloads": {}}

    response = _call(Client(), method, path, payload, nothing)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "payload", "expected"), ENDPOINTS, ids=IDS)
def test_each_role_gets_what_the_matrix_says(sd, world, role, method, path, payload, expected):
    client = client_for(sd.people()[role])

    response = _call(client, method, path, payload, world)

    assert response.status_code == expected[role], response.content
    if response.status_code == 404:
        assert response.json()["code"] == "not_found"
