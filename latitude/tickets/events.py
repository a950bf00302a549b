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
UNMERGED = "ticket.unmerged"
UNMERGED_FROM = "ticket.unmerged_from"
COST_CHANGED = "request.cost_changed"
APPROVAL_REQUIRED = "request.approval_required"
APPROVED = "request.approved"
REJECTED = "request.rejected"
APPROVAL_REVOKED = "request.approval_revoked"
GOODWILL_GRANTED = "ticket.goodwill_granted"
GOODWILL_REVOKED = "ticket.goodwill_revoked"

# Entries a requester may see on the portal timeline; everything else is agent-only.
PUBLIC_VERBS = {
    OPENED,
    STATUS_CHANGED,
    COMMENTED,
    ATTACHED,
    MERGED,
    UNMERGED,
    APPROVED,
    REJECTED,
    APPROVAL_REVOKED,
    GOODWILL_GRANTED,
    GOODWILL_REVOKED,
}


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


def approval_required(*, actor: Any, ticket: Ticket) -> AuditEntry:
    return ticket_changed(
        actor=actor,
        ticket=ticket,
        verb=APPROVAL_REQUIRED,
        changes={"approval": ("not_required", "pending")},
        context={"cost_amount": _amount(ticket.cost_amount), "currency": ticket.cost_currency},
    )


def _amount(value: Any) -> str | None:
    return None if value is None else str(value)


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
