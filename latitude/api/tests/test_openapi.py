"""The OpenAPI document and the interactive docs page."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from latitude.api.routes import api

pytestmark = pytest.mark.django_db

EXPECTED_PATHS = {
    "/api/v1/tickets/{ticket_id}/sla-clocks",
    "/api/v1/tickets/{ticket_id}/sla-clocks/extensions",
    "/api/v1/tickets/{ticket_id}/sla-clocks/waivers",
    "/api/v1/sla/policies",
    "/api/v1/sla/policies/{policy_id}",
    "/api/v1/sla/calendars",
    "/api/v1/sla/calendars/{calendar_id}",
    "/api/v1/sla/calendar-assignments",
    "/api/v1/sla/calendar-assignments/{assignment_id}",
    "/api/v1/sla/default-calendar",
    "/api/v1/sla/preview",
    "/api/v1/tickets",
    "/api/v1/tickets/{ticket_id}",
    "/api/v1/tickets/{ticket_id}/priority",
    "/api/v1/tickets/{ticket_id}/transitions",
    "/api/v1/tickets/{ticket_id}/accept",
    "/api/v1/tickets/{ticket_id}/reopen",
    "/api/v1/tickets/{ticket_id}/assignment",
    "/api/v1/tickets/{ticket_id}/take",
    "/api/v1/tickets/{ticket_id}/team",
    "/api/v1/tickets/{ticket_id}/parent",
    "/api/v1/tickets/{ticket_id}/related",
    "/api/v1/tickets/{ticket_id}/related/{other_id}",
    "/api/v1/tickets/{ticket_id}/merge",
    "/api/v1/tickets/{ticket_id}/unmerge",
    "/api/v1/tickets/{ticket_id}/approval/approve",
    "/api/v1/tickets/{ticket_id}/approval/reject",
    "/api/v1/tickets/{ticket_id}/approval/revoke",
    "/api/v1/tickets/{ticket_id}/cost",
    "/api/v1/tickets/{ticket_id}/goodwill",
    "/api/v1/tickets/{ticket_id}/goodwill/{goodwill_id}/revoke",
    "/api/v1/tickets/{ticket_id}/watchers",
    "/api/v1/tickets/{ticket_id}/watchers/{user_id}",
    "/api/v1/tickets/{ticket_id}/comments",
    "/api/v1/tickets/{ticket_id}/attachments",
    "/api/v1/tickets/{ticket_id}/attachments/{attachment_id}",
    "/api/v1/tickets/{ticket_id}/attachments/{attachment_id}/content",
    "/api/v1/me",
    "/api/v1/me/notifications",
    "/api/v1/me/notifications/{notification_id}/read",
    "/api/v1/me/notifications/read-all",
    "/api/v1/me/notification-preferences",
    "/api/v1/people",
    "/api/v1/people/{person_id}",
    "/api/v1/teams",
    "/api/v1/teams/{team_id}",
    "/api/v1/services",
    "/api/v1/services/{service_id}",
    "/api/v1/categories",
    "/api/v1/categories/{category_id}",
    "/api/v1/grants",
    "/api/v1/grants/{grant_id}",
    "/api/v1/grants/{grant_id}/revoke",
    "/api/v1/grants/{grant_id}/delegations",
    "/api/v1/grants/{grant_id}/versions",
    "/api/v1/grants/{grant_id}/versions/{version}",
    "/api/v1/grants/{grant_id}/diff",
    "/api/v1/decisions",
    "/api/v1/decisions/{name}/evaluate",
    "/api/v1/decisions/{name}/decidable",
    "/api/v1/tickets/{ticket_id}/verdicts",
    "/api/v1/decision-requests",
    "/api/v1/decision-requests/{request_id}",
    "/api/v1/decision-requests/{request_id}/approve",
    "/api/v1/decision-requests/{request_id}/decline",
    "/api/v1/decision-requests/{request_id}/withdraw",
    "/api/v1/decision-records",
    "/api/v1/decision-records/{record_id}",
    "/api/v1/me/absences",
    "/api/v1/me/absences/{absence_id}",
    "/api/v1/teams/{team_id}/trust-metrics",
    "/api/v1/people/{person_id}/trust-metrics",
    "/api/v1/scope-suggestions",
    "/api/v1/scope-suggestions/{suggestion_id}/accept",
    "/api/v1/scope-suggestions/{suggestion_id}/dismiss",
}
# Operations that take a guarded decision: their 403 is documented as `out_of_scope` with the
# decision request.
GUARDED_OPERATIONS = {
    "extendTicketSlaClock",
    "waiveTicketSlaClock",
    "transitionTicket",
    "reopenTicket",
    "changeTicketPriority",
    "transferTicketTeam",
    "mergeTicket",
    "createGrant",
    "updateGrant",
    "revokeGrant",
}
METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def document() -> dict:
    """Fetched through the project's real URLconf, so the mount point is checked too."""
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_openapi_document_is_valid_json_with_every_path(document: dict) -> None:
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == EXPECTED_PATHS


def test_every_operation_has_a_tag_and_a_unique_camel_case_operation_id(document: dict) -> None:
    operations = [
        op for item in document["paths"].values() for m, op in item.items() if m in METHODS
    ]
    ids = [op["operationId"] for op in operations]

    assert all(op.get("tags") for op in operations)
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][A-Za-z]+", op_id) for op_id in ids)


def test_every_operation_documents_its_problems_and_security(document: dict) -> None:
    schemes = document["components"]["securitySchemes"]
    assert {scheme["type"] for scheme in schemes.values()} == {"http", "apiKey"}
    for item in document["paths"].values():
        for method, operation in item.items():
            if method in METHODS:
                assert "401" in operation["responses"]
                assert operation["security"]


def test_guarded_operations_document_the_out_of_scope_problem(document: dict) -> None:
    operations = {
        op["operationId"]: op
        for item in document["paths"].values()
        for method, op in item.items()
        if method in METHODS
    }
    out_of_scope = {"$ref": "#/components/schemas/OutOfScopeProblem"}

    documented = {
        op_id
        for op_id, op in operations.items()
        if op["responses"]
        .get("403", {})
        .get("content", {})
        .get("application/json", {})
        .get("schema")
        == out_of_scope
    }

    assert documented == GUARDED_OPERATIONS
    schema = document["components"]["schemas"]["OutOfScopeProblem"]["properties"]
    assert {"decision_request", "decision_request_url", "candidates"} <= set(schema)


def test_openapi_document_matches_the_api_object(document: dict) -> None:
    assert document == json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/")))


def test_docs_page_loads_only_our_own_assets() -> None:
    response = Client().get("/api/v1/docs")
    html = response.content.decode()

    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert all('type="application/json"' in attributes for attributes in inline_scripts)
    for asset in re.findall(r"(?:src|href)=\"/static/([^\"]+)\"", html):
        assert finders.find(asset), asset
    assert '"validatorUrl": null' in html
