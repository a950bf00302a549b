"""My latitude: what I may decide and who decides beyond it, my delegations and absences."""

from typing import Any, cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from latitude.core.errors import DomainError, NotFound, OutOfScope
from latitude.people import actions as people_actions
from latitude.people.models import User
from latitude.people.selectors import absences_of
from latitude.scopes.actions import delegate_grant, revoke_grant
from latitude.scopes.actions.away import go_away
from latitude.scopes.administration import may_administer
from latitude.scopes.forms.latitude import AbsenceForm, DelegationForm
from latitude.scopes.inbox import routed_people
from latitude.scopes.models import GrantVersion
from latitude.scopes.overview import (
    delegable_grants,
    delegations_given,
    delegations_received,
    latitude_of,
)
from latitude.scopes.trust.visibility import visible_teams
from latitude.scopes.views.access import agent_required

PAGE_TEMPLATE = "scopes/mine.html"


def _context(request: HttpRequest, **forms: Any) -> dict[str, Any]:
    actor = cast(User, request.user)
    grants = delegable_grants(actor)
    return {
        "entries": latitude_of(actor),
        "received": delegations_received(actor),
        "given": delegations_given(actor),
        "absences": list(absences_of(actor, timezone.now())),
        "delegation_form": forms.get("delegation") or DelegationForm(actor=actor, grants=grants),
        "absence_form": forms.get("absence") or AbsenceForm(),
        "may_delegate": bool(grants),
        "may_administer": may_administer(actor),
        "my_teams": list(visible_teams(actor).order_by("name")),
    }


@require_GET
@agent_required
def my_latitude(request: HttpRequest) -> HttpResponse:
    return render(request, PAGE_TEMPLATE, _context(request))


def _refused_form(form: Any, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@require_POST
@agent_required
def delegate(request: HttpRequest) -> HttpResponse:
    actor = cast(User, request.user)
    form = DelegationForm(request.POST, actor=actor, grants=delegable_grants(actor))
    if form.is_valid():
        data = form.cleaned_data
        try:
            delegate_grant(
                actor=actor,
                grant_id=data["grant"],
                to_person_id=data["to_person"].pk,
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
                rationale=data["rationale"],
                decisions=data["decisions"] or None,
            )
        except DomainError as exc:
            _refused_form(form, exc)
        else:
            messages.success(
                request,
                _("%(person)s may now decide for you until %(until)s.")
                % {
                    "person": data["to_person"],
                    "until": timezone.localtime(data["valid_until"]).strftime("%Y-%m-%d %H:%M"),
                },
            )
            return redirect("scopes:mine")
    return render(request, PAGE_TEMPLATE, _context(request, delegation=form), status=422)


def _own_delegation(actor: Any, grant_id: int) -> GrantVersion:
    """A delegation the person gave or received; 404 for any other grant."""
    version = (
        GrantVersion.objects.current()
        .filter(grant_id=grant_id, grant__delegated_from__isnull=False, revoked=False)
        .select_related("grant")
        .first()
    )
    if version is None or actor.pk not in (version.grant.created_by_id, version.holder_person_id):
        raise Http404
    return version


@require_POST
@agent_required
def end_delegation(request: HttpRequest, grant_id: int) -> HttpResponse:
    actor = cast(User, request.user)
    version = _own_delegation(actor, grant_id)
    try:
        revoke_grant(
            actor=actor,
            grant_id=grant_id,
            reason=_("Ended early by %(person)s.") % {"person": actor},
            expected_version=version.version,
        )
    except OutOfScope as exc:
        routes = routed_people(exc.decision_request_id) if exc.decision_request_id else []
        names = ", ".join(str(route.person) for route in routes) or _("the administrators")
        messages.warning(
            request,
            _("Ending it is not yours to decide alone; sent to %(names)s for a decision.")
            % {"names": names},
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The delegation has ended."))
    return redirect("scopes:mine")


@require_POST
@agent_required
def record_absence(request: HttpRequest) -> HttpResponse:
    actor = cast(User, request.user)
    form = AbsenceForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            _absence, moved = go_away(
                actor=actor,
                person=actor,
                starts_at=data["starts_at"] or timezone.now(),
                ends_at=data["ends_at"],
                note=data["note"],
            )
        except DomainError as exc:
            _refused_form(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Your absence is recorded; decision requests go to the next holder while "
                    "you are away (%(moved)d moved on now)."
                )
                % {"moved": moved},
            )
            return redirect("scopes:mine")
    return render(request, PAGE_TEMPLATE, _context(request, absence=form), status=422)


@require_POST
@agent_required
def end_absence(request: HttpRequest, absence_id: int) -> HttpResponse:
    try:
        people_actions.end_absence(actor=request.user, absence_id=absence_id)
    except NotFound as exc:
        raise Http404 from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Welcome back: decision requests reach you again."))
    return redirect("scopes:mine")
