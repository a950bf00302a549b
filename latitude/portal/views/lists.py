"""The requester's home: their tickets (or their unit's), open ones first."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from latitude.core.errors import InvalidInput
from latitude.core.pagination import KeysetPage
from latitude.tickets.models import Ticket
from latitude.tickets.selectors import TicketFilters, ticket_page

SCOPES = {"mine": "requested", "unit": "unit"}


@dataclass(frozen=True)
class Section:
    """One list on the page, paged on its own cursor parameter."""

    key: str
    page: KeysetPage[Ticket]
    next_query: str | None


def unit_shares_tickets(user: Any) -> bool:
    return user.unit_id is not None and user.unit.shares_tickets


def _scope(request: HttpRequest) -> str:
    scope = request.GET.get("scope", "mine")
    if scope == "unit" and unit_shares_tickets(request.user):
        return "unit"
    return "mine"


def _page(request: HttpRequest, filters: TicketFilters, key: str) -> KeysetPage[Ticket]:
    cursor = request.GET.get(key) or None
    size = settings.LATITUDE_PAGE_SIZE
    try:
        return ticket_page(request.user, filters, cursor=cursor, size=size)
    except InvalidInput:
        messages.warning(request, _("That page link is no longer valid; here is the first page."))
        return ticket_page(request.user, filters, cursor=None, size=size)


def _next_query(query: QueryDict, key: str, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    following = query.copy()
    following[key] = cursor
    return following.urlencode()


def _section(request: HttpRequest, key: str, filters: TicketFilters) -> Section:
    page = _page(request, filters, key)
    return Section(key=key, page=page, next_query=_next_query(request.GET, key, page.next_cursor))


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    queue = SCOPES[scope]
    context = {
        "scope": scope,
        "unit_shares": unit_shares_tickets(request.user),
        "open_section": _section(request, "open", TicketFilters(queue=queue, open_only=True)),
        "done_section": _section(request, "done", TicketFilters(queue=queue, finished_only=True)),
        "paged": bool(request.GET.get("open") or request.GET.get("done")),
    }
    return render(request, "portal/home.html", context)
