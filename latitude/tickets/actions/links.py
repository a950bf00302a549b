"""Parent/child, related links, merging duplicates, and watchers."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from latitude.core.decisions import check_decision, guarded
from latitude.core.errors import InvalidInput, InvalidTransition
from latitude.core.models import AuditEntry
from latitude.people.models import User
from latitude.sla import hooks as sla_clocks
from latitude.tickets import events
from latitude.tickets.actions.base import lock_visible, lock_workable, save_ticket
from latitude.tickets.choices import CloseReason, LinkKind, Status
from latitude.tickets.models import Comment, Ticket, TicketLink, TicketWatcher
from latitude.tickets.selectors import merge_entry, merged_by


def _ancestors(ticket: Ticket) -> set[int]:
    seen: set[int] = set()
    current = ticket.parent_id
    while current is not None and current not in seen:
        seen.add(current)
        current = Ticket.objects.filter(pk=current).values_list("parent_id", flat=True).first()
    return seen


@transaction.atomic
def set_parent(*, actor: Any, ticket_id: int, parent_id: int | None) -> Ticket:
    """Make the ticket a child of `parent_id` (both must be workable by the actor)."""
    ticket = lock_workable(actor, ticket_id)
    parent = lock_workable(actor, parent_id) if parent_id is not None else None
    if parent is not None and (parent.pk == ticket.pk or ticket.pk in _ancestors(parent)):
        raise InvalidInput(_("A ticket cannot be its own ancestor."), field="parent")
    previous = ticket.parent_id
    if previous == (parent.pk if parent else None):
        return ticket
    ticket.parent = parent
    save_ticket(ticket, ["parent"])
    events.ticket_changed(
        actor=actor,
        ticket=ticket,
        verb=events.PARENT_CHANGED,
        changes={"parent": (previous, ticket.parent_id)},
    )
    return ticket


def _ordered(a: Ticket, b: Ticket) -> tuple[Ticket, Ticket]:
    return (a, b) if a.pk < b.pk else (b, a)


@transaction.atomic
def link_related(*, actor: Any, ticket_id: int, other_id: int) -> TicketLink:
    ticket = lock_workable(actor, ticket_id)
    other = lock_workable(actor, other_id)
    if ticket.pk == other.pk:
        raise InvalidInput(_("A ticket cannot be linked to itself."), field="other")
    source, target = _ordered(ticket, other)
    link, created = TicketLink.objects.get_or_create(
        source=source, target=target, kind=LinkKind.RELATED
    )
    if created:
        for subject, counterpart in ((ticket, other), (other, ticket)):
            events.ticket_changed(
                actor=actor,
                ticket=subject,
                verb=events.LINKED,
                context={"other": counterpart.pk, "number": counterpart.number},
            )
    return link


@transaction.atomic
def unlink_related(*, actor: Any, ticket_id: int, other_id: int) -> None:
    ticket = lock_workable(actor, ticket_id)
    other = lock_workable(actor, other_id)
    source, target = _ordered(ticket, other)
    deleted, _rows = TicketLink.objects.filter(source=source, target=target).delete()
    if deleted:
        for subject, counterpart in ((ticket, other), (other, ticket)):
            events.ticket_changed(
                actor=actor,
                ticket=subject,
                verb=events.UNLINKED,
                context={"other": counterpart.pk, "number": counterpart.number},
            )


@guarded
def merge_ticket(*, actor: Any, ticket_id: int, into_id: int, reason: str = "") -> Ticket:
    """Close `ticket_id` as a duplicate of `into_id`; its requester and watchers follow the
    surviving ticket, and a note records the merge on both."""
    duplicate = lock_workable(actor, ticket_id)
    survivor = lock_workable(actor, into_id)
    if duplicate.pk == survivor.pk:
        raise InvalidInput(_("A ticket cannot be merged into itself."), field="into")
    if survivor.merged_into_id is not None or survivor.status == Status.CLOSED:
        raise InvalidTransition(
            _("Merge into an open ticket that is not itself a duplicate."), field="into"
        )
    if not duplicate.is_open and duplicate.status != Status.RESOLVED:
        raise InvalidTransition(_("This ticket is already closed."), field="into")
    check_decision(
        actor,
        "ticket.merge",
        duplicate,
        {
            "kind": duplicate.kind,
            "priority": duplicate.priority,
            "into_priority": survivor.priority,
        },
        rationale=reason,
    )
    previous_status = duplicate.status
    duplicate.merged_into, duplicate.status, duplicate.close_reason = (
        survivor,
        Status.CLOSED,
        CloseReason.DUPLICATE,
    )
    duplicate.closed_at = timezone.now()
    save_ticket(duplicate, ["merged_into", "status", "close_reason", "closed_at"])
    _carry_watchers(duplicate, survivor)
    Comment.objects.create(
        ticket=survivor,
        author=actor,
        is_internal=True,
        body=_("Merged %(number)s into this ticket.") % {"number": duplicate.number}
        + (f"\n\n{reason}" if reason else ""),
    )
    save_ticket(survivor, [])
    events.ticket_changed(
        actor=actor,
        ticket=duplicate,
        verb=events.MERGED,
        changes={"status": (previous_status, Status.CLOSED), "merged_into": (None, survivor.pk)},
        context={"into": survivor.number, "reason": reason},
    )
    sla_clocks.ticket_changed(actor=actor, ticket=duplicate)
    events.ticket_changed(
        actor=actor,
        ticket=survivor,
        verb=events.MERGED_FROM,
        context={"duplicate": duplicate.pk, "number": duplicate.number},
    )
    return duplicate


def _status_before_merge(entry: AuditEntry | None) -> str:
    before = ((entry.changes.get("status") or [None]) if entry else [None])[0]
    open_or_resolved = {*Status.values} - {Status.CLOSED}
    return before if before in open_or_resolved else Status.IN_PROGRESS


@guarded
def unmerge_ticket(*, actor: Any, ticket_id: int, reason: str) -> Ticket:
    """Undo a merge: the duplicate reopens in the status it had, the people carried over keep
    watching the survivor, and a note on both says so."""
    duplicate = lock_workable(actor, ticket_id)
    if duplicate.merged_into_id is None:
        raise InvalidTransition(_("This ticket is not merged into another."), field="reason")
    if not reason.strip():
        raise InvalidInput(_("Say why the merge is undone."), field="reason")
    reason = reason.strip()
    survivor = lock_workable(actor, duplicate.merged_into_id)
    entry = merge_entry(duplicate)
    facts = {
        "kind": duplicate.kind,
        "priority": duplicate.priority,
        "own_merge": merged_by(entry, actor),
    }
    check_decision(actor, "ticket.unmerge", duplicate, facts, rationale=reason)
    restored = _status_before_merge(entry)
    duplicate.merged_into, duplicate.status = None, restored
    duplicate.close_reason, duplicate.closed_at = "", None
    save_ticket(duplicate, ["merged_into", "status", "close_reason", "closed_at"])
    _unmerge_notes(actor, duplicate, survivor, reason)
    save_ticket(survivor, [])
    events.ticket_changed(
        actor=actor,
        ticket=duplicate,
        verb=events.UNMERGED,
        changes={"status": (Status.CLOSED, restored), "merged_into": (survivor.pk, None)},
        context={"from": survivor.number, "reason": reason},
    )
    sla_clocks.ticket_changed(actor=actor, ticket=duplicate)
    events.ticket_changed(
        actor=actor,
        ticket=survivor,
        verb=events.UNMERGED_FROM,
        context={"duplicate": duplicate.pk, "number": duplicate.number, "reason": reason},
    )
    return duplicate


def _unmerge_notes(actor: Any, duplicate: Ticket, survivor: Ticket, reason: str) -> None:
    Comment.objects.bulk_create(
        [
            Comment(
                ticket=duplicate,
                author=actor,
                is_internal=True,
                body=_("No longer a duplicate of %(number)s.") % {"number": survivor.number}
                + f"\n\n{reason}",
            ),
            Comment(
                ticket=survivor,
                author=actor,
                is_internal=True,
                body=_("%(number)s is no longer merged into this ticket.")
                % {"number": duplicate.number}
                + f"\n\n{reason}",
            ),
        ]
    )


def _carry_watchers(duplicate: Ticket, survivor: Ticket) -> None:
    user_ids = set(duplicate.watcher_rows.values_list("user_id", flat=True)) | {
        duplicate.requester_id
    }
    user_ids.discard(survivor.requester_id)
    existing = set(survivor.watcher_rows.values_list("user_id", flat=True))
    TicketWatcher.objects.bulk_create(
        [TicketWatcher(ticket=survivor, user_id=uid) for uid in sorted(user_ids - existing)]
    )


@transaction.atomic
def add_watcher(*, actor: Any, ticket_id: int, user: User) -> Ticket:
    ticket = lock_workable(actor, ticket_id)
    if not user.is_active:
        raise InvalidInput(_("This person's account is deactivated."), field="user")
    _row, created = TicketWatcher.objects.get_or_create(ticket=ticket, user=user)
    if created:
        save_ticket(ticket, [])
        events.ticket_changed(
            actor=actor,
            ticket=ticket,
            verb=events.WATCHER_ADDED,
            changes={"watcher": (None, user.pk)},
        )
    return ticket


@transaction.atomic
def remove_watcher(*, actor: Any, ticket_id: int, user: User) -> Ticket:
    ticket = (
        lock_workable(actor, ticket_id) if user.pk != actor.pk else lock_visible(actor, ticket_id)
    )
    deleted, _rows = TicketWatcher.objects.filter(ticket=ticket, user=user).delete()
    if deleted:
        save_ticket(ticket, [])
        events.ticket_changed(
            actor=actor,
            ticket=ticket,
            verb=events.WATCHER_REMOVED,
            changes={"watcher": (user.pk, None)},
        )
    return ticket
