"""What a requester reads in the portal: the public side of a ticket, never internal notes."""

from typing import Any

from django.db.models import Prefetch, QuerySet

from latitude.tickets.models import Attachment, Comment, Ticket
from latitude.tickets.selectors import comments_for


def _public_attachments() -> QuerySet[Attachment]:
    return Attachment.objects.filter(is_internal=False)


def public_conversation(actor: Any, ticket: Ticket) -> QuerySet[Comment]:
    """Public replies with their public files, even when the reader also works on the ticket."""
    return (
        comments_for(actor, ticket)
        .filter(is_internal=False)
        .prefetch_related(None)
        .prefetch_related(
            Prefetch("attachments", queryset=_public_attachments(), to_attr="public_attachments")
        )
    )


def public_ticket_files(ticket: Ticket) -> QuerySet[Attachment]:
    """Files added to the ticket itself rather than to a reply."""
    return _public_attachments().filter(ticket=ticket, comment__isnull=True)
