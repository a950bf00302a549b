"""Which tickets a calendar applies to: assigning it to a service, team or requester unit,
removing an assignment, and making it the default calendar (administrators only)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from latitude.catalog.models import Service
from latitude.core.errors import DomainError, NotFound, NotPermitted
from latitude.people.models import OrgUnit, Team
from latitude.sla import actions
from latitude.sla.models import CalendarAssignment
from latitude.sla.pages.access import settings_reader_required


class AssignmentForm(forms.Form):
    service = forms.ModelChoiceField(
        label=gettext_lazy("Service"), required=False, queryset=Service.objects.order_by("name")
    )
    team = forms.ModelChoiceField(
        label=gettext_lazy("Team"), required=False, queryset=Team.objects.order_by("name")
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Requester unit"),
        required=False,
        queryset=OrgUnit.objects.order_by("name"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if sum(1 for name in ("service", "team", "unit") if data.get(name)) != 1:
            raise forms.ValidationError(_("Choose exactly one service, team or unit."))
        return data

    def target(self) -> dict[str, int]:
        return {f"{name}_id": value.pk for name, value in self.cleaned_data.items() if value}


def _answer(request: HttpRequest, calendar_id: int, error: DomainError | None, done: str) -> Any:
    if isinstance(error, NotPermitted):
        raise PermissionDenied(error.message)
    if isinstance(error, NotFound):
        raise Http404
    if error is not None:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("sla:calendar", calendar_id)


@require_POST
@settings_reader_required
def assign(request: HttpRequest, calendar_id: int) -> HttpResponse:
    form = AssignmentForm(request.POST, prefix="assign")
    if not form.is_valid():
        from latitude.sla.pages.calendars import refused_page  # the page imports this form

        return refused_page(request, calendar_id, assignment_form=form)
    try:
        actions.assign_calendar(actor=request.user, calendar_id=calendar_id, **form.target())
    except DomainError as error:
        return _answer(request, calendar_id, error, "")
    return _answer(request, calendar_id, None, _("The calendar was assigned."))


@require_POST
@settings_reader_required
def unassign(request: HttpRequest, calendar_id: int, assignment_id: int) -> HttpResponse:
    if not CalendarAssignment.objects.filter(pk=assignment_id, calendar_id=calendar_id).exists():
        raise Http404
    try:
        actions.unassign_calendar(actor=request.user, assignment_id=assignment_id)
    except DomainError as error:
        return _answer(request, calendar_id, error, "")
    return _answer(request, calendar_id, None, _("The assignment was removed."))


@require_POST
@settings_reader_required
def make_default(request: HttpRequest, calendar_id: int) -> HttpResponse:
    try:
        actions.set_default_calendar(actor=request.user, calendar_id=calendar_id)
    except DomainError as error:
        return _answer(request, calendar_id, error, "")
    return _answer(request, calendar_id, None, _("This is now the default calendar."))
