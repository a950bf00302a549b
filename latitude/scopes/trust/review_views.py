"""The scope review page: open suggestions with their evidence, accept (on to the grant
editor) or dismiss with a note."""

from typing import cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from latitude.core.errors import DomainError, NotFound
from latitude.people.models import User
from latitude.scopes.trust.actions import accept_suggestion, dismiss_suggestion
from latitude.scopes.trust.present import suggestion_rows
from latitude.scopes.trust.review import editor_url, manageable, may_review, open_suggestions
from latitude.tickets.views.access import agent_required

TEMPLATE = "scopes/trust/review.html"


def _review_page(request: HttpRequest, status: int = 200, **extra: object) -> HttpResponse:
    actor = cast(User, request.user)
    if not may_review(actor):
        raise Http404
    suggestions = manageable(actor, list(open_suggestions()))
    context = {"rows": suggestion_rows(suggestions), **extra}
    return render(request, TEMPLATE, context, status=status)


@require_GET
@agent_required
def review(request: HttpRequest) -> HttpResponse:
    return _review_page(request)


@require_POST
@agent_required
def accept(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    try:
        suggestion = accept_suggestion(
            actor=request.user, suggestion_id=suggestion_id, note=request.POST.get("note", "")
        )
    except NotFound as exc:
        raise Http404 from exc
    except DomainError as exc:
        return _review_page(request, exc.status, error=exc.message, failed=suggestion_id)
    messages.success(request, _("Suggestion accepted: change the grant as you see fit."))
    return redirect(editor_url(suggestion))


@require_POST
@agent_required
def dismiss(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    try:
        dismiss_suggestion(
            actor=request.user, suggestion_id=suggestion_id, note=request.POST.get("note", "")
        )
    except NotFound as exc:
        raise Http404 from exc
    except DomainError as exc:
        return _review_page(request, 422, error=exc.message, failed=suggestion_id)
    messages.success(request, _("Suggestion dismissed."))
    return redirect("trust:review")
