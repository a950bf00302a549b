"""Every write to business calendars: administrators only, validated as a whole, audited.

The week is validated by the pure engine before anything is written, and the stored calendar is
compiled again inside the transaction, so a calendar that cannot compute is never committed.
"""

from collections.abc import Mapping, Sequence
from datetime import date, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from latitude.core import audit
from latitude.core.errors import InvalidInput, NotFound, NotPermitted
from latitude.sla.choices import ExceptionKind
from latitude.sla.compiled import calendar_from_rows
from latitude.sla.hours import WorkingInterval, describe, weekly_hours
from latitude.sla.models import BusinessCalendar, CalendarException, WorkingPeriod

Hours = Mapping[int, Sequence[tuple[time, time]]]
EDITABLE_FIELDS = ("name", "time_zone", "holiday_country", "holiday_subdivision", "is_active")


@transaction.atomic
def create_calendar(
    *,
    actor: Any,
    name: str,
    time_zone: str,
    hours: Hours,
    holiday_country: str = "",
    holiday_subdivision: str = "",
) -> BusinessCalendar:
    """A new calendar with its weekly hours; a week without working time is refused."""
    _require_admin(actor)
    week = _week_of(hours)
    calendar = BusinessCalendar(
        name=name.strip(),
        time_zone=time_zone,
        holiday_country=holiday_country,
        holiday_subdivision=holiday_subdivision,
    )
    _save(calendar, validate_unique=True)
    _write_periods(calendar, week)
    _check_compiles(calendar)
    audit.record(
        actor=actor, verb="sla.calendar_created", subject=calendar, changes=_snapshot(calendar)
    )
    return calendar


@transaction.atomic
def update_calendar(*, actor: Any, calendar_id: int, **fields: Any) -> BusinessCalendar:
    """Change name, zone, holiday region or activity; other fields are refused."""
    _require_admin(actor)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(_("These calendar fields cannot be changed here."), field=min(unknown))
    calendar = _locked(calendar_id)
    before = _snapshot(calendar)
    for field, value in fields.items():
        setattr(calendar, field, value)
    _save(calendar, validate_unique=True)
    _check_compiles(calendar)
    changes = audit.diff(before, _snapshot(calendar))
    if changes:
        audit.record(actor=actor, verb="sla.calendar_changed", subject=calendar, changes=changes)
    return calendar


@transaction.atomic
def set_working_hours(*, actor: Any, calendar_id: int, hours: Hours) -> BusinessCalendar:
    """Replace the weekly hours as a whole, so that edits never pass through an overlap."""
    _require_admin(actor)
    week = _week_of(hours)
    calendar = _locked(calendar_id)
    before = _hours_text(calendar)
    calendar.working_periods.all().delete()
    _write_periods(calendar, week)
    calendar.refresh_from_db(fields=["revision"])
    _check_compiles(calendar)
    after = _hours_text(calendar)
    if before != after:
        audit.record(
            actor=actor,
            verb="sla.working_hours_changed",
            subject=calendar,
            changes={"hours": [before, after]},
        )
    return calendar


@transaction.atomic
def add_calendar_exception(
    *,
    actor: Any,
    calendar_id: int,
    day: date,
    kind: str,
    start: time | None = None,
    end: time | None = None,
    note: str = "",
) -> CalendarException:
    """A closure or an extra working day, for the whole day or from start to end."""
    _require_admin(actor)
    if kind not in ExceptionKind.values:
        raise InvalidInput(_("Unknown kind of calendar exception."), field="kind")
    calendar = _locked(calendar_id)
    exception = CalendarException(
        calendar=calendar, date=day, kind=kind, start=start, end=end, note=note.strip()
    )
    _save(exception)
    calendar.refresh_from_db(fields=["revision"])
    _check_compiles(calendar)
    audit.record(
        actor=actor,
        verb="sla.calendar_exception_added",
        subject=calendar,
        changes={"exception": [None, _exception_text(exception)]},
    )
    return exception


@transaction.atomic
def remove_calendar_exception(*, actor: Any, exception_id: int) -> None:
    _require_admin(actor)
    exception = CalendarException.objects.select_related("calendar").filter(pk=exception_id)
    found = exception.select_for_update().first()
    if found is None:
        raise NotFound(_("No such calendar exception."))
    text = _exception_text(found)
    found.delete()
    audit.record(
        actor=actor,
        verb="sla.calendar_exception_removed",
        subject=found.calendar,
        changes={"exception": [text, None]},
    )


def _require_admin(actor: Any) -> None:
    if not getattr(actor, "is_admin", False):
        raise NotPermitted(_("Only administrators change business calendars."))


def _locked(calendar_id: int) -> BusinessCalendar:
    calendar = BusinessCalendar.objects.select_for_update().filter(pk=calendar_id).first()
    if calendar is None:
        raise NotFound(_("No such business calendar."))
    return calendar


def _week_of(hours: Hours) -> tuple[tuple[WorkingInterval, ...], ...]:
    """The validated week; refusals are the engine's clear CalendarErrors."""
    intervals = {
        weekday: [WorkingInterval.from_times(start, end) for start, end in periods]
        for weekday, periods in hours.items()
    }
    return weekly_hours(intervals)


def _write_periods(
    calendar: BusinessCalendar, week: tuple[tuple[WorkingInterval, ...], ...]
) -> None:
    for weekday, intervals in enumerate(week):
        for interval in intervals:
            start, end = _time_of(interval.start), _time_of(interval.end % (24 * 60))
            _save(WorkingPeriod(calendar=calendar, weekday=weekday, start=start, end=end))


def _time_of(minute: int) -> time:
    return time(*divmod(minute, 60))


def _save(row: BusinessCalendar | WorkingPeriod | CalendarException, **options: bool) -> None:
    """Save a row, turning a ValidationError into the domain's InvalidInput."""
    try:
        if options.get("validate_unique"):
            row.validate_unique()
        row.save()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise InvalidInput(messages[0], field=None if field == "__all__" else field) from None


def _check_compiles(calendar: BusinessCalendar) -> None:
    calendar_from_rows(calendar, calendar.working_periods.all(), calendar.exceptions.all())


def _snapshot(calendar: BusinessCalendar) -> dict[str, Any]:
    return {field: getattr(calendar, field) for field in EDITABLE_FIELDS}


def _hours_text(calendar: BusinessCalendar) -> list[str]:
    return [f"{p.weekday} {describe(p.interval)}" for p in calendar.working_periods.all()]


def _exception_text(exception: CalendarException) -> str:
    interval = exception.interval
    when = describe(interval) if interval else "whole day"
    return f"{exception.date.isoformat()} {exception.kind} {when}"
