"""Replies, internal notes and attachments."""

import hashlib
import mimetypes
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from latitude.core.errors import InvalidInput, InvalidTransition, NotPermitted
from latitude.sla import hooks as sla_clocks
from latitude.tickets import events
from latitude.tickets import notification_events as notices
from latitude.tickets.actions.base import lock_visible, save_ticket
from latitude.tickets.choices import Status
from latitude.tickets.models import Attachment, Comment, Ticket
from latitude.tickets.visibility import works_on_filter

MAX_COMMENT_CHARS = 100_000
HTML_MARKERS = (
    b"<html",
    b"<!doctype",
    b"<script",
    b"<svg",
    b"<body",
    b"<iframe",
    b"<?xml",
    b"<head",
    b"<!--",
    b"<style",
    b"<title",
    b"<object",
    b"<embed",
    b"<a ",
    b"<img",
    b"<div",
    b"<table",
)
# Byte-order marks a browser skips before sniffing, so an HTML page cannot hide behind one.
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Binary types must start with their own signature; anything else is a disguised file.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "application/pdf": (b"%PDF-",),
}
MAX_DISPLAY_NAME = 200


def _is_agent_on(actor: Any, ticket: Ticket) -> bool:
    return Ticket.objects.filter(works_on_filter(actor), pk=ticket.pk).exists()


def _may_reply_as_requester(actor: Any, ticket: Ticket) -> bool:
    return ticket.requester_id == actor.pk or ticket.watcher_rows.filter(user_id=actor.pk).exists()


def _after_requester_reply(ticket: Ticket) -> list[str]:
    """A requester's answer ends the wait on them."""
    if ticket.status == Status.WAITING_REQUESTER:
        ticket.status = Status.IN_PROGRESS
        return ["status"]
    return []


@transaction.atomic
def add_comment(*, actor: Any, ticket_id: int, body: str, internal: bool = False) -> Comment:
    """Add a public reply or an internal note. Requesters can only reply publicly."""
    ticket = lock_visible(actor, ticket_id)
    if not body.strip():
        raise InvalidInput(_("Write something first."), field="body")
    if len(body) > MAX_COMMENT_CHARS:
        raise InvalidInput(_("The text is too long."), field="body")
    agent = _is_agent_on(actor, ticket)
    if not agent and (internal or not _may_reply_as_requester(actor, ticket)):
        raise NotPermitted(_("You may not add notes to this ticket."))
    if ticket.status == Status.CLOSED:
        raise InvalidTransition(_("The ticket is closed; reopen it to continue."), field="body")
    comment = Comment.objects.create(ticket=ticket, author=actor, body=body, is_internal=internal)
    fields: list[str] = []
    previous_status = ticket.status
    if (
        agent
        and not internal
        and ticket.first_response_at is None
        and actor.pk != ticket.requester_id
    ):
        ticket.first_response_at = comment.created_at
        fields.append("first_response_at")
    if not agent or actor.pk == ticket.requester_id:
        fields += _after_requester_reply(ticket)
    save_ticket(ticket, fields)
    events.comment_added(actor=actor, comment=comment)
    notices.comment_added(actor=actor, comment=comment)
    if "status" in fields:
        events.ticket_changed(
            actor=actor,
            ticket=ticket,
            verb=events.STATUS_CHANGED,
            changes={"status": (previous_status, ticket.status)},
            context={"reason": "requester_replied"},
        )
    if fields:
        sla_clocks.ticket_changed(actor=actor, ticket=ticket)
    return comment


def _content_type(upload: UploadedFile) -> str:
    guessed, _encoding = mimetypes.guess_type(upload.name or "")
    return guessed or "application/octet-stream"


def _check_upload(upload: UploadedFile) -> str:
    if upload.size is None or upload.size == 0:
        raise InvalidInput(_("The file is empty."), field="file")
    if upload.size > settings.LATITUDE_ATTACHMENT_MAX_BYTES:
        raise InvalidInput(
            _("Files are limited to %(mb)d MB.")
            % {"mb": settings.LATITUDE_ATTACHMENT_MAX_BYTES // 2**20},
            field="file",
        )
    content_type = _content_type(upload)
    if content_type not in settings.LATITUDE_ATTACHMENT_TYPES:
        raise InvalidInput(_("Files of this type are not accepted."), field="file")
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if _looks_like_html(head) or not head.startswith(SIGNATURES.get(content_type, (b"",))):
        raise InvalidInput(_("The file's content does not match its type."), field="file")
    return content_type


def _looks_like_html(head: bytes) -> bool:
    for bom in BOMS:
        head = head.removeprefix(bom)
    return head.replace(b"\x00", b"").lstrip().lower().startswith(HTML_MARKERS)


def _display_name(name: str) -> str:
    cleaned = "".join(ch for ch in name if ch.isprintable() and ch not in "/\\\u202e\u202d")
    cleaned = cleaned.strip(" .")
    if len(cleaned) > MAX_DISPLAY_NAME:
        stem, dot, extension = cleaned.rpartition(".")
        extension = dot + extension if stem and len(extension) <= 16 else ""
        cleaned = cleaned[: MAX_DISPLAY_NAME - len(extension)] + extension
    return cleaned or "attachment"


def _digest(upload: UploadedFile) -> str:
    sha = hashlib.sha256()
    for chunk in upload.chunks():
        sha.update(chunk)
    upload.seek(0)
    return sha.hexdigest()


def add_attachment(
    *,
    actor: Any,
    ticket_id: int,
    upload: UploadedFile,
    internal: bool = False,
    comment: Comment | None = None,
) -> Attachment:
    """Store a file under a random name after checking its size and type.

    The file is written before the row commits; if the transaction fails, the file is removed.
    """
    stored: list[str] = []
    try:
        with transaction.atomic():
            return _store_attachment(actor, ticket_id, upload, internal, comment, stored)
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def _store_attachment(
    actor: Any,
    ticket_id: int,
    upload: UploadedFile,
    internal: bool,
    comment: Comment | None,
    stored: list[str],
) -> Attachment:
    ticket = lock_visible(actor, ticket_id)
    agent = _is_agent_on(actor, ticket)
    if not agent and (internal or not _may_reply_as_requester(actor, ticket)):
        raise NotPermitted(_("You may not attach files to this ticket."))
    if ticket.status == Status.CLOSED:
        raise InvalidTransition(_("The ticket is closed; reopen it to continue."), field="file")
    content_type = _check_upload(upload)
    attachment = Attachment(
        ticket=ticket,
        comment=comment,
        uploaded_by=actor,
        original_name=_display_name(upload.name or ""),
        content_type=content_type,
        size=upload.size or 0,
        sha256=_digest(upload),
        is_internal=internal or bool(comment and comment.is_internal),
        created_at=timezone.now(),
    )
    attachment.file.save("upload", upload, save=False)
    stored.append(str(attachment.file.name))
    attachment.save()
    save_ticket(ticket, [])
    events.attachment_added(actor=actor, attachment=attachment)
    return attachment
