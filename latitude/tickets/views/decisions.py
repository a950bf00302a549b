"""Posts of the approval, goodwill and unmerge panels; each calls one guarded action."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from latitude.tickets import actions
from latitude.tickets import forms as ticket_forms
from latitude.tickets.models import Ticket
from latitude.tickets.views.access import agent_required, desk_ticket
from latitude.tickets.views.changes import run_form


def _answer(actor: Any, ticket: Ticket, data: dict[str, Any]) -> None:
    common = {"actor": actor, "ticket_id": ticket.pk, "expected_version": data["version"]}
    if data["answer"] == "approve":
        actions.approve_request_ticket(note=data["note"], **common)
    elif data["answer"] == "reject":
        actions.reject_request_ticket(reason=data["note"], **common)
    else:
        actions.revoke_approval(reason=data["note"], **common)


@require_POST
@agent_required
def decide_approval(request: HttpRequest, reference: str) -> HttpResponse:
    ticket = desk_ticket(request, reference)
    form = ticket_forms.ApprovalForm(request.POST)
    return run_form(request, ticket, "approval", form, _answer, fallback_field="note")


@require_POST
@agent_required
def set_cost(request: HttpRequest, reference: str) -> HttpResponse:
    def perform(actor: Any, ticket: Ticket, data: dict[str, Any]) -> None:
        actions.set_request_cost(
            actor=actor,
            ticket_id=ticket.pk,
            amount=data["cost_amount"],
            currency=data["cost_currency"],
            expected_version=data["version"],
        )

    ticket = desk_ticket(request, reference)
    form = ticket_forms.CostForm(request.POST)
    return run_form(
        request, ticket, "approval", form, perform, fallback_field="cost_amount", key="cost"
    )


@require_POST
@agent_required
def grant_goodwill(request: HttpRequest, reference: str) -> HttpResponse:
    def perform(actor: Any, ticket: Ticket, data: dict[str, Any]) -> None:
        actions.grant_goodwill(
            actor=actor,
            ticket_id=ticket.pk,
            amount=data["amount"],
            currency=data["currency"],
            reason=data["reason"],
        )

    ticket = desk_ticket(request, reference)
    form = ticket_forms.GoodwillForm(request.POST)
    return run_form(request, ticket, "goodwill", form, perform, fallback_field="amount")


@require_POST
@agent_required
def revoke_goodwill(request: HttpRequest, reference: str) -> HttpResponse:
    def perform(actor: Any, ticket: Ticket, data: dict[str, Any]) -> None:
        actions.revoke_goodwill(
            actor=actor, ticket_id=ticket.pk, goodwill_id=data["goodwill"], reason=data["reason"]
        )

    ticket = desk_ticket(request, reference)
    form = ticket_forms.RevokeGoodwillForm(request.POST)
    return run_form(
        request, ticket, "goodwill", form, perform, fallback_field="reason", key="goodwill_revoke"
    )


@require_POST
@agent_required
def unmerge(request: HttpRequest, reference: str) -> HttpResponse:
    def perform(actor: Any, ticket: Ticket, data: dict[str, Any]) -> None:
        actions.unmerge_ticket(actor=actor, ticket_id=ticket.pk, reason=data["reason"])

    ticket = desk_ticket(request, reference)
    form = ticket_forms.UnmergeForm(request.POST)
    return run_form(request, ticket, "merge", form, perform, fallback_field="reason", key="unmerge")
