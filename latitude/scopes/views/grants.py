"""Scope administration: the list of grants, and the forms that create, edit and revoke one.
Who may change which grant is the decision `scope.edit`, asked by the grant actions; a save
outside the person's scope becomes a decision request like any other guarded action."""

from typing import Any, cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from latitude.core.errors import Conflict, DomainError, OutOfScope
from latitude.people.models import User
from latitude.scopes.actions import create_grant, edit_grant
from latitude.scopes.administration import EditFacts, GrantFilters, decisions_of, grant_rows
from latitude.scopes.conditions import NO_LIMITS, Tree
from latitude.scopes.diff import diff_versions
from latitude.scopes.forms.conditions import ConditionBuilder, decisions_named
from latitude.scopes.forms.grants import GrantFilterForm, GrantForm, initial_of
from latitude.scopes.models import Grant, GrantVersion
from latitude.scopes.terms import GrantTerms
from latitude.scopes.views.access import scope_admin_required
from latitude.scopes.views.history import diff_rows, load_versions
from latitude.scopes.views.refusals import refusal_notice

FORM_TEMPLATE = "scopes/grant_form.html"
BUILDER_TEMPLATE = "scopes/_condition_builder.html"


@require_GET
@scope_admin_required
def grant_list(request: HttpRequest) -> HttpResponse:
    actor = cast(User, request.user)
    data = request.GET.copy()
    data.setdefault("mine", "0" if actor.is_admin else "1")
    form = GrantFilterForm(data)
    filters = GrantFilters()
    if form.is_valid():
        values = form.cleaned_data
        filters = GrantFilters(
            decision=values["decision"],
            person_id=values["person"].pk if values["person"] else None,
            team_id=values["team"].pk if values["team"] else None,
            include_revoked=values["revoked"],
            editable_only=values["mine"] == "1",
        )
    context = {"form": form, "rows": grant_rows(actor, filters)}
    return render(request, "scopes/grants.html", context, status=200 if form.is_valid() else 400)


def _builder(request: HttpRequest, form: GrantForm) -> ConditionBuilder:
    return ConditionBuilder.of_data(request.POST, decisions_named(form.chosen_decisions()))


def _form_page(
    request: HttpRequest,
    form: GrantForm,
    builder: ConditionBuilder,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    context = {"form": form, "builder": builder, "builder_rows": builder.row_views(), **extra}
    return render(request, FORM_TEMPLATE, context, status=status)


def _refuse(form: GrantForm, builder: ConditionBuilder, error: DomainError) -> None:
    if error.field == "condition":
        builder.error = error.message
    elif error.field in form.fields and error.field != "expected_version":
        form.add_error(error.field, error.message)
    else:
        form.add_error(None, error.message)


def _checked_tree(builder: ConditionBuilder) -> Tree | None:
    try:
        return builder.tree()
    except DomainError:
        return None


PREFILLED = ("holder_kind", "holder_person", "holder_team")


def _prefill(request: HttpRequest) -> dict[str, Any]:
    """Initial values from the query (the scope review links here); the form checks them."""
    initial: dict[str, Any] = {
        name: request.GET[name] for name in PREFILLED if request.GET.get(name)
    }
    if request.GET.getlist("decisions"):
        initial["decisions"] = request.GET.getlist("decisions")
    return initial


@require_http_methods(["GET", "POST"])
@scope_admin_required
def grant_new(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        initial = {"effect": "decide", "team_scope": "members", **_prefill(request)}
        form = GrantForm(creating=True, initial=initial)
        return _form_page(request, form, ConditionBuilder.of_tree(dict(NO_LIMITS), []))
    form = GrantForm(request.POST, creating=True)
    builder = _builder(request, form)
    if builder.commanded:
        return _form_page(request, form, builder)
    tree = _checked_tree(builder)
    if form.is_valid() and tree is not None:
        try:
            version = create_grant(
                actor=request.user, name=form.cleaned_data["name"], terms=form.terms(tree)
            )
        except OutOfScope as exc:
            return _form_page(request, form, builder, 403, refusal=refusal_notice("grant", exc))
        except DomainError as exc:
            _refuse(form, builder, exc)
        else:
            messages.success(request, _("The grant is in force."))
            return redirect("scopes:grant", version.grant_id)
    return _form_page(request, form, builder, 422)


def current_of(grant_id: int) -> tuple[Grant, GrantVersion]:
    grant = Grant.objects.filter(pk=grant_id, current_version__gt=0).first()
    if grant is None:
        raise Http404
    version = (
        GrantVersion.objects.filter(grant=grant, version=grant.current_version)
        .select_related("grant", "holder_person", "holder_team", "inform_person", "inform_team")
        .get()
    )
    return grant, version


@require_http_methods(["GET", "POST"])
@scope_admin_required
def grant_edit(request: HttpRequest, grant_id: int) -> HttpResponse:
    grant, current = current_of(grant_id)
    if current.revoked:
        messages.info(request, _("This grant is revoked; create a new one instead."))
        return redirect("scopes:grant", grant_id)
    hint = EditFacts(request.user).verdict(grant, GrantTerms.of(current), GrantTerms.of(current))
    page: dict[str, Any] = {"grant": grant, "current": current, "edit_verdict": hint}
    if request.method == "GET":
        form = GrantForm(creating=False, initial=initial_of(current))
        return _form_page(
            request,
            form,
            ConditionBuilder.of_tree(current.condition, decisions_of(current)),
            **page,
        )
    form = GrantForm(request.POST, creating=False)
    builder = _builder(request, form)
    tree = None if builder.commanded else _checked_tree(builder)
    if builder.commanded or not form.is_valid() or tree is None:
        return _form_page(request, form, builder, 200 if builder.commanded else 422, **page)
    try:
        edit_grant(
            actor=request.user,
            grant_id=grant_id,
            expected_version=form.cleaned_data["expected_version"],
            **form.terms(tree).as_fields(),
        )
    except Conflict as exc:
        return _conflict(request, grant_id, form, builder, exc, page)
    except OutOfScope as exc:
        return _form_page(request, form, builder, 403, refusal=refusal_notice("grant", exc), **page)
    except DomainError as exc:
        _refuse(form, builder, exc)
        return _form_page(request, form, builder, 422, **page)
    messages.success(request, _("Saved as a new version."))
    return redirect("scopes:grant", grant_id)


def _conflict(
    request: HttpRequest,
    grant_id: int,
    form: GrantForm,
    builder: ConditionBuilder,
    error: Conflict,
    page: dict[str, Any],
) -> HttpResponse:
    """Someone saved first: keep everything typed, show what they changed, and let a second
    save knowingly replace the version now current."""
    _grant, current = current_of(grant_id)
    seen = form.cleaned_data.get("expected_version")
    versions = load_versions(grant_id)
    older = next((v for v in versions if v.version == seen), None)
    changes = diff_rows(diff_versions(older, current), older, current) if older else []
    data = request.POST.copy()
    data["expected_version"] = str(current.version)
    fresh = GrantForm(data, creating=False)
    fresh.is_valid()
    conflict = {"message": error.message, "current": current, "changes": changes, "seen": seen}
    return _form_page(
        request, fresh, builder, 409, **{**page, "current": current, "conflict": conflict}
    )


@require_POST
@scope_admin_required
def condition_builder(request: HttpRequest) -> HttpResponse:
    """htmx: the limits again after the decisions, a row's fact or the mode changed."""
    form = GrantForm(request.POST, creating=True)
    builder = _builder(request, form)
    return render(
        request, BUILDER_TEMPLATE, {"builder": builder, "builder_rows": builder.row_views()}
    )
