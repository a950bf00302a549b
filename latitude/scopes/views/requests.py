"""The decision-request pages: the inbox (waiting for me, sent by me, decided, all pending),
one request, and the posts that approve, decline or withdraw it."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from latitude.core.errors import DomainError, InvalidInput, NotFound
from latitude.core.htmx import is_partial, render_page
from latitude.core.pagination import keyset_page
from latitude.scopes import inbox
from latitude.scopes.actions import approve_request, decline_request, withdraw_request
from latitude.scopes.views.access import agent_required, error_status, safe_next
from latitude.scopes.views.rows import RequestRow, rows_for

TABS = [
    (inbox.INBOX, gettext_lazy("Waiting for me")),
    (inbox.SENT, gettext_lazy("Sent by me")),
    (inbox.DECIDED, gettext_lazy("Decided")),
]
ADMIN_TAB = (inbox.ALL_PENDING, gettext_lazy("All pending"))
CARD_TEMPLATE = "scopes/_request_card.html"


def _tabs(user: Any) -> list[tuple[str, Any]]:
    return [*TABS, ADMIN_TAB] if user.is_admin else list(TABS)


@require_GET
@agent_required
def request_list(request: HttpRequest) -> HttpResponse:
    tabs = _tabs(request.user)
    tab = request.GET.get("tab") or inbox.INBOX
    if tab not in dict(tabs):
        raise Http404
    try:
        page = keyset_page(
            inbox.requests_in(request.user, tab),
            ordering=inbox.ORDERING,
            cursor=request.GET.get("cursor") or None,
            size=settings.LATITUDE_PAGE_SIZE,
        )
    except InvalidInput as exc:
        messages.error(request, exc.message)
        return redirect(f"{reverse('scopes:requests')}?tab={tab}")
    context = {
        "tabs": tabs,
        "tab": tab,
        "rows": rows_for(request.user, page.items),
        "next_cursor": page.next_cursor,
    }
    return render_page(request, "scopes/requests.html", context)


def _row(request: HttpRequest, request_id: int) -> RequestRow:
    try:
        found = inbox.request_for(request.user, request_id)
    except NotFound as exc:
        raise Http404 from exc
    return rows_for(request.user, [found])[0]


@require_GET
@agent_required
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    return render(request, "scopes/request.html", {"row": _row(request, request_id)})


Answer = Callable[[Any, int, dict[str, Any]], object]


def _answer(
    request: HttpRequest, request_id: int, perform: Answer, done: str, inputs: list[str]
) -> HttpResponse:
    row = _row(request, request_id)  # 404 for requests the person may not see
    values = {name: request.POST.get(name, "") for name in inputs}
    try:
        perform(request.user, request_id, values)
    except NotFound as exc:
        raise Http404 from exc
    except DomainError as exc:
        return _refused(request, request_id, exc, values)
    if is_partial(request):
        response = render(request, CARD_TEMPLATE, {"row": _row(request, request_id), "oob": True})
        response["HX-Trigger"] = "decision-requests-changed"
        return response
    messages.success(request, done % {"requester": row.request.requester})
    return redirect(safe_next(request, reverse("scopes:request", args=[request_id])))


def _refused(
    request: HttpRequest, request_id: int, error: DomainError, values: dict[str, str]
) -> HttpResponse:
    """Show why, on the request itself, keeping what the person typed."""
    row = _row(request, request_id)
    row.error, row.error_field, row.inputs = error.message, error.field or "", values
    status = error_status(request, error)
    if is_partial(request):
        return render(request, CARD_TEMPLATE, {"row": row, "oob": True}, status=status)
    return render(request, "scopes/request.html", {"row": row}, status=status)


def _version(values: dict[str, Any]) -> int | None:
    try:
        return int(values.get("version") or "")
    except ValueError:
        return None


@require_POST
@agent_required
def approve(request: HttpRequest, request_id: int) -> HttpResponse:
    def perform(actor: Any, pk: int, values: dict[str, Any]) -> None:
        approve_request(
            actor=actor, request_id=pk, note=values["note"], expected_version=_version(values)
        )

    done = _("Approved: it was carried out on behalf of %(requester)s.")
    return _answer(request, request_id, perform, done, ["note", "version"])


@require_POST
@agent_required
def decline(request: HttpRequest, request_id: int) -> HttpResponse:
    def perform(actor: Any, pk: int, values: dict[str, Any]) -> None:
        decline_request(
            actor=actor, request_id=pk, reason=values["reason"], expected_version=_version(values)
        )

    done = _("Declined: %(requester)s reads your reason.")
    return _answer(request, request_id, perform, done, ["reason", "version"])


@require_POST
@agent_required
def withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    def perform(actor: Any, pk: int, values: dict[str, Any]) -> None:
        withdraw_request(actor=actor, request_id=pk, reason=values["reason"])

    done = _("Withdrawn: nobody needs to decide it any more.")
    return _answer(request, request_id, perform, done, ["reason"])
