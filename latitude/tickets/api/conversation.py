"""The conversation on a ticket: replies, internal notes and attachments."""

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest
from ninja import File, Form, Query, Router, Status, UploadedFile

from latitude.api.auth import actor_of
from latitude.api.pagination import PAGE_PARAMS, PageQuery, page_of, reject_unknown_params
from latitude.api.schemas import PathId, problems
from latitude.tickets import actions
from latitude.tickets.models import Attachment, Comment
from latitude.tickets.schemas import (
    AttachmentOut,
    AttachmentPage,
    CommentIn,
    CommentOut,
    CommentPage,
)
from latitude.tickets.selectors import (
    attachments_visible_filter,
    comments_for,
    get_attachment_for,
    get_ticket_for,
)

router = Router(tags=["ticket conversation"])

WRITE_PROBLEMS = problems(403, 404, 409, 413)


@router.get(
    "/tickets/{ticket_id}/comments",
    response={200: CommentPage, **problems(404)},
    operation_id="listTicketComments",
)
def list_comments(
    request: HttpRequest, ticket_id: PathId, page: Query[PageQuery]
) -> dict[str, Any]:
    """The conversation, oldest first; requesters never receive internal notes."""
    reject_unknown_params(request, PAGE_PARAMS)
    actor = actor_of(request)
    comments = comments_for(actor, get_ticket_for(actor, ticket_id))
    return page_of(comments, ["created_at", "id"], page)


@router.post(
    "/tickets/{ticket_id}/comments",
    response={201: CommentOut, **WRITE_PROBLEMS},
    operation_id="addTicketComment",
)
def add_comment(request: HttpRequest, ticket_id: PathId, payload: CommentIn) -> Status[Comment]:
    """A public reply, or an internal note with `internal: true` (agents on the ticket only)."""
    comment = actions.add_comment(
        actor=actor_of(request), ticket_id=ticket_id, body=payload.body, internal=payload.internal
    )
    return Status(201, comment)


@router.get(
    "/tickets/{ticket_id}/attachments",
    response={200: AttachmentPage, **problems(404)},
    operation_id="listTicketAttachments",
)
def list_attachments(
    request: HttpRequest, ticket_id: PathId, page: Query[PageQuery]
) -> dict[str, Any]:
    reject_unknown_params(request, PAGE_PARAMS)
    actor = actor_of(request)
    ticket = get_ticket_for(actor, ticket_id)
    attachments = attachments_visible_filter(actor, Attachment.objects.filter(ticket=ticket))
    return page_of(attachments, ["created_at", "id"], page)


@router.post(
    "/tickets/{ticket_id}/attachments",
    response={201: AttachmentOut, **WRITE_PROBLEMS},
    operation_id="uploadTicketAttachment",
)
def upload_attachment(
    request: HttpRequest, ticket_id: PathId, file: File[UploadedFile], internal: Form[bool] = False
) -> Status[Attachment]:
    """Upload a file as multipart/form-data (`file`, optional `internal`)."""
    attachment = actions.add_attachment(
        actor=actor_of(request), ticket_id=ticket_id, upload=file, internal=internal
    )
    return Status(201, attachment)


def _attachment_of(request: HttpRequest, ticket_id: int, attachment_id: int) -> Attachment:
    actor = actor_of(request)
    get_ticket_for(actor, ticket_id)
    attachment = get_attachment_for(actor, attachment_id)
    if attachment.ticket_id != ticket_id:
        raise Http404
    return attachment


@router.get(
    "/tickets/{ticket_id}/attachments/{attachment_id}",
    response={200: AttachmentOut, **problems(404)},
    operation_id="getTicketAttachment",
)
def get_attachment(request: HttpRequest, ticket_id: PathId, attachment_id: PathId) -> Attachment:
    return _attachment_of(request, ticket_id, attachment_id)


def content_disposition(name: str) -> str:
    """RFC 6266: an ASCII fallback for old clients and the exact name as UTF-8 `filename*`."""
    fallback = (
        "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\;' else "_" for ch in name)
        or "attachment"
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


@router.get(
    "/tickets/{ticket_id}/attachments/{attachment_id}/content",
    response={200: None, **problems(404)},
    operation_id="downloadTicketAttachment",
)
def download_attachment(
    request: HttpRequest, ticket_id: PathId, attachment_id: PathId
) -> FileResponse:
    """The file itself, always as a download, never rendered by the browser."""
    attachment = _attachment_of(request, ticket_id, attachment_id)
    allowed = attachment.content_type in settings.LATITUDE_ATTACHMENT_TYPES
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type if allowed else "application/octet-stream",
    )
    response["Content-Disposition"] = content_disposition(attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
