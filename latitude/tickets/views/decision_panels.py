"""What the approval, goodwill and unmerge panels show: their forms, the credits on the ticket,
and the decisions they offer (their verdicts are computed with the page's other hints)."""

from typing import Any

from django import forms

from latitude.tickets import forms as ticket_forms
from latitude.tickets.choices import AWAITING_APPROVAL, Approval, ApprovalAnswer, Kind
from latitude.tickets.models import Goodwill, Ticket
from latitude.tickets.selectors import merge_entry, merged_by

# Who could grant goodwill depends on the amount, only known once typed: that hint names the
# limits but nobody to send it to (and costs no candidate lookup).
UNROUTED = frozenset({"ticket.goodwill"})


def goodwill_on(ticket: Ticket) -> list[Goodwill]:
    """The credits on the ticket the page shows (already read through the actor's visibility)."""
    return list(ticket.goodwill.select_related("granted_by", "revoked_by"))


def decision_offers(actor: Any, ticket: Ticket, goodwill: list[Goodwill]) -> dict[str, Any]:
    """The decisions the approval, goodwill and merge panels offer on this ticket now, with the
    facts their actions supply (a goodwill amount is only known once typed, so its hint states
    the limits), for the page's hints."""
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
