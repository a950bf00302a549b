"""One place that decides between a partial and a full page."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def is_partial(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not getattr(htmx, "boosted", False)


def render_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    partial_template: str | None = None,
    status: int = 200,
    trigger: str | None = None,
) -> HttpResponse:
    """Render the partial for htmx requests and the whole page otherwise."""
    name = partial_template if partial_template and is_partial(request) else template
    response = render(request, name, context, status=status)
    if trigger:
        response["HX-Trigger"] = trigger
    return response
