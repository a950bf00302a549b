"""Policy administration (ordered list, create, edit) and the due-time preview through the
policies. Leads read the same pages without the forms; writes are `latitude.sla.actions`."""

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from latitude.core.errors import DomainError, NotFound, NotPermitted
from latitude.core.htmx import is_partial
from latitude.people.models import User
from latitude.sla import actions
from latitude.sla.localtime import zone
from latitude.sla.models import SlaPolicy
from latitude.sla.pages.access import settings_reader_required
from latitude.sla.pages.policy_forms import DuePreviewForm, PolicyForm
from latitude.sla.selectors import list_policies, preview
from latitude.tickets.choices import Kind

FORM_TEMPLATE = "sla/policy_form.html"
PREVIEW_TEMPLATE = "sla/_due_preview.html"


def _save(request: HttpRequest, form: PolicyForm, policy_id: int | None) -> SlaPolicy | None:
    """The action's answer: the saved policy, or None with the refusal on the form."""
    try:
        if policy_id is None:
            return actions.create_policy(actor=request.user, **form.fields_for_action())
        return actions.update_policy(
            actor=request.user, policy_id=policy_id, **form.fields_for_action()
        )
    except NotPermitted as error:
        raise PermissionDenied(error.message) from None
    except NotFound:
        raise Http404 from None
    except DomainError as error:
        form.refuse(error.field, error.message)
        return None


@require_http_methods(["GET", "POST"])
@settings_reader_required
def policy_new(request: HttpRequest) -> HttpResponse:
    if not cast(User, request.user).is_admin:
        raise Http404
    last = SlaPolicy.objects.order_by("-position").values_list("position", flat=True).first()
    initial = {"position": (last or 0) + 10, "is_active": True, "warn_percent": 75}
    form = PolicyForm(request.POST or None, initial={**initial, "on_reopen": "continue"})
    if request.method == "POST" and form.is_valid():
        policy = _save(request, form, None)
        if policy is not None:
            messages.success(request, _("The policy was created."))
            return redirect("sla:policy", policy.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, FORM_TEMPLATE, {"form": form, "may_edit": True}, status=status)


@require_http_methods(["GET", "POST"])
@settings_reader_required
def policy_detail(request: HttpRequest, policy_id: int) -> HttpResponse:
    policy = list_policies(request.user).filter(pk=policy_id).first()
    if policy is None:
        raise Http404
    may_edit = cast(User, request.user).is_admin
    if request.method == "GET":
        form = PolicyForm(initial=PolicyForm.initial_of(policy))
        return render(request, FORM_TEMPLATE, _context(form, policy, may_edit))
    form = PolicyForm(request.POST)
    if form.is_valid() and _save(request, form, policy.pk) is not None:
        messages.success(request, _("The policy was saved."))
        return redirect("sla:policy", policy.pk)
    return render(request, FORM_TEMPLATE, _context(form, policy, may_edit), status=422)


def _context(form: PolicyForm, policy: SlaPolicy, may_edit: bool) -> dict[str, Any]:
    return {"form": form, "policy": policy, "may_edit": may_edit}


def preview_context(request: HttpRequest, form: DuePreviewForm) -> dict[str, Any]:
    """The due times of the example; refusals stand on the form."""
    if not form.is_bound:
        form = DuePreviewForm(form.initial)
    if not form.is_valid():
        return {"due_form": form, "due": None}
    data = form.cleaned_data
    calendar = data["calendar"]
    moment = form.opened_at(
        zone(calendar.time_zone) if calendar else timezone.get_current_timezone()
    )
    try:
        result = preview(
            request.user,
            kind=data["kind"],
            priority=data["priority"],
            opened_at=moment,
            service_id=data["service"].pk if data["service"] else None,
            team_id=data["team"].pk if data["team"] else None,
            unit_id=data["unit"].pk if data["unit"] else None,
            calendar_id=calendar.pk if calendar else None,
        )
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return {"due_form": form, "due": None}
    shown_in = (
        zone(result.calendar.time_zone) if result.calendar else timezone.get_current_timezone()
    )
    kind = Kind(data["kind"]).label
    return {"due_form": form, "due": result, "due_zone": shown_in, "due_kind": kind}


@require_GET
@settings_reader_required
def due_preview(request: HttpRequest) -> HttpResponse:
    context = preview_context(request, DuePreviewForm(request.GET))
    if is_partial(request):
        return render(request, PREVIEW_TEMPLATE, context)
    return render(request, "sla/due_preview.html", context)
