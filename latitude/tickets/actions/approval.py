"""Approving service requests: services may require it, the approver decides (approve or
reject, both the decision `request.approve`), and an approval can be revoked while the request
is still being worked on (`request.revoke_approval`, which reverses the approval)."""

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from latitude.catalog.models import Service
from latitude.core.audit import acting_person
from latitude.core.decisions import check_decision, guarded
from latitude.core.errors import InvalidInput, InvalidTransition
from latitude.tickets import events
from latitude.tickets.actions.base import checked_money, lock_workable, save_ticket
from latitude.tickets.choices import (
    AWAITING_APPROVAL,
    Approval,
    ApprovalAnswer,
    Kind,
)
from latitude.tickets.models import Ticket

MAX_NOTE_CHARS = 2000


def approval_on_open(
    kind: str, service: Service | None, amount: Any = None, currency: str = ""
) -> tuple[str, Decimal | None, str]:
    """The approval state and cost a new ticket starts with: a request for a service that
    needs approval waits for it, costed as given or at the service's default."""
    if kind != Kind.REQUEST:
        if amount is not None or currency:
            raise InvalidInput(_("Only service requests carry a cost."), field="cost_amount")
        return Approval.NOT_REQUIRED, None, ""
    cost, code = _given_or_default_cost(service, amount, currency)
    needed = service is not None and service.requires_approval
    return (Approval.PENDING if needed else Approval.NOT_REQUIRED), cost, code


def _given_or_default_cost(
    service: Service | None, amount: Any, currency: str
) -> tuple[Decimal | None, str]:
    if amount is not None or currency:
        return checked_money(amount, currency, field="cost_amount", currency_field="cost_currency")
    if service is not None and service.default_cost_amount is not None:
        return service.default_cost_amount, service.default_cost_currency
    return None, ""


def require_approval_for_service(ticket: Ticket) -> list[str]:
    """A request moved to a service that needs approval waits for it (never the other way:
    leaving such a service does not waive an approval). Returns the fields it changed."""
    service = ticket.service
    if (
        ticket.kind != Kind.REQUEST
        or ticket.approval != Approval.NOT_REQUIRED
        or service is None
        or not service.requires_approval
        or not ticket.is_open
    ):
        return []
    ticket.approval = Approval.PENDING
    fields = ["approval"]
    if ticket.cost_amount is None and service.default_cost_amount is not None:
        ticket.cost_amount = service.default_cost_amount
        ticket.cost_currency = service.default_cost_currency
        fields += ["cost_amount", "cost_currency"]
    return fields


def _lock_request(actor: Any, ticket_id: int, expected_version: int | None) -> Ticket:
    ticket = lock_workable(actor, ticket_id, expected_version=expected_version)
    if ticket.kind != Kind.REQUEST:
        raise InvalidTransition(_("Only service requests are approved."), field="approval")
    return ticket


def _check_awaiting(ticket: Ticket) -> None:
    if ticket.approval not in AWAITING_APPROVAL:
        raise InvalidTransition(
            _("This request is %(state)s; there is nothing to approve.")
            % {"state": ticket.get_approval_display()},
            field="approval",
        )
    if not ticket.is_open:
        raise InvalidTransition(
            _("A resolved or closed request cannot be approved; reopen it first."),
            field="approval",
        )


def _text(value: str, field: str, *, required: bool, message: str = "") -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput(message, field=field)
    if len(value) > MAX_NOTE_CHARS:
        raise InvalidInput(
            _("Keep it under %(count)d characters.") % {"count": MAX_NOTE_CHARS}, field=field
        )
    return value


def _decide(actor: Any, ticket: Ticket, state: str, note: str, verb: str) -> Ticket:
    previous = ticket.approval
    ticket.approval = state
    ticket.approval_decided_at = timezone.now()
    ticket.approval_decided_by = acting_person(actor)
    ticket.approval_note = note
    save_ticket(ticket, ["approval", "approval_decided_at", "approval_decided_by", "approval_note"])
    events.ticket_changed(
        actor=actor,
        ticket=ticket,
        verb=verb,
        changes={"approval": (previous, state)},
        context={"reason": note} if note else None,
    )
    return ticket


@guarded
def approve_request_ticket(
    *, actor: Any, ticket_id: int, note: str = "", expected_version: int | None = None
) -> Ticket:
    """Approve the request at its cost; out of scope, the approval is asked of the nearest
    approver, who carries it out on the asker's behalf."""
    ticket = _lock_request(actor, ticket_id, expected_version)
    _check_awaiting(ticket)
    note = _text(note, "note", required=False)
    facts = {"answer": ApprovalAnswer.APPROVE}
    check_decision(actor, "request.approve", ticket, facts, rationale=note)
    return _decide(actor, ticket, Approval.APPROVED, note, events.APPROVED)


@guarded
def reject_request_ticket(
    *, actor: Any, ticket_id: int, reason: str, expected_version: int | None = None
) -> Ticket:
    """Say no to the request, with a reason the requester reads. Rejecting needs the same
    authority as approving; the decision is recorded with the answer `reject`."""
    ticket = _lock_request(actor, ticket_id, expected_version)
    _check_awaiting(ticket)
    reason = _text(reason, "reason", required=True, message=_("Say why the request is rejected."))
    facts = {"answer": ApprovalAnswer.REJECT}
    check_decision(actor, "request.approve", ticket, facts, rationale=reason)
    return _decide(actor, ticket, Approval.REJECTED, reason, events.REJECTED)


@guarded
def revoke_approval(
    *, actor: Any, ticket_id: int, reason: str, expected_version: int | None = None
) -> Ticket:
    """Withdraw an approval while the request is still open; it then waits for a new decision
    and cannot be resolved. Counts as the reversal of the approval."""
    ticket = _lock_request(actor, ticket_id, expected_version)
    if ticket.approval != Approval.APPROVED:
        raise InvalidTransition(_("Only an approved request can be revoked."), field="approval")
    if not ticket.is_open:
        raise InvalidTransition(
            _("This request was already fulfilled; reopen it before revoking its approval."),
            field="approval",
        )
    reason = _text(reason, "reason", required=True, message=_("Say why the approval is revoked."))
    check_decision(actor, "request.revoke_approval", ticket, {}, rationale=reason)
    return _decide(actor, ticket, Approval.REVOKED, reason, events.APPROVAL_REVOKED)


@transaction.atomic
def set_request_cost(
    *,
    actor: Any,
    ticket_id: int,
    amount: Any,
    currency: str,
    expected_version: int | None = None,
) -> Ticket:
    """Correct what a request costs (a quote came in). Not once it is approved: the approver
    decided on the cost, so the approval would have to be revoked first."""
    ticket = _lock_request(actor, ticket_id, expected_version)
    if ticket.approval == Approval.APPROVED:
        raise InvalidTransition(
            _("The request was approved at this cost; revoke the approval to change it."),
            field="cost_amount",
        )
    cost, code = checked_money(
        amount, currency, field="cost_amount", currency_field="cost_currency"
    )
    before = (ticket.cost_amount, ticket.cost_currency)
    if before == (cost, code):
        return ticket
    ticket.cost_amount, ticket.cost_currency = cost, code
    save_ticket(ticket, ["cost_amount", "cost_currency"])
    events.ticket_changed(
        actor=actor,
        ticket=ticket,
        verb=events.COST_CHANGED,
        changes={
            "cost_amount": (_plain(before[0]), str(cost)),
            "cost_currency": (before[1], code),
        },
    )
    return ticket


def _plain(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount)
