"""One ticket as its requester sees it: the public conversation, replying, accepting, reopening."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from latitude.core.errors import DomainError, NotFound
from latitude.portal.forms import DomainErrorForm, ReopenForm, ReplyForm
from latitude.portal.selectors import public_conversation, public_ticket_files
from latitude.tickets import actions
from latitude.tickets.choices import Status
from latitude.tickets.models import Ticket
from latitude.tickets.selectors import get_ticket_for, goodwill_for


def _ticket_or_404(actor: Any, number: str) -> Ticket:
    try:
        return get_ticket_for(actor, number)
    except NotFound as error:
        raise Http404(error.message) from error


def _may_reply(actor: Any, ticket: Ticket) -> bool:
    if ticket.status == Status.CLOSED:
        return False
    return ticket.requester_id == actor.pk or ticket.watcher_rows.filter(user_id=actor.pk).exists()


def _context(actor: Any, ticket: Ticket) -> dict[str, Any]:
    is_requester = ticket.requester_id == actor.pk
    finished = ticket.status in (Status.RESOLVED, Status.CLOSED)
    return {
        "ticket": ticket,
        "conversation": public_conversation(actor, ticket),
        "files": public_ticket_files(ticket),
        "may_reply": _may_reply(actor, ticket),
        "may_accept": is_requester and ticket.status == Status.RESOLVED,
        "may_reopen": is_requester and finished,
        "reopen_days": settings.LATITUDE_REOPEN_CLOSED_DAYS,
        "goodwill": list(goodwill_for(actor, ticket)),
    }


def _render(
    request: HttpRequest,
    ticket: Ticket,
    *,
    reply_form: ReplyForm | None = None,
    reopen_form: ReopenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = _context(request.user, ticket)
    context["reply_form"] = reply_form or ReplyForm()
    context["reopen_form"] = reopen_form or ReopenForm()
    return render(request, "portal/ticket.html", context, status=status)


def _refused(form: DomainErrorForm, error: DomainError) -> int:
    """Put the action's refusal on the form; hidden tickets stay hidden."""
    if isinstance(error, NotFound):
        raise Http404(error.message) from error
    form.add_domain_error(error)
    return error.status


@login_required
@require_GET
def ticket_detail(request: HttpRequest, number: str) -> HttpResponse:
    return _render(request, _ticket_or_404(request.user, number))


def _post_reply(actor: Any, ticket: Ticket, form: ReplyForm) -> None:
    """The reply and its file are saved together or not at all."""
    with transaction.atomic():
        comment = actions.add_comment(
            actor=actor, ticket_id=ticket.pk, body=form.cleaned_data["body"]
        )
        upload = form.cleaned_data["attachment"]
        if upload:
            actions.add_attachment(actor=actor, ticket_id=ticket.pk, upload=upload, comment=comment)


@login_required
@require_POST
def reply(request: HttpRequest, number: str) -> HttpResponse:
    ticket = _ticket_or_404(request.user, number)
    form = ReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, ticket, reply_form=form, status=400)
    try:
        _post_reply(request.user, ticket, form)
    except DomainError as error:
        status = _refused(form, error)
        return _render(request, ticket, reply_form=form, status=status)
    messages.success(request, _("Your reply was added."))
    return redirect("portal:ticket", number=ticket.number)


@login_required
@require_POST
def accept(request: HttpRequest, number: str) -> HttpResponse:
    ticket = _ticket_or_404(request.user, number)
    try:
        actions.accept_resolution(actor=request.user, ticket_id=ticket.pk)
    except NotFound as error:
        raise Http404(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you for confirming. The ticket is now closed."))
    return redirect("portal:ticket", number=ticket.number)


@login_required
@require_POST
def reopen(request: HttpRequest, number: str) -> HttpResponse:
    ticket = _ticket_or_404(request.user, number)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return _render(request, ticket, reopen_form=form, status=400)
    try:
        actions.reopen_ticket(
            actor=request.user, ticket_id=ticket.pk, reason=form.cleaned_data["reason"]
        )
    except DomainError as error:
        status = _refused(form, error)
        return _render(request, ticket, reopen_form=form, status=status)
    messages.success(request, _("The ticket is open again. We will get back to you."))
    return redirect("portal:ticket", number=ticket.number)
