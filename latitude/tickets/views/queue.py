"""The queues: the agent's lists of tickets, filtered, searched and paged by keyset."""

from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from latitude.catalog.selectors import active_services
from latitude.core.errors import DomainError
from latitude.core.htmx import is_partial, render_page
from latitude.people.models import User
from latitude.people.selectors import visible_teams
from latitude.sla.pages.badges import attach_badges
from latitude.tickets.forms import QUEUE_CHOICES, QueueFilterForm
from latitude.tickets.selectors import COUNT_CAP, TicketFilters, count_tickets, ticket_page
from latitude.tickets.views.access import agent_required

PAGE_TEMPLATE = "tickets/queue.html"
RESULTS_TEMPLATE = "tickets/_queue_results.html"


@require_GET
@agent_required
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET)
    context: dict[str, Any] = {"form": form, "tabs": [], "page": None}
    status = 200
    if form.is_valid():
        try:
            context.update(_results(request, form))
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            status = 400
    else:
        status = 400
    if not is_partial(request) or _restoring_history(request):
        context.update(_filter_choices(request))
    partial = None if _restoring_history(request) else RESULTS_TEMPLATE
    return render_page(request, PAGE_TEMPLATE, context, partial_template=partial, status=status)


def _restoring_history(request: HttpRequest) -> bool:
    """htmx asks for the whole page when the browser's Back button has no cached copy."""
    return bool(getattr(getattr(request, "htmx", None), "history_restore_request", False))


def _results(request: HttpRequest, form: QueueFilterForm) -> dict[str, Any]:
    values = form.filter_values()
    filters = TicketFilters(**values)
    page = ticket_page(
        request.user,
        filters,
        cursor=form.cleaned_data["cursor"] or None,
        size=settings.LATITUDE_PAGE_SIZE,
    )
    attach_badges(page.items)
    return {
        "page": page,
        "queue": values["queue"],
        "sort": values["sort"],
        "tabs": _tabs(request, values),
    }


def _tabs(request: HttpRequest, values: dict[str, Any]) -> list[dict[str, Any]]:
    """One tab per queue with the number of tickets it holds under the current filters,
    shown as "999+" beyond COUNT_CAP - 1 so that a tab never reads a whole big queue."""
    tabs = []
    for key, label in QUEUE_CHOICES:
        filters = TicketFilters(**{**values, "queue": key})
        count = count_tickets(request.user, filters, cap=COUNT_CAP)
        capped = count >= COUNT_CAP
        tabs.append(
            {
                "key": key,
                "label": label,
                "count": COUNT_CAP - 1 if capped else count,
                "capped": capped,
                "current": key == values["queue"],
            }
        )
    return tabs


def _filter_choices(request: HttpRequest) -> dict[str, Any]:
    return {
        "teams": list(visible_teams(cast(User, request.user)).only("id", "name")),
        "services": list(active_services().select_related(None).only("id", "name")),
    }
