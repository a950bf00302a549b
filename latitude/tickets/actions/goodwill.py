"""Goodwill: a credit or compensation granted to a ticket's requester (`ticket.goodwill`), and
revoking it (`ticket.revoke_goodwill`, which reverses the grant)."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from latitude.core.audit import acting_person
from latitude.core.decisions import check_decision, guarded
from latitude.core.errors import InvalidInput, InvalidTransition, NotFound
from latitude.tickets import events
from latitude.tickets.actions.base import checked_money, lock_workable, save_ticket
from latitude.tickets.models import Goodwill, Ticket

MAX_REASON_CHARS = 2000


def _reason(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidInput(message, field="reason")
    if len(text) > MAX_REASON_CHARS:
        raise InvalidInput(
            _("Keep it under %(count)d characters.") % {"count": MAX_REASON_CHARS}, field="reason"
        )
    return text


def _goodwill_event(actor: Any, ticket: Ticket, verb: str, goodwill: Goodwill) -> None:
    events.ticket_changed(
        actor=actor,
        ticket=ticket,
        verb=verb,
        context={
            "goodwill": goodwill.pk,
            "amount": str(goodwill.amount),
            "currency": goodwill.currency,
            "reason": goodwill.revoke_reason or goodwill.reason,
        },
    )


@guarded
def grant_goodwill(
    *, actor: Any, ticket_id: int, amount: Any, currency: str, reason: str
) -> Goodwill:
    """Grant the requester a credit; the amount and currency are the facts scopes limit."""
    ticket = lock_workable(actor, ticket_id)
    if ticket.merged_into_id is not None:
        raise InvalidTransition(
            _("This ticket is a duplicate; grant goodwill on the ticket it was merged into."),
            field="amount",
        )
    value, code = checked_money(
        amount, currency, field="amount", currency_field="currency", positive=True
    )
    reason = _reason(reason, _("Say why the goodwill is granted."))
    facts = {"amount": value, "currency": code}
    check_decision(actor, "ticket.goodwill", ticket, facts, rationale=reason)
    granter = acting_person(actor)
    goodwill = Goodwill.objects.create(
        ticket=ticket,
        amount=value,
        currency=code,
        reason=reason,
        granted_by=granter,
        requested_by=actor if granter != actor else None,
        granted_at=timezone.now(),
    )
    save_ticket(ticket, [])
    _goodwill_event(actor, ticket, events.GOODWILL_GRANTED, goodwill)
    return goodwill


@guarded
def revoke_goodwill(*, actor: Any, ticket_id: int, goodwill_id: int, reason: str) -> Goodwill:
    """Withdraw a credit granted earlier (it stays on record, marked revoked)."""
    ticket = lock_workable(actor, ticket_id)
    goodwill = Goodwill.objects.select_for_update().filter(pk=goodwill_id, ticket=ticket).first()
    if goodwill is None:
        raise NotFound(_("No such goodwill credit on this ticket."), field="goodwill")
    if goodwill.revoked_at is not None:
        raise InvalidTransition(_("This goodwill credit was already revoked."), field="goodwill")
    reason = _reason(reason, _("Say why the goodwill is revoked."))
    facts = {"amount": goodwill.amount, "currency": goodwill.currency}
    check_decision(actor, "ticket.revoke_goodwill", ticket, facts, rationale=reason)
    goodwill.revoked_at = timezone.now()
    goodwill.revoked_by = acting_person(actor)
    goodwill.revoke_reason = reason
    goodwill.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    save_ticket(ticket, [])
    _goodwill_event(actor, ticket, events.GOODWILL_REVOKED, goodwill)
    return goodwill
