"""The "breaching soon" queue: running clocks on tickets the agent works on, due within a
chosen window (overdue ones first), in due order through the partial index on `due_at`, paged
by keyset so that every page costs the same."""

from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from latitude.core.errors import DomainError
from latitude.core.htmx import render_page
from latitude.core.pagination import keyset_page
from latitude.sla.pages.access import agent_required
from latitude.sla.pages.badges import badge_of, engines_for
from latitude.sla.selectors import breaching_soon

WINDOWS = [
    ("1", gettext_lazy("within 1 hour")),
    ("4", gettext_lazy("within 4 hours")),
    ("8", gettext_lazy("within 8 hours")),
    ("24", gettext_lazy("within 24 hours")),
    ("72", gettext_lazy("within 3 days")),
]


class BreachingForm(forms.Form):
    within = forms.TypedChoiceField(
        label=gettext_lazy("Due"), choices=WINDOWS, coerce=int, required=False, empty_value=None
    )
    cursor = forms.CharField(max_length=500, required=False)


@require_GET
@agent_required
def breaching(request: HttpRequest) -> HttpResponse:
    form = BreachingForm(request.GET)
    context: dict[str, Any] = {"form": form, "page": None, "rows": []}
    status = 200
    if form.is_valid():
        try:
            context.update(_rows(request, form.cleaned_data))
        except (DomainError, ValueError):
            form.add_error("cursor", gettext_lazy("This page no longer exists; start again."))
            status = 400
    else:
        status = 400
    return render_page(
        request,
        "sla/breaching.html",
        context,
        partial_template="sla/_breaching_results.html",
        status=status,
    )


def _rows(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    now = timezone.now()
    clocks = breaching_soon(
        request.user, within=timedelta(hours=data["within"] or 4), now=now
    ).select_related("calendar", "ticket__service")
    page = keyset_page(
        clocks,
        ordering=["due_at", "id"],
        cursor=data["cursor"] or None,
        size=settings.LATITUDE_PAGE_SIZE,
    )
    engines = engines_for(clock.calendar for clock in page.items)
    rows = [(clock, badge_of(clock, engines[clock.calendar_id], now)) for clock in page.items]
    return {"page": page, "rows": rows}
