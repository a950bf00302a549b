"""Replies, internal notes and attachments, and who may read or add which."""

import hashlib
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from latitude.core.errors import InvalidInput, InvalidTransition, NotFound, NotPermitted
from latitude.core.models import AuditEntry
from latitude.people.models import Team, User
from latitude.testing.factories import (
    AgentFactory,
    OrgUnitFactory,
    RequesterFactory,
    TeamFactory,
    TicketFactory,
    member_of,
)
from latitude.tickets import events
from latitude.tickets.actions import add_attachment, add_comment
from latitude.tickets.actions import conversation as conversation_module
from latitude.tickets.choices import Status
from latitude.tickets.models import Attachment, Ticket
from latitude.tickets.selectors import comments_for, get_attachment_for

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def ticket(team: Team) -> Ticket:
    return TicketFactory(team=team)


def upload(name: str = "screenshot.png", content: bytes = PNG) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


# Comments


def test_an_agents_first_public_reply_sets_first_response(agent: User, ticket: Ticket) -> None:
    comment = add_comment(actor=agent, ticket_id=ticket.pk, body="Looking into it.")

    ticket.refresh_from_db()
    assert ticket.first_response_at == comment.created_at
    [entry] = AuditEntry.objects.for_subject("tickets.ticket", ticket.pk)
    assert (entry.verb, entry.context) == (
        events.COMMENTED,
        {"comment_id": comment.pk, "internal": False},
    )


def test_an_internal_note_is_not_a_first_response(agent: User, ticket: Ticket) -> None:
    add_comment(actor=agent, ticket_id=ticket.pk, body="Probably the fuser.", internal=True)

    ticket.refresh_from_db()
    assert ticket.first_response_at is None


def test_requesters_never_read_internal_notes(agent: User, ticket: Ticket) -> None:
    add_comment(actor=agent, ticket_id=ticket.pk, body="Public answer.")
    add_comment(actor=agent, ticket_id=ticket.pk, body="Between us: user error.", internal=True)
    add_comment(actor=ticket.requester, ticket_id=ticket.pk, body="Thanks!")

    as_requester = [comment.body for comment in comments_for(ticket.requester, ticket)]
    as_agent = [comment.body for comment in comments_for(agent, ticket)]

    assert as_requester == ["Public answer.", "Thanks!"]
    assert as_agent == ["Public answer.", "Between us: user error.", "Thanks!"]


def test_a_colleague_in_a_sharing_unit_reads_public_replies_only(agent: User, team: Team) -> None:
    unit = OrgUnitFactory(shares_tickets=True)
    ticket = TicketFactory(team=team, requester=RequesterFactory(unit=unit))
    add_comment(actor=agent, ticket_id=ticket.pk, body="Note.", internal=True)

    assert list(comments_for(RequesterFactory(unit=unit), ticket)) == []


def test_a_requester_may_not_write_internal_notes(ticket: Ticket) -> None:
    with pytest.raises(NotPermitted):
        add_comment(actor=ticket.requester, ticket_id=ticket.pk, body="Psst.", internal=True)


def test_a_colleague_who_only_follows_the_unit_may_not_reply(team: Team) -> None:
    unit = OrgUnitFactory(shares_tickets=True)
    ticket = TicketFactory(team=team, requester=RequesterFactory(unit=unit))

    with pytest.raises(NotPermitted):
        add_comment(actor=RequesterFactory(unit=unit), ticket_id=ticket.pk, body="Me too.")


def test_a_stranger_cannot_find_the_ticket_to_reply(ticket: Ticket) -> None:
    with pytest.raises(NotFound):
        add_comment(actor=RequesterFactory(), ticket_id=ticket.pk, body="Hello?")


def test_the_requesters_reply_ends_the_wait_on_them(team: Team) -> None:
    ticket = TicketFactory(team=team, status=Status.WAITING_REQUESTER)

    add_comment(actor=ticket.requester, ticket_id=ticket.pk, body="It is the second floor printer.")

    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS
    entry = AuditEntry.objects.for_subject("tickets.ticket", ticket.pk).get(
        verb=events.STATUS_CHANGED
    )
    assert entry.changes == {"status": [Status.WAITING_REQUESTER, Status.IN_PROGRESS]}
    assert entry.context == {"reason": "requester_replied"}


@pytest.mark.parametrize("body", ["", "   \n\t"])
def test_an_empty_comment_is_refused(body: str, agent: User, ticket: Ticket) -> None:
    with pytest.raises(InvalidInput) as refused:
        add_comment(actor=agent, ticket_id=ticket.pk, body=body)

    assert refused.value.field == "body"


def test_an_overlong_comment_is_refused(agent: User, ticket: Ticket) -> None:
    with pytest.raises(InvalidInput):
        add_comment(
            actor=agent, ticket_id=ticket.pk, body="x" * (conversation_module.MAX_COMMENT_CHARS + 1)
        )


def test_a_closed_ticket_takes_no_more_comments(agent: User, team: Team) -> None:
    ticket = TicketFactory(team=team, status=Status.CLOSED)

    with pytest.raises(InvalidTransition):
        add_comment(actor=agent, ticket_id=ticket.pk, body="Anything else?")


# Attachments


def test_an_attachment_is_stored_under_a_random_name_with_its_digest(
    agent: User, ticket: Ticket, settings
) -> None:
    attachment = add_attachment(actor=agent, ticket_id=ticket.pk, upload=upload("passwd.png"))

    assert re.fullmatch(r"attachments/\d{4}/\d{2}/[0-9a-f]{32}", attachment.file.name)
    assert attachment.original_name == "passwd.png"
    assert attachment.content_type == "image/png"
    assert attachment.size == len(PNG)
    assert attachment.sha256 == hashlib.sha256(PNG).hexdigest()
    assert [path.read_bytes() for path in stored_files(settings)] == [PNG]
    ticket.refresh_from_db()
    assert ticket.version == 2
    [entry] = AuditEntry.objects.for_subject("tickets.ticket", ticket.pk)
    assert entry.context == {
        "attachment_id": attachment.pk,
        "name": "passwd.png",
        "internal": False,
    }


def test_two_uploads_of_the_same_name_get_different_storage_names(
    agent: User, ticket: Ticket
) -> None:
    first = add_attachment(actor=agent, ticket_id=ticket.pk, upload=upload())
    second = add_attachment(actor=agent, ticket_id=ticket.pk, upload=upload())

    assert first.file.name != second.file.name


def test_files_over_the_size_limit_are_refused(agent: User, ticket: Ticket, settings) -> None:
    settings.LATITUDE_ATTACHMENT_MAX_BYTES = 2**20

    with pytest.raises(InvalidInput) as refused:
        add_attachment(
            actor=agent, ticket_id=ticket.pk, upload=upload("log.txt", b"x" * (2**20 + 1))
        )

    assert refused.value.field == "file"
    assert "1 MB" in refused.value.message
    assert stored_files(settings) == []


def test_an_empty_file_is_refused(agent: User, ticket: Ticket) -> None:
    with pytest.raises(InvalidInput):
        add_attachment(actor=agent, ticket_id=ticket.pk, upload=upload("empty.txt", b""))


@pytest.mark.parametrize(
    "name", ["invoice.html", "payload.svg", "setup.exe", "noextension", "a.htm"]
)
def test_types_outside_the_allowlist_are_refused(name: str, agent: User, ticket: Ticket) -> None:
    with pytest.raises(InvalidInput) as refused:
        add_attachment(actor=agent, ticket_id=ticket.pk, upload=upload(name, b"hello"))

    assert refused.value.field == "file"


@pytest.mark.parametrize(
    "content",
    [
        b"<html><script>alert(1)</script></html>",
        b"  \n<!DOCTYPE html><p>hi",
        b"<SCRIPT>alert(1)</SCRIPT>",
        b"<svg onload=alert(1)>",
        b"\xef\xbb\xbf<html><script>alert(1)</script>",
        b"<body onload=alert(1)>",
        "<html><script>alert(1)</script>".encode("utf-16"),
    ],
    ids=["html", "doctype", "script", "svg", "bom-html", "body", "utf16-html"],
)
def test_html_disguised_as_a_picture_is_refused(
    content: bytes, agent: User, ticket: Ticket, settings
) -> None:
    with pytest.raises(InvalidInput) as refused:
        add_attachment(actor=agent, ticket_id=ticket.pk, upload=upload("cat.png", content))

    assert refused.value.field == "file"
    assert stored_files(settings) == []
    assert not Attachment.objects.exists()


def test_a_picture_whose_bytes_are_not_that_picture_is_refused(agent: User, ticket: Ticket) -> None:
    with pytest.raises(InvalidInput):
        add_attachment(
            actor=agent, ticket_id=ticket.pk, upload=upload("cat.png", b"GIF89a" + b"\x00" * 32)
        )


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\win.ini.txt", "windowswin.ini.txt"),
        ("report\u202etxt.png", "reporttxt.png"),
        ("nul\x00byte.txt", "nulbyte.txt"),
        (".hidden.txt", "hidden.txt"),
        ("CON.txt", "CON.txt"),
    ],
)
def test_display_names_are_sanitised(name: str, shown: str, agent: User, ticket: Ticket) -> None:
    content = PNG if name.endswith(".png") else b"plain text"

    attachment = add_attachment(actor=agent, ticket_id=ticket.pk, upload=upload(name, content))

    assert attachment.original_name == shown
    assert shown not in attachment.file.name


def test_a_ten_thousand_character_name_is_shortened_keeping_its_extension(
    agent: User, ticket: Ticket
) -> None:
    attachment = add_attachment(
        actor=agent, ticket_id=ticket.pk, upload=upload("a" * 10_000 + ".png")
    )

    assert len(attachment.original_name) <= 200
    assert attachment.original_name.endswith(".png")


def test_the_file_is_removed_when_the_transaction_fails(
    agent: User, ticket: Ticket, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(**kwargs: object) -> None:
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(events, "attachment_added", fail)

    with pytest.raises(RuntimeError):
        add_attachment(actor=agent, ticket_id=ticket.pk, upload=upload())

    assert stored_files(settings) == []
    assert not Attachment.objects.exists()
    ticket.refresh_from_db()
    assert ticket.version == 1


def test_a_requester_attaches_to_their_own_ticket_but_not_internally(ticket: Ticket) -> None:
    add_attachment(actor=ticket.requester, ticket_id=ticket.pk, upload=upload())

    with pytest.raises(NotPermitted):
        add_attachment(actor=ticket.requester, ticket_id=ticket.pk, upload=upload(), internal=True)


def test_a_closed_ticket_takes_no_attachments(agent: User, team: Team) -> None:
    ticket = TicketFactory(team=team, status=Status.CLOSED)

    with pytest.raises(InvalidTransition):
        add_attachment(actor=agent, ticket_id=ticket.pk, upload=upload())


def test_internal_attachments_stay_hidden_from_the_requester(agent: User, ticket: Ticket) -> None:
    note = add_comment(actor=agent, ticket_id=ticket.pk, body="Config dump.", internal=True)
    hidden = add_attachment(actor=agent, ticket_id=ticket.pk, upload=upload(), comment=note)
    shown = add_attachment(actor=agent, ticket_id=ticket.pk, upload=upload("fix.txt", b"steps"))

    assert hidden.is_internal
    assert get_attachment_for(ticket.requester, shown.pk) == shown
    assert get_attachment_for(agent, hidden.pk) == hidden
    with pytest.raises(NotFound):
        get_attachment_for(ticket.requester, hidden.pk)


def test_attachments_of_other_peoples_tickets_are_not_found(agent: User, ticket: Ticket) -> None:
    attachment = add_attachment(actor=agent, ticket_id=ticket.pk, upload=upload())

    with pytest.raises(NotFound):
        get_attachment_for(RequesterFactory(), attachment.pk)
    with pytest.raises(NotFound):
        get_attachment_for(member_of(TeamFactory(), AgentFactory()), attachment.pk)
