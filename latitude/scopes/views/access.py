"""Who reaches the scope pages, and answering a post the htmx way or the plain way."""

from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from latitude.core.errors import DomainError
from latitude.core.htmx import is_partial
from latitude.scopes.administration import may_administer
from latitude.tickets.views.access import View, agent_required

__all__ = ["agent_required", "error_status", "safe_next", "scope_admin_required"]


def error_status(request: HttpRequest, error: DomainError) -> int:
    """htmx swaps only 2xx, 400, 409 and 422 answers (see base.html), so a refusal it should
    show is 409 or 422 there; a plain page gets the error's own status."""
    if not is_partial(request):
        return error.status
    return 409 if error.status == 409 else 422


def safe_next(request: HttpRequest, default: str) -> str:
    target: Any = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return str(target)
    return default


def scope_admin_required(view: View) -> View:
    """Scope administration exists only for people who may edit some grant (see
    `administration.may_administer`); to anyone else it answers 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not may_administer(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return agent_required(wrapper)
