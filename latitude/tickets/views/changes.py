"""The posts that change a ticket. Each one validates the shape, calls one action and answers
with the refreshed ticket, or with the refused form and the action's reason next to the field."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from latitude.core.errors import DomainError, InvalidInput, NotFound, OutOfScope
from latitude.people.models import Team, User
from latitude.people.selectors import visible_people, visible_teams
from latitude.tickets import actions
from latitude.tickets import forms as ticket_forms
from latitude.tickets.choices import Status
from latitude.tickets.models import Ticket
from latitude.tickets.views.access import agent_required, desk_ticket, other_ticket
from latitude.tickets.views.detail import after_change, with_errors, with_refusal

Perform = Callable[[Any, Ticket, dict[str, Any]], object]


def run_form(
    request: HttpRequest,
    ticket: Ticket,
    panel: str,
    form: forms.Form,
    perform: Perform,
    *,
    fallback_field: str | None = None,
    key: str = "",
) -> HttpResponse:
    """Validate the shape, perform, and answer with the fresh ticket or the refused form."""
    if form.is_valid():
        try:
            perform(request.user, ticket, form.cleaned_data)
        except NotFound as exc:
            if exc.field is None and fallback_field is None:
                raise Http404 from exc
            _add_error(form, exc, fallback_field)
        except OutOfScope as exc:
            return with_refusal(request, ticket, panel, form, exc, key=key)
        except DomainError as exc:
            _add_error(form, exc, fallback_field)
        else:
            return after_change(request, ticket)
    return with_errors(request, ticket, panel, form, key=key)


def _run_without_input(
    request: HttpRequest, ticket: Ticket, panel: str, form_class: type[forms.Form], perform: Perform
) -> HttpResponse:
    """For buttons that post no fields; a refusal is shown on the panel's blank form."""
    try:
        perform(request.user, ticket, {})
    except NotFound as exc:
        raise Http404 from exc
    except DomainError as exc:
        form = form_class()
        form.full_clean()  # an unbound form ends up with no errors and no cleaned data
        form.cleaned_data = {}
        form.add_error(None, exc.message)
        return with_errors(request, ticket, panel, form)
    return after_change(request, ticket)


def _add_error(form: forms.Form, exc: DomainError, fallback_field: str | None) -> None:
    field = exc.field if exc.field in form.fields else fallback_field
    form.add_error(field, exc.message)


def _comment_view(internal: bool) -> Callable[[HttpRequest, str], HttpResponse]:
    panel = "note" if internal else "reply"

    def perform(actor: Any, ticket: Ticket, data: dict[str, Any]) -> None:
        # One transaction: a refused file also withdraws the text it came with.
        with transaction.atomic():
            comment = None
            if data["body"].strip() or not data["file"]:
                comment = actions.add_comment(
                    actor=actor, ticket_id=ticket.pk, body=data["body"], internal=internal
                )
            if data["file"]:
                actions.add_attachment(
                    actor=actor,
                    ticket_id=ticket.pk,
                    upload=data["file"],
                    internal=internal,
                    comment=comment,
                )

    @require_POST
    @agent_required
    def view(request: HttpRequest, reference: str) -> HttpResponse:
        ticket = desk_ticket(request, reference)
        form = ticket_forms.CommentForm(request.POST, request.FILES, prefix=panel)
        return run_form(request, ticket, panel, form, perform, fallback_field="body")

    view.__name__ = f"add_{panel}"
    return view


add_reply = _comment_view(internal=False)
add_note = _comment_view(internal=True)


@require_POST
@agent_required
def change_status(request: HttpRequest, reference: str) -> HttpResponse:
    def perform(actor: Any, ticket: Ticket, data: dict[str, Any]) -> None:
        actions.change_status(
            actor=actor,
            ticket_id=ticket.pk,
            status=data["status"],
            resolution=data["resolution"] if data["status"] == Status.RESOLVED else "",
            confirm_open_children=data["confirm_open_children"],
            expected_version=data["version"],
        )

    ticket = desk_ticket(request, reference)
    return run_form(
        request,
        ticket,
        "status",
        ticket_forms.StatusForm(request.POST),
        perform,
        fallback_field="status",
    )


@require_POST
@agent_required
def change_priority(request: HttpRequest, reference: str) -> HttpResponse:
    def perform(actor: Any, ticket: Ticket, data: dict[str, Any]) -> None:
        actions.change_priority(
            actor=actor,
            ticket_id=ticket.pk,
            impact=data["impact"],
            urgency=data["urgency"],
            priority=data["priority"],
            expected_version=data["version"],
        )

    ticket = desk_ticket(request, reference)
    return run_form(
        request,
        ticket,
        "priority",
        ticket_forms.PriorityForm(request.POST),
        perform,
        fallback_field="priority",
    )


def _agent_by_id(owner_id: int | None) -> User | None:
    if owner_id is None:
        return None
    owner = User.objects.filter(pk=owner_id, is_active=True, is_agent=True).first()
    if owner is None:
        raise InvalidInput(_("Choose an active agent."), field="owner")
    return owner


@require_POST
@agent_required
def assign_owner(request: HttpRequest, reference: str) -> HttpResponse:
    def perform(actor: Any, ticket: Ticket, data: dict[str, Any]) -> None:
        actions.assign_owner(
            actor=actor,
            ticket_id=ticket.pk,
            owner=_agent_by_id(data["owner"]),
            expected_version=data["version"],
        )

    ticket = desk_ticket(request, reference)
    return run_form(
        request,
        ticket,
        "owner",
        ticket_forms.OwnerForm(request.POST),
        perform,
        fallback_field="owner",
    )


@require_POST
@agent_required
def take(request: HttpRequest, reference: str) -> HttpResponse:
    def perform(actor: Any, ticket: Ticket, data: dict[str, Any]) -> None:
        actions.take_ticket(actor=actor, ticket_id=ticket.pk)

    ticket = desk_ticket(request, reference)
    return _run_without_input(request, ticket, "owner", ticket_forms.OwnerForm, perform)


def _team_by_id(actor: Any, team_id: int) -> Team:
    team = visible_teams(actor).filter(pk=team_id).first()
    if team is None:
        raise InvalidInput(_("Choose a team."), field="team")
    return team


@require_POST
@agent_required
def transfer_team(request: HttpRequest, reference: str) -> HttpResponse:
    def perform(actor: Any, ticket: Ticket, data: dict[str, Any]) -> None:
        actions.transfer_team(
            actor=actor,
            ticket_id=ticket.pk,
            team=_team_by_id(actor, data["team"]),
            reason=data["reason"],
            keep_owner=data["keep_owner"],
            expected_version=data["version"],
        )

    ticket = desk_ticket(request, reference)
    return run_form(
        request,
        ticket,
        "team",
        ticket_forms.TransferForm(request.POST),
        perform,
        fallback_field="team",
    )


@require_POST
@agent_required
def set_parent(request: HttpRequest, reference: str) -> HttpResponse:
    def perform(actor: Any, ticket: Ticket, data: dict[str, Any]) -> None:
        number = data["number"].strip()
        parent = other_ticket(actor, number, field="number") if number else None
        actions.set_parent(
            actor=actor, ticket_id=ticket.pk, parent_id=parent.pk if parent else None
        )

    ticket = desk_ticket(request, reference)
    return run_form(
        request,
        ticket,
        "parent",
        ticket_forms.ParentForm(request.POST),
        perform,
        fallback_field="number",
    )


@require_POST
@agent_required
def link_related(request: HttpRequest, reference: str) -> HttpResponse:
    def perform(actor: Any, ticket: Ticket, data: dict[str, Any]) -> None:
        other = other_ticket(actor, data["number"], field="number")
        actions.link_related(actor=actor, ticket_id=ticket.pk, other_id=other.pk)

    ticket = desk_ticket(request, reference)
    return run_form(
        request,
        ticket,
        "related",
        ticket_forms.RelatedForm(request.POST),
        perform,
        fallback_field="number",
    )


@require_POST
@agent_required
def unlink_related(request: HttpRequest, reference: str, other_id: int) -> HttpResponse:
    def perform(actor: Any, ticket: Ticket, data: dict[str, Any]) -> None:
        actions.unlink_related(actor=actor, ticket_id=ticket.pk, other_id=other_id)

    ticket = desk_ticket(request, reference)
    return _run_without_input(request, ticket, "related", ticket_forms.RelatedForm, perform)


@require_POST
@agent_required
def merge(request: HttpRequest, reference: str) -> HttpResponse:
    def perform(actor: Any, ticket: Ticket, data: dict[str, Any]) -> None:
        survivor = other_ticket(actor, data["number"], field="number")
        actions.merge_ticket(
            actor=actor, ticket_id=ticket.pk, into_id=survivor.pk, reason=data["reason"]
        )

    ticket = desk_ticket(request, reference)
    return run_form(
        request,
        ticket,
        "merge",
        ticket_forms.MergeForm(request.POST),
        perform,
        fallback_field="number",
    )


def _person(actor: Any, **lookup: Any) -> User:
    person = visible_people(actor).filter(**lookup).first()
    if person is None:
        raise InvalidInput(
            _("Nobody with this e-mail address has an active account."), field="email"
        )
    return person


@require_POST
@agent_required
def add_watcher(request: HttpRequest, reference: str) -> HttpResponse:
    def perform(actor: Any, ticket: Ticket, data: dict[str, Any]) -> None:
        person = _person(actor, email__iexact=data["email"])
        actions.add_watcher(actor=actor, ticket_id=ticket.pk, user=person)

    ticket = desk_ticket(request, reference)
    return run_form(
        request,
        ticket,
        "watcher",
        ticket_forms.WatcherForm(request.POST),
        perform,
        fallback_field="email",
    )


@require_POST
@agent_required
def remove_watcher(request: HttpRequest, reference: str, user_id: int) -> HttpResponse:
    def perform(actor: Any, ticket: Ticket, data: dict[str, Any]) -> None:
        actions.remove_watcher(actor=actor, ticket_id=ticket.pk, user=_person(actor, pk=user_id))

    ticket = desk_ticket(request, reference)
    return _run_without_input(request, ticket, "watcher", ticket_forms.WatcherForm, perform)
