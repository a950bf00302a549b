"""The ticket page: header, timeline, conversation and the panels that change the ticket."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from latitude.core.errors import OutOfScope
from latitude.core.htmx import is_partial
from latitude.people.models import User
from latitude.people.selectors import agents_of_team, visible_teams
from latitude.scopes import cache as scope_cache
from latitude.sla.pages.clock_panel import Panel, blank_form, clock_panel
from latitude.tickets import forms as ticket_forms
from latitude.tickets.choices import OPEN_STATUSES, Status
from latitude.tickets.models import Ticket
from latitude.tickets.selectors import (
    can_work_on,
    comments_for,
    related_tickets_for,
    visible_tickets,
)
from latitude.tickets.transitions import allowed_targets
from latitude.tickets.views.access import agent_required, desk_ticket
from latitude.tickets.views.decision_panels import (
    UNROUTED,
    blank_decision_forms,
    decision_offers,
    goodwill_on,
)
from latitude.tickets.views.scope_hints import hints_context, refusal_notice
from latitude.tickets.views.timeline import build_timeline

PAGE_TEMPLATE = "tickets/detail.html"
TICKET_TEMPLATE = "tickets/_ticket.html"


@require_GET
@agent_required
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    ticket = desk_ticket(request, reference)
    with scope_cache.pinned():  # the page's verdicts and hints read the grants revision once
        return render(request, PAGE_TEMPLATE, ticket_context(request, ticket))


def ticket_context(
    request: HttpRequest, ticket: Ticket, *, bound: dict[str, forms.Form] | None = None
) -> dict[str, Any]:
    """Everything the ticket page shows, in a fixed number of queries."""
    actor = request.user
    working = can_work_on(actor, ticket)
    children = list(
        visible_tickets(actor).filter(parent=ticket).only("id", "number", "subject", "status")
    )
    context: dict[str, Any] = {
        "ticket": ticket,
        "can_work": working,
        "timeline": build_timeline(
            actor, ticket, comments_for(actor, ticket, working=working), agent_view=working
        ),
        "watchers": list(ticket.watchers.only("id", "full_name", "email")),
        "related": list(_related(actor, ticket)),
        "children": children,
        "open_children": sum(1 for child in children if child.status in OPEN_STATUSES),
    }
    if working:
        context["goodwill"] = goodwill_on(ticket)
        context["sla"] = clock_panel(actor, ticket)
        context.update(_work_context(actor, ticket, context["goodwill"], context["sla"]))
        context["forms"] = {
            **_blank_forms(ticket),
            **blank_decision_forms(ticket),
            "sla": blank_form(context["sla"]),
            **(bound or {}),
        }
    return context


def _related(actor: Any, ticket: Ticket) -> Any:
    return related_tickets_for(actor, ticket).only("id", "number", "subject", "status")


def _work_context(actor: Any, ticket: Ticket, goodwill: list[Any], sla: Panel) -> dict[str, Any]:
    agents: list[User] = []
    if ticket.team is not None:
        agents = list(agents_of_team(ticket.team).only("id", "full_name", "email"))
    targets = _ordered_targets(ticket.status)
    offers = {**decision_offers(actor, ticket, goodwill), **sla.offers}
    return {
        "status_targets": targets,
        **hints_context(actor, ticket, targets, offers, UNROUTED | frozenset(sla.offers)),
        "agents": agents,
        "teams": list(visible_teams(actor).only("id", "name")),
        "may_take": ticket.owner_id != actor.pk and any(agent.pk == actor.pk for agent in agents),
    }


def _ordered_targets(current: str) -> list[Status]:
    targets = allowed_targets(current)
    return [status for status in Status if status in targets]


def _blank_forms(ticket: Ticket) -> dict[str, forms.Form]:
    version = {"version": ticket.version}
    return {
        "reply": ticket_forms.CommentForm(prefix="reply"),
        "note": ticket_forms.CommentForm(prefix="note"),
        "status": ticket_forms.StatusForm(initial=version),
        "priority": ticket_forms.PriorityForm(
            initial={
                **version,
                "impact": ticket.impact,
                "urgency": ticket.urgency,
            }
        ),
        "owner": ticket_forms.OwnerForm(initial={**version, "owner": ticket.owner_id}),
        "team": ticket_forms.TransferForm(initial={**version, "team": ticket.team_id}),
        "parent": ticket_forms.ParentForm(
            initial={"number": ticket.parent.number if ticket.parent is not None else ""}
        ),
        "related": ticket_forms.RelatedForm(),
        "merge": ticket_forms.MergeForm(),
        "watcher": ticket_forms.WatcherForm(),
    }


def after_change(request: HttpRequest, ticket: Ticket) -> HttpResponse:
    """htmx gets the refreshed ticket to swap in; a plain form post is redirected (PRG)."""
    try:
        fresh = desk_ticket(request, str(ticket.pk))
    except Http404:
        return _out_of_sight(request, ticket)
    if not is_partial(request):
        return redirect("tickets:detail", reference=ticket.number)
    response = render(request, TICKET_TEMPLATE, ticket_context(request, fresh))
    response["HX-Trigger"] = "ticket-updated"
    return response


def _out_of_sight(request: HttpRequest, ticket: Ticket) -> HttpResponse:
    """After a hand-over the person may no longer see the ticket: back to the queues."""
    messages.info(
        request,
        _("%(number)s was handed over and is no longer in your view.") % {"number": ticket.number},
    )
    if not is_partial(request):
        return redirect("tickets:queue")
    response = HttpResponse(status=204)
    response["HX-Redirect"] = reverse("tickets:queue")
    return response


def with_refusal(
    request: HttpRequest,
    ticket: Ticket,
    panel: str,
    form: forms.Form,
    refusal: OutOfScope,
    *,
    key: str = "",
) -> HttpResponse:
    """Out of scope: the ticket is unchanged and a decision request went to the nearest
    holders; the whole ticket is shown again so that its pending decisions list it too."""
    context = ticket_context(request, ticket, bound={key or panel: form})
    context["refusal"] = refusal_notice(panel, refusal)
    if not is_partial(request):
        return render(request, PAGE_TEMPLATE, context, status=403)
    return render(request, TICKET_TEMPLATE, context)


def with_errors(
    request: HttpRequest, ticket: Ticket, panel: str, form: forms.Form, *, key: str = ""
) -> HttpResponse:
    """Show the refused form where it was: only its panel for htmx, the whole page otherwise.
    `key` names the form when a panel holds several (the cost form in the approval panel)."""
    context = ticket_context(request, ticket, bound={key or panel: form})
    if not is_partial(request):
        return render(request, PAGE_TEMPLATE, context, status=422)
    response = render(request, f"tickets/panels/_{panel}.html", context, status=422)
    response["HX-Retarget"] = f"#panel-{panel}"
    response["HX-Reswap"] = "outerHTML"
    return response
