"""Replies, internal notes and attachments over /api/v1."""

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from latitude.api.testing import Desk, build_desk, client_for, send
from latitude.tickets import actions
from latitude.tickets.models import Attachment, Comment

pytestmark = [pytest.mark.django_db, pytest.mark.urls("latitude.api.tests.urls")]

TICKETS = "/api/v1/tickets"


@pytest.fixture
def desk() -> Desk:
    return build_desk()


def _upload(client, ticket_id: int, name: str, content: bytes, internal: bool = False):
    data = {"file": SimpleUploadedFile(name, content), "internal": "true" if internal else "false"}
    return client.post(f"{TICKETS}/{ticket_id}/attachments", data)


def test_requester_replies_and_agent_adds_note(desk: Desk) -> None:
    ticket = desk.ticket()

    reply = send(
        client_for(desk.requester),
        "POST",
        f"{TICKETS}/{ticket.pk}/comments",
        {"body": "Still jammed"},
    )
    note = send(
        client_for(desk.agent),
        "POST",
        f"{TICKETS}/{ticket.pk}/comments",
        {"body": "Roller worn", "internal": True},
    )

    assert (reply.status_code, note.status_code) == (201, 201)
    assert note.json()["is_internal"] is True
    assert reply.json()["author"]["id"] == desk.requester.pk


def test_requester_never_receives_internal_notes(desk: Desk) -> None:
    ticket = desk.ticket()
    actions.add_comment(actor=desk.agent, ticket_id=ticket.pk, body="We replied", internal=False)
    actions.add_comment(actor=desk.agent, ticket_id=ticket.pk, body="SECRET note", internal=True)

    as_requester = client_for(desk.requester).get(f"{TICKETS}/{ticket.pk}/comments")
    as_agent = client_for(desk.agent).get(f"{TICKETS}/{ticket.pk}/comments")

    assert [c["body"] for c in as_requester.json()["items"]] == ["We replied"]
    assert b"SECRET" not in as_requester.content
    assert [c["body"] for c in as_agent.json()["items"]] == ["We replied", "SECRET note"]


def test_requester_cannot_write_internal_notes(desk: Desk) -> None:
    ticket = desk.ticket()

    response = send(
        client_for(desk.requester),
        "POST",
        f"{TICKETS}/{ticket.pk}/comments",
        {"body": "psst", "internal": True},
    )

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_empty_comment_names_the_body_field(desk: Desk) -> None:
    ticket = desk.ticket()

    response = send(
        client_for(desk.agent), "POST", f"{TICKETS}/{ticket.pk}/comments", {"body": "   "}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body"


@pytest.mark.parametrize("size", [2, 10])
def test_comment_list_runs_fixed_number_of_queries(
    desk: Desk, django_assert_num_queries, size: int
) -> None:
    ticket = desk.ticket()
    for n in range(10):
        actions.add_comment(actor=desk.agent, ticket_id=ticket.pk, body=f"Reply {n}")
    client = client_for(desk.agent)
    # token, stamp, unit, teams, ticket, agent check, comments with authors, attachments
    with django_assert_num_queries(8):
        response = client.get(f"{TICKETS}/{ticket.pk}/comments?size={size}")
    assert len(response.json()["items"]) == size


def test_upload_list_and_download_attachment(desk: Desk) -> None:
    ticket = desk.ticket()
    client = client_for(desk.requester)

    uploaded = _upload(client, ticket.pk, "Prüfbericht 2.pdf", b"%PDF-1.4 test")
    listed = client.get(f"{TICKETS}/{ticket.pk}/attachments")
    download = client.get(f"{TICKETS}/{ticket.pk}/attachments/{uploaded.json()['id']}/content")

    assert uploaded.status_code == 201
    assert [a["original_name"] for a in listed.json()["items"]] == ["Prüfbericht 2.pdf"]
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote('Prüfbericht 2.pdf', safe='')}" in disposition
    assert 'filename="Pr_fbericht 2.pdf"' in disposition


def test_upload_of_html_disguised_as_text_is_refused(desk: Desk) -> None:
    ticket = desk.ticket()

    response = _upload(client_for(desk.requester), ticket.pk, "notes.txt", b"<html><script>")

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "file"
    assert not Attachment.objects.exists()


def test_upload_without_file_names_the_field(desk: Desk) -> None:
    ticket = desk.ticket()

    response = client_for(desk.requester).post(f"{TICKETS}/{ticket.pk}/attachments", {})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "file"


def test_internal_attachment_is_hidden_from_requester(desk: Desk) -> None:
    ticket = desk.ticket()
    internal = _upload(client_for(desk.agent), ticket.pk, "log.txt", b"trace", internal=True)
    attachment_id = internal.json()["id"]
    client = client_for(desk.requester)

    listed = client.get(f"{TICKETS}/{ticket.pk}/attachments")
    meta = client.get(f"{TICKETS}/{ticket.pk}/attachments/{attachment_id}")
    content = client.get(f"{TICKETS}/{ticket.pk}/attachments/{attachment_id}/content")

    assert listed.json()["items"] == []
    assert (meta.status_code, content.status_code) == (404, 404)


def test_attachment_of_another_ticket_is_not_found_under_this_one(desk: Desk) -> None:
    first, second = desk.ticket(), desk.ticket()
    client = client_for(desk.requester)
    uploaded = _upload(client, first.pk, "a.txt", b"hello")

    response = client.get(f"{TICKETS}/{second.pk}/attachments/{uploaded.json()['id']}/content")

    assert response.status_code == 404
