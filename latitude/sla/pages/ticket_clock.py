"""The post of the ticket page's SLA panel: extend or waive a clock (`ticket.waive_sla`).
In scope the ticket page comes back refreshed; out of scope it shows whom the decision request
went to; a refused input stands next to its field, in the panel as it was typed."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from latitude.core.errors import DomainError, InvalidInput, OutOfScope
from latitude.core.htmx import is_partial
from latitude.sla.actions import extend_sla, waive_sla
from latitude.sla.pages.access import agent_required
from latitude.sla.pages.clock_panel import ClockChangeForm
from latitude.tickets.models import Ticket
from latitude.tickets.views.access import desk_ticket
from latitude.tickets.views.detail import (
    PAGE_TEMPLATE,
    after_change,
    ticket_context,
    with_refusal,
)

PANEL = "sla"


@require_POST
@agent_required
def clock_change(request: HttpRequest, reference: str) -> HttpResponse:
    ticket = desk_ticket(request, reference)
    form = ClockChangeForm(request.POST, prefix="sla")
    if not form.is_valid():
        return _with_errors(request, ticket, form)
    try:
        _apply(request.user, ticket, form.cleaned_data)
    except OutOfScope as refusal:
        return with_refusal(request, ticket, PANEL, form, refusal)
    except InvalidInput as error:
        form.refuse(error)
        return _with_errors(request, ticket, form)
    except DomainError as error:
        form.add_error(None, error.message)
        return _with_errors(request, ticket, form)
    return after_change(request, ticket)


def _apply(actor: Any, ticket: Ticket, data: dict[str, Any]) -> None:
    if data["change"] == ClockChangeForm.WAIVE:
        waive_sla(actor=actor, ticket_id=ticket.pk, clock=data["clock"], reason=data["reason"])
    else:
        extend_sla(
            actor=actor,
            ticket_id=ticket.pk,
            clock=data["clock"],
            minutes=data["minutes"],
            reason=data["reason"],
        )


def _with_errors(request: HttpRequest, ticket: Ticket, form: ClockChangeForm) -> HttpResponse:
    """Only the panel for htmx (retargeted onto itself), the whole page otherwise."""
    context = ticket_context(request, ticket, bound={PANEL: form})
    if not is_partial(request):
        return render(request, PAGE_TEMPLATE, context, status=422)
    response = render(request, "sla/_ticket_panel.html", context, status=422)
    response["HX-Retarget"] = "#panel-sla"
    response["HX-Reswap"] = "outerHTML"
    return response
