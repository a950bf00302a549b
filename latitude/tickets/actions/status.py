"""Moving a ticket through its lifecycle: work, wait, resolve, close, reopen."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from latitude.core.decisions import check_decision, guarded, note_decision_by_right
from latitude.core.errors import ConfirmationRequired, InvalidInput, InvalidTransition, NotPermitted
from latitude.sla import hooks as sla_clocks
from latitude.tickets import events, transitions
from latitude.tickets import notification_events as notices
from latitude.tickets.actions.base import lock_visible, lock_workable, save_ticket
from latitude.tickets.choices import OPEN_STATUSES, CloseReason, Status
from latitude.tickets.models import Ticket

DECISION_FOR = {Status.RESOLVED: "ticket.resolve", Status.CLOSED: "ticket.close"}


def _refuse_illegal(ticket: Ticket, target: str) -> None:
    if target not in Status.values:
        raise InvalidInput(_("Unknown status."), field="status")
    reason = transitions.refusal_reason(ticket.status, target) or transitions.approval_refusal(
        ticket.approval, target
    )
    if reason:
        raise InvalidTransition(reason, field="status")


def _check_reopen_window(ticket: Ticket) -> None:
    if ticket.status != Status.CLOSED or ticket.closed_at is None:
        return
    days = settings.LATITUDE_REOPEN_CLOSED_DAYS
    if timezone.now() - ticket.closed_at > timedelta(days=days):
        raise InvalidTransition(
            _("This ticket was closed more than %(days)d days ago; open a new one instead.")
            % {"days": days},
            field="status",
        )


def _open_children(ticket: Ticket) -> int:
    return ticket.children.filter(status__in=OPEN_STATUSES).count()


def _check_children(ticket: Ticket, target: str, confirm_open_children: bool) -> int:
    if target not in (Status.RESOLVED, Status.CLOSED):
        return 0
    open_children = _open_children(ticket)
    if open_children and not confirm_open_children:
        raise ConfirmationRequired(
            _("%(count)d child tickets are still open. Confirm to go ahead anyway.")
            % {"count": open_children},
            field="confirm_open_children",
            open_children=open_children,
        )
    return open_children


def _apply(ticket: Ticket, target: str, *, resolution: str, close_reason: str) -> list[str]:
    now = timezone.now()
    fields = ["status"]
    if transitions.is_reopen(ticket.status, target):
        ticket.reopen_count += 1
        ticket.resolved_at = ticket.closed_at = None
        ticket.close_reason = ""
        fields += ["reopen_count", "resolved_at", "closed_at", "close_reason"]
    if target == Status.RESOLVED:
        ticket.resolved_at, ticket.resolution = now, resolution
        fields += ["resolved_at", "resolution"]
    if target == Status.CLOSED:
        ticket.closed_at, ticket.close_reason = now, close_reason
        fields += ["closed_at", "close_reason"]
    ticket.status = target
    return fields


def _transition(
    actor: Any,
    ticket: Ticket,
    target: str,
    *,
    resolution: str = "",
    reason: str = "",
    confirm_open_children: bool = False,
    close_reason: str = CloseReason.RESOLVED,
    by_right: bool = False,
) -> Ticket:
    _refuse_illegal(ticket, target)
    if transitions.is_reopen(ticket.status, target):
        _check_reopen_window(ticket)
    open_children = _check_children(ticket, target, confirm_open_children)
    decision = (
        "ticket.reopen"
        if transitions.is_reopen(ticket.status, target)
        else DECISION_FOR.get(Status(target))
    )
    if decision:
        facts = {
            "kind": ticket.kind,
            "priority": ticket.priority,
            "from": ticket.status,
            "open_children": open_children,
            "reopen_count": ticket.reopen_count,
        }
        # The requester accepting or reopening their own resolution decides by right.
        take = note_decision_by_right if by_right else check_decision
        take(actor, decision, ticket, facts, rationale=resolution or reason)
    previous = ticket.status
    fields = _apply(ticket, target, resolution=resolution, close_reason=close_reason)
    save_ticket(ticket, fields)
    context: dict[str, Any] = {"reason": reason} if reason else {}
    if open_children:
        context["closed_with_open_children"] = open_children
    if resolution:
        context["resolution"] = resolution
    events.ticket_changed(
        actor=actor,
        ticket=ticket,
        verb=events.STATUS_CHANGED,
        changes={"status": (previous, target)},
        context=context or None,
    )
    notices.status_changed(actor=actor, ticket=ticket, previous=previous)
    sla_clocks.ticket_changed(actor=actor, ticket=ticket)
    return ticket


@guarded
def change_status(
    *,
    actor: Any,
    ticket_id: int,
    status: str,
    resolution: str = "",
    reason: str = "",
    confirm_open_children: bool = False,
    expected_version: int | None = None,
) -> Ticket:
    """An agent moves the ticket along its lifecycle; illegal moves are refused with a reason."""
    ticket = lock_workable(actor, ticket_id, expected_version=expected_version)
    if status == Status.RESOLVED and not resolution.strip():
        raise InvalidInput(_("Say how the ticket was resolved."), field="resolution")
    return _transition(
        actor,
        ticket,
        status,
        resolution=resolution.strip(),
        reason=reason,
        confirm_open_children=confirm_open_children,
    )


@guarded
def resolve_ticket(
    *,
    actor: Any,
    ticket_id: int,
    resolution: str,
    confirm_open_children: bool = False,
    expected_version: int | None = None,
) -> Ticket:
    return change_status(
        actor=actor,
        ticket_id=ticket_id,
        status=Status.RESOLVED,
        resolution=resolution,
        confirm_open_children=confirm_open_children,
        expected_version=expected_version,
    )


def _lock_as_requester(actor: Any, ticket_id: int) -> Ticket:
    ticket = lock_visible(actor, ticket_id)
    if ticket.requester_id != actor.pk:
        raise NotPermitted(_("Only the requester can accept or reopen this resolution."))
    return ticket


@guarded
def accept_resolution(*, actor: Any, ticket_id: int) -> Ticket:
    """The requester confirms the resolution, which closes the ticket."""
    ticket = _lock_as_requester(actor, ticket_id)
    if ticket.status != Status.RESOLVED:
        raise InvalidTransition(_("Only a resolved ticket can be accepted."), field="status")
    return _transition(
        actor,
        ticket,
        Status.CLOSED,
        close_reason=CloseReason.ACCEPTED,
        confirm_open_children=True,
        by_right=True,
    )


@guarded
def reopen_ticket(*, actor: Any, ticket_id: int, reason: str) -> Ticket:
    """Reopen a resolved ticket, or a closed one within the configured period.

    The requester may reopen their own ticket; agents working on it may too.
    """
    if not reason.strip():
        raise InvalidInput(_("Say why the ticket needs to be reopened."), field="reason")
    ticket = lock_visible(actor, ticket_id)
    own = ticket.requester_id == actor.pk
    if not own:
        ticket = lock_workable(actor, ticket_id)
    return _transition(actor, ticket, Status.IN_PROGRESS, reason=reason.strip(), by_right=own)
