"""What the approval, goodwill and unmerge panels show: their forms, the credits on the ticket,
and for each guarded decision, before the click, whether it is within the agent's scope."""

from typing import Any

from django import forms

from latitude.scopes.selectors import verdicts_for
from latitude.tickets import forms as ticket_forms
from latitude.tickets.choices import AWAITING_APPROVAL, Approval, ApprovalAnswer, Kind
from latitude.tickets.models import Goodwill, Ticket
from latitude.tickets.selectors import goodwill_for, merge_entry, merged_by

# How the templates name each hint ({{ hints.approve.explanation }}).
HINT_KEYS = {
    "request.approve": "approve",
    "request.revoke_approval": "revoke_approval",
    "ticket.goodwill": "goodwill",
    "ticket.revoke_goodwill": "revoke_goodwill",
    "ticket.unmerge": "unmerge",
}


def decision_context(actor: Any, ticket: Ticket) -> dict[str, Any]:
    goodwill = list(goodwill_for(actor, ticket))
    verdicts = verdicts_for(actor, ticket, _offered(actor, ticket, goodwill))
    return {
        "goodwill": goodwill,
        "hints": {HINT_KEYS[name]: verdict for name, verdict in verdicts.items()},
    }


def _offered(actor: Any, ticket: Ticket, goodwill: list[Goodwill]) -> dict[str, Any]:
    """The decisions the panels offer on this ticket now, with the facts the actions supply
    (a goodwill amount is only known once typed, so its hint states the limits)."""
    offered: dict[str, Any] = {}
    if ticket.kind == Kind.REQUEST and ticket.is_open:
        if ticket.approval in AWAITING_APPROVAL:
            offered["request.approve"] = {"answer": ApprovalAnswer.APPROVE}
        elif ticket.approval == Approval.APPROVED:
            offered["request.revoke_approval"] = {}
    if ticket.merged_into_id is None:
        offered["ticket.goodwill"] = {}
    else:
        offered["ticket.unmerge"] = {"own_merge": merged_by(merge_entry(ticket), actor)}
    active = [credit for credit in goodwill if credit.is_active]
    if active:
        latest = active[-1]
        offered["ticket.revoke_goodwill"] = {"amount": latest.amount, "currency": latest.currency}
    return offered


def blank_decision_forms(ticket: Ticket) -> dict[str, forms.Form]:
    version = {"version": ticket.version}
    cost = {"cost_amount": ticket.cost_amount or "", "cost_currency": ticket.cost_currency or "EUR"}
    return {
        "approval": ticket_forms.ApprovalForm(initial=version),
        "cost": ticket_forms.CostForm(initial={**version, **cost}),
        "goodwill": ticket_forms.GoodwillForm(),
        "goodwill_revoke": ticket_forms.RevokeGoodwillForm(),
        "unmerge": ticket_forms.UnmergeForm(),
    }
