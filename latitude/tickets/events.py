"""Typed constructors for the ticket's audit entries; the timeline is read back from them."""

from typing import Any

from latitude.core import audit
from latitude.core.models import AuditEntry
from latitude.tickets.models import Attachment, Comment, Ticket

OPENED = "ticket.opened"
UPDATED = "ticket.updated"
PRIORITY_CHANGED = "ticket.priority_changed"
STATUS_CHANGED = "ticket.status_changed"
OWNER_CHANGED = "ticket.owner_changed"
TEAM_CHANGED = "ticket.team_changed"
COMMENTED = "ticket.commented"
ATTACHED = "ticket.attached"
LINKED = "ticket.linked"
UNLINKED = "ticket.unlinked"
PARENT_CHANGED = "ticket.parent_changed"
MERGED = "ticket.merged"
MERGED_FROM = "ticket.merged_from"
WATCHER_ADDED = "ticket.watcher_added"
WATCHER_REMOVED = "ticket.watcher_removed"

# Entries a requester may see on the portal timeline; everything else is agent-only.
PUBLIC_VERBS = {OPENED, STATUS_CHANGED, COMMENTED, ATTACHED, MERGED}


def ticket_changed(
    *,
    actor: Any,
    ticket: Ticket,
    verb: str,
    changes: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
    on_behalf_of: Any = None,
) -> AuditEntry:
    return audit.record(
        actor=actor,
        verb=verb,
        subject=ticket,
        changes=_plain(changes or {}),
        context=context,
        on_behalf_of=on_behalf_of,
    )


def comment_added(*, actor: Any, comment: Comment) -> AuditEntry:
    return audit.record(
        actor=actor,
        verb=COMMENTED,
        subject=comment.ticket,
        context={"comment_id": comment.pk, "internal": comment.is_internal},
    )


def attachment_added(*, actor: Any, attachment: Attachment) -> AuditEntry:
    return audit.record(
        actor=actor,
        verb=ATTACHED,
        subject=attachment.ticket,
        context={
            "attachment_id": attachment.pk,
            "name": attachment.original_name,
            "internal": attachment.is_internal,
        },
    )


def _plain(changes: dict[str, Any]) -> dict[str, Any]:
    """Store primary keys and plain values, never model instances."""

    def value(item: Any) -> Any:
        return getattr(item, "pk", item)

    return {key: [value(old), value(new)] for key, (old, new) in changes.items()}
