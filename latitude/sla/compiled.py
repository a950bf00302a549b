"""Business calendars compiled into the pure `Calendar` engine, and plain calendar reads.

Calendars are configuration, not confidential: every agent may read them (previews, badges).
A compiled calendar is cached per process under the calendar's revision; any change to the
calendar or its rows gives it a new revision, so the next read compiles afresh.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from uuid import UUID

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from latitude.core.errors import NotFound
from latitude.sla.calendars import Calendar
from latitude.sla.choices import ExceptionKind
from latitude.sla.hours import WorkingInterval
from latitude.sla.localtime import from_us, wall_to_us, zone
from latitude.sla.models import BusinessCalendar, CalendarException, WorkingPeriod

_compiled: dict[int, tuple[UUID, Calendar]] = {}


def list_calendars(*, include_inactive: bool = False) -> QuerySet[BusinessCalendar]:
    calendars = BusinessCalendar.objects.all()
    return calendars if include_inactive else calendars.filter(is_active=True)


def get_calendar(calendar_id: int) -> BusinessCalendar:
    calendar = BusinessCalendar.objects.filter(pk=calendar_id).first()
    if calendar is None:
        raise NotFound(_("No such business calendar."))
    return calendar


def compiled_calendar(calendar: BusinessCalendar) -> Calendar:
    """The engine for `calendar`: cached, or built with two queries (none if prefetched)."""
    cached = _compiled.get(calendar.pk)
    if cached is not None and cached[0] == calendar.revision:
        return cached[1]
    engine = calendar_from_rows(calendar, calendar.working_periods.all(), calendar.exceptions.all())
    _compiled[calendar.pk] = (calendar.revision, engine)
    return engine


def compiled_calendar_by_id(calendar_id: int) -> Calendar:
    """The engine for a calendar id, reading its current revision (one query when cached)."""
    return compiled_calendar(get_calendar(calendar_id))


def calendar_from_rows(
    calendar: BusinessCalendar,
    periods: Iterable[WorkingPeriod],
    exceptions: Iterable[CalendarException],
) -> Calendar:
    """Build the engine from rows without touching the database; refuses an invalid week."""
    weekly: dict[int, list[WorkingInterval]] = defaultdict(list)
    for period in periods:
        weekly[period.weekday].append(period.interval)
    closed_dates: list[date] = []
    closed_ranges: list[tuple[datetime, datetime]] = []
    extra_days: list[date] = []
    extra_hours: dict[date, list[WorkingInterval]] = defaultdict(list)
    for exception in exceptions:
        closure = exception.kind == ExceptionKind.CLOSURE
        interval = exception.interval
        if interval is None:
            (closed_dates if closure else extra_days).append(exception.date)
        elif closure:
            closed_ranges.extend(_local_range(calendar.time_zone, exception.date, interval))
        else:
            extra_hours[exception.date].append(interval)
    return Calendar(
        weekly=weekly,
        time_zone=calendar.time_zone,
        holiday_country=calendar.holiday_country,
        holiday_subdivision=calendar.holiday_subdivision,
        closed_dates=closed_dates,
        closed_ranges=closed_ranges,
        extra_working_days=extra_days,
        extra_working_hours=extra_hours,
    )


def _local_range(
    time_zone: str, day: date, interval: WorkingInterval
) -> list[tuple[datetime, datetime]]:
    """The real time a closure covers; nothing if its wall-clock times were skipped by DST."""
    tz = zone(time_zone)
    start, end = wall_to_us(tz, day, interval.start), wall_to_us(tz, day, interval.end)
    return [(from_us(start), from_us(end))] if end > start else []
