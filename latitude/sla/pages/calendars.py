"""Calendar administration: the list, creating a calendar with its week, and the calendar page
(settings, working hours, closures and extra days, holidays, a due-time preview). Leads read
the same pages without the forms; every write is one `latitude.sla.actions` call."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from latitude.core.errors import DomainError, NotFound, NotPermitted
from latitude.core.htmx import is_partial
from latitude.sla import actions
from latitude.sla.errors import NoWorkingTimeError
from latitude.sla.models import BusinessCalendar
from latitude.sla.pages.access import settings_reader_required
from latitude.sla.pages.assignments import AssignmentForm
from latitude.sla.pages.durations import parse_duration
from latitude.sla.pages.forms import CalendarForm, ExceptionForm, HoursForm, PreviewForm
from latitude.sla.pages.policies import preview_context
from latitude.sla.pages.policy_forms import DuePreviewForm
from latitude.sla.pages.preview import due_example, holidays_of
from latitude.sla.selectors import compiled_calendar

DETAIL_TEMPLATE = "sla/calendar.html"
PREVIEW_TEMPLATE = "sla/_calendar_preview.html"


def _calendar(calendar_id: int) -> BusinessCalendar:
    found = (
        BusinessCalendar.objects.filter(pk=calendar_id)
        .prefetch_related("working_periods", "exceptions")
        .first()
    )
    if found is None:
        raise Http404
    return found


def _refuse(form: Any, error: DomainError) -> None:
    """The action's refusal next to its field, or above the form."""
    if isinstance(error, NotPermitted):
        raise PermissionDenied(error.message)
    if isinstance(error, NotFound):
        raise Http404
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def _hours_refusal(form: HoursForm, error: DomainError) -> None:
    if isinstance(error, NoWorkingTimeError):
        form.add_error(None, error.message)
    else:
        _refuse(form, error)


@require_http_methods(["GET", "POST"])
@settings_reader_required
def calendar_new(request: HttpRequest) -> HttpResponse:
    if not request.user.is_admin:  # type: ignore[union-attr]
        raise Http404
    form = CalendarForm(
        request.POST or None, initial={"time_zone": timezone.get_default_timezone_name()}
    )
    hours = HoursForm(request.POST or None, initial=_office_week())
    if request.method == "POST" and form.is_valid() and hours.is_valid():
        try:
            calendar = actions.create_calendar(
                actor=request.user,
                hours=hours.hours(),
                **{k: v for k, v in _settings_of(form).items() if k != "is_active"},
            )
        except DomainError as error:
            _creation_refusal(form, hours, error)
        else:
            messages.success(request, _("The calendar was created."))
            return redirect("sla:calendar", calendar.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "sla/calendar_new.html", {"form": form, "hours": hours}, status=status)


def _creation_refusal(form: CalendarForm, hours: HoursForm, error: DomainError) -> None:
    """Refusals about the week name no field: they belong to the hours."""
    if error.field is None:
        _hours_refusal(hours, error)
    else:
        _refuse(form, error)


def _office_week() -> dict[str, str]:
    return {f"day_{day}": "08:00-12:00, 13:00-17:00" for day in range(5)}


@require_GET
@settings_reader_required
def calendar_detail(request: HttpRequest, calendar_id: int) -> HttpResponse:
    calendar = _calendar(calendar_id)
    return render(request, DETAIL_TEMPLATE, _detail_context(request, calendar))


def _detail_context(
    request: HttpRequest, calendar: BusinessCalendar, **bound: Any
) -> dict[str, Any]:
    today = timezone.localdate()
    context: dict[str, Any] = {
        "calendar": calendar,
        "may_edit": bool(getattr(request.user, "is_admin", False)),
        "form": CalendarForm(instance=calendar, prefix="settings"),
        "hours": HoursForm(initial=HoursForm.initial_of(calendar), prefix="hours"),
        "exception_form": ExceptionForm(prefix="exception"),
        "exceptions": list(calendar.exceptions.all()),
        "holidays": holidays_of(calendar, today.year),
        "assignments": list(calendar.assignments.select_related("service", "team", "unit")),
        "assignment_form": AssignmentForm(prefix="assign"),
        "year": today.year,
        **_preview_context(calendar, PreviewForm(initial=PreviewForm.defaults(today))),
        **preview_context(
            request, DuePreviewForm(initial=DuePreviewForm.defaults(today, calendar))
        ),
    }
    context.update(bound)
    return context


def _preview_context(calendar: BusinessCalendar, form: PreviewForm) -> dict[str, Any]:
    data = form.initial if not form.is_bound else None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
    example = None
    if data:
        try:
            minutes = parse_duration(str(data["target"]))
            engine = compiled_calendar(calendar)
        except DomainError as error:
            form.add_error("target" if error.field == "target" else None, error.message)
        else:
            example = due_example(
                calendar, engine, data["opened_day"], data["opened_time"], minutes
            )
    return {"preview_form": form, "example": example}


@require_GET
@settings_reader_required
def calendar_preview(request: HttpRequest, calendar_id: int) -> HttpResponse:
    calendar = _calendar(calendar_id)
    preview = _preview_context(calendar, PreviewForm(request.GET))
    if is_partial(request):
        return render(request, PREVIEW_TEMPLATE, {"calendar": calendar, **preview})
    return render(request, DETAIL_TEMPLATE, _detail_context(request, calendar, **preview))


def _after_write(request: HttpRequest, calendar_id: int, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("sla:calendar", calendar_id)


def refused_page(request: HttpRequest, calendar_id: int, **bound: Any) -> HttpResponse:
    context = _detail_context(request, _calendar(calendar_id), **bound)
    return render(request, DETAIL_TEMPLATE, context, status=422)


@require_POST
@settings_reader_required
def calendar_settings(request: HttpRequest, calendar_id: int) -> HttpResponse:
    calendar = _calendar(calendar_id)
    form = CalendarForm(request.POST, instance=calendar, prefix="settings")
    if form.is_valid():
        try:
            actions.update_calendar(
                actor=request.user, calendar_id=calendar_id, **_settings_of(form)
            )
        except DomainError as error:
            _refuse(form, error)
        else:
            return _after_write(request, calendar_id, _("The calendar was saved."))
    return refused_page(request, calendar_id, form=form)


def _settings_of(form: CalendarForm) -> dict[str, Any]:
    fields = ("name", "time_zone", "holiday_country", "holiday_subdivision", "is_active")
    return {field: form.cleaned_data[field] for field in fields}


@require_POST
@settings_reader_required
def calendar_hours(request: HttpRequest, calendar_id: int) -> HttpResponse:
    hours = HoursForm(request.POST, prefix="hours")
    if hours.is_valid():
        try:
            actions.set_working_hours(
                actor=request.user, calendar_id=calendar_id, hours=hours.hours()
            )
        except DomainError as error:
            _hours_refusal(hours, error)
        else:
            return _after_write(request, calendar_id, _("The working hours were saved."))
    return refused_page(request, calendar_id, hours=hours)


@require_POST
@settings_reader_required
def exception_add(request: HttpRequest, calendar_id: int) -> HttpResponse:
    form = ExceptionForm(request.POST, prefix="exception")
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.add_calendar_exception(
                actor=request.user,
                calendar_id=calendar_id,
                day=data["day"],
                kind=data["kind"],
                start=data["start"],
                end=data["end"],
                note=data["note"],
            )
        except DomainError as error:
            _refuse(form, error)
        else:
            return _after_write(request, calendar_id, _("The exception was added."))
    return refused_page(request, calendar_id, exception_form=form)


@require_POST
@settings_reader_required
def exception_remove(request: HttpRequest, calendar_id: int, exception_id: int) -> HttpResponse:
    calendar = _calendar(calendar_id)
    if not any(row.pk == exception_id for row in calendar.exceptions.all()):
        raise Http404
    try:
        actions.remove_calendar_exception(actor=request.user, exception_id=exception_id)
    except NotPermitted as error:
        raise PermissionDenied(error.message) from None
    except NotFound:
        raise Http404 from None
    return _after_write(request, calendar_id, _("The exception was removed."))
