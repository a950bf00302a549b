"""The notification list, the bell, and notification preferences; a person sees only theirs."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from latitude.core.errors import DomainError, NotFound
from latitude.core.htmx import render_page
from latitude.core.pagination import keyset_page
from latitude.notifications import actions, selectors
from latitude.notifications.forms import PreferencesForm
from latitude.notifications.rendering import headline

PAGE_SIZE = 25
PREFERENCES_TEMPLATE = "notifications/preferences.html"


def _items(page_items: list[Any]) -> list[dict[str, Any]]:
    return [{"row": row, "headline": headline(row.occurrence, link=row.link)} for row in page_items]


@require_GET
@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.notifications_of(request.user)
    page = keyset_page(
        rows, ordering=["-created_at", "-id"], cursor=request.GET.get("cursor"), size=PAGE_SIZE
    )
    context = {
        "items": _items(page.items),
        "next_cursor": page.next_cursor,
        "unread": selectors.unread_count(request.user),
    }
    return render(request, "notifications/list.html", context)


@require_GET
@login_required
def bell(request: HttpRequest) -> HttpResponse:
    """The bell alone, polled by htmx: one indexed count query."""
    context = {
        "show": True,
        "count": selectors.unread_count(request.user),
        "poll_seconds": settings.LATITUDE_BELL_POLL_SECONDS,
    }
    return render(request, "notifications/_bell.html", context)


@require_GET
@login_required
def open_notification(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark the notification read and go to what it is about."""
    try:
        actions.mark_read(actor=request.user, notification_id=notification_id)
        notification = selectors.get_notification_for(request.user, notification_id)
    except NotFound as exc:
        raise Http404 from exc
    target = notification.link
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect("notifications:list")
    return HttpResponseRedirect(target)


@require_POST
@login_required
def mark_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    try:
        actions.mark_read(actor=request.user, notification_id=notification_id)
    except NotFound as exc:
        raise Http404 from exc
    return _after_marking(request)


@require_POST
@login_required
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = actions.mark_all_read(actor=request.user)
    if not getattr(request, "htmx", False):
        messages.success(request, _("%(count)d notifications marked read.") % {"count": count})
    return _after_marking(request)


def _after_marking(request: HttpRequest) -> HttpResponse:
    if getattr(request, "htmx", False):
        response = bell(request)
        response["HX-Trigger"] = "notifications-read"
        return response
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    rows = selectors.choices_of(request.user)
    if request.method != "POST":
        return render(
            request, PREFERENCES_TEMPLATE, _preferences_context(PreferencesForm(rows=rows))
        )
    form = PreferencesForm(request.POST, rows=rows)
    if form.is_valid():
        try:
            actions.update_preferences(actor=request.user, choices=form.choices())
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your notification choices are saved."))
            return redirect("notifications:preferences")
    return render_page(request, PREFERENCES_TEMPLATE, _preferences_context(form), status=422)


def _preferences_context(form: PreferencesForm) -> dict[str, Any]:
    return {"form": form, "digest_hour": settings.LATITUDE_DIGEST_HOUR}
