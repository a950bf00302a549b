"""Another person's ticket is simply not there: 404 on every ticket endpoint, nothing changed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from latitude.api.testing import Desk, build_desk, client_for, send
from latitude.core.models import AuditEntry
from latitude.tickets import actions
from latitude.tickets.models import Comment, Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.urls("latitude.api.tests.urls")]

T = "/api/v1/tickets/{ticket}"

ENDPOINTS = [
    ("GET", T, None),
    ("PATCH", T, {"subject": "mine"}),
    ("POST", T + "/priority", {"impact": 1}),
    ("POST", T + "/transitions", {"status": "in_progress"}),
    ("POST", T + "/accept", None),
    ("POST", T + "/reopen", {"reason": "again"}),
    ("POST", T + "/assignment", {"owner_id": None}),
    ("POST", T + "/take", None),
    ("POST", T + "/team", {"team_id": 1}),
    ("PUT", T + "/parent", {"parent_id": None}),
    ("GET", T + "/related", None),
    ("POST", T + "/related", {"ticket_id": 1}),
    ("DELETE", T + "/related/{own}", None),
    ("POST", T + "/merge", {"into_id": 1}),
    ("GET", T + "/watchers", None),
    ("POST", T + "/watchers", {"user_id": 1}),
    ("DELETE", T + "/watchers/{me}", None),
    ("GET", T + "/comments", None),
    ("POST", T + "/comments", {"body": "hello"}),
    ("GET", T + "/attachments", None),
    ("GET", T + "/attachments/{attachment}", None),
    ("GET", T + "/attachments/{attachment}/content", None),
]


@pytest.fixture
def desk() -> Desk:
    return build_desk()


@pytest.fixture
def hidden(desk: Desk) -> dict[str, int]:
    """The requester's ticket with a comment and a file, and the stranger's own ticket."""
    ticket = desk.ticket()
    actions.add_comment(actor=desk.requester, ticket_id=ticket.pk, body="private detail")
    upload = SimpleUploadedFile("private.txt", b"private")
    attachment = actions.add_attachment(actor=desk.requester, ticket_id=ticket.pk, upload=upload)
    own = desk.ticket(actor=desk.stranger)
    return {"ticket": ticket.pk, "attachment": attachment.pk, "own": own.pk, "me": desk.stranger.pk}


@pytest.mark.parametrize(("method", "path", "payload"), ENDPOINTS)
def test_other_requesters_ticket_is_not_found_on_every_endpoint(
    desk: Desk, hidden: dict[str, int], method: str, path: str, payload: object
) -> None:
    before = (Ticket.objects.get(pk=hidden["ticket"]).version, AuditEntry.objects.count())

    response = send(client_for(desk.stranger), method, path.format(**hidden), payload)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert b"private" not in response.content
    after = (Ticket.objects.get(pk=hidden["ticket"]).version, AuditEntry.objects.count())
    assert after[0] == before[0]
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(("method", "path", "payload"), ENDPOINTS)
def test_agent_of_another_team_gets_not_found_too(
    desk: Desk, hidden: dict[str, int], method: str, path: str, payload: object
) -> None:
    hidden = {**hidden, "me": desk.outsider.pk}

    response = send(client_for(desk.outsider), method, path.format(**hidden), payload)

    assert response.status_code == 404


def test_upload_to_other_requesters_ticket_is_not_found(desk: Desk, hidden: dict[str, int]) -> None:
    upload = SimpleUploadedFile("x.txt", b"x")

    response = client_for(desk.stranger).post(
        f"/api/v1/tickets/{hidden['ticket']}/attachments", {"file": upload}
    )

    assert response.status_code == 404


def test_other_requesters_ticket_is_absent_from_lists_and_search(
    desk: Desk, hidden: dict[str, int]
) -> None:
    client = client_for(desk.stranger)

    listed = client.get("/api/v1/tickets")
    searched = client.get("/api/v1/tickets?q=printer")

    assert [item["id"] for item in listed.json()["items"]] == [hidden["own"]]
    assert [item["id"] for item in searched.json()["items"]] == [hidden["own"]]
