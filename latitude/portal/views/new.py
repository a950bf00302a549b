"""Reporting a problem and requesting something."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from latitude.core.errors import DomainError
from latitude.portal.forms import NewTicketForm
from latitude.tickets import actions
from latitude.tickets.choices import Kind
from latitude.tickets.models import Ticket


def _open_from_form(actor: object, form: NewTicketForm) -> Ticket:
    """Open the ticket and store its file together: a refused file leaves no ticket behind."""
    data = form.cleaned_data
    with transaction.atomic():
        ticket = actions.open_ticket(
            actor=actor,
            kind=form.kind,
            subject=data["subject"],
            description=data["description"],
            service=data["service"],
            category=data["category"],
            impact=data["impact"],
            urgency=data["urgency"],
        )
        if data["attachment"]:
            actions.add_attachment(actor=actor, ticket_id=ticket.pk, upload=data["attachment"])
    return ticket


def _new_ticket(request: HttpRequest, kind: str) -> HttpResponse:
    form = NewTicketForm(request.POST or None, request.FILES or None, kind=kind)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                ticket = _open_from_form(request.user, form)
            except DomainError as error:
                form.add_domain_error(error)
                status = error.status
            else:
                messages.success(
                    request,
                    _("Thank you. Your ticket %(number)s is on its way.")
                    % {"number": ticket.number},
                )
                return redirect("portal:ticket", number=ticket.number)
    return render(request, "portal/new_ticket.html", {"form": form, "kind": kind}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def new_incident(request: HttpRequest) -> HttpResponse:
    return _new_ticket(request, Kind.INCIDENT)


@login_required
@require_http_methods(["GET", "POST"])
def new_request(request: HttpRequest) -> HttpResponse:
    return _new_ticket(request, Kind.REQUEST)
