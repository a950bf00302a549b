"""Calendars used by several test modules."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from latitude.sla.calendars import Calendar
from latitude.sla.hours import WorkingInterval

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
OFFICE_DAY = (
    WorkingInterval.from_times(time(8), time(12)),
    WorkingInterval.from_times(time(13), time(17)),
)
WEEKDAYS = range(5)


def office_week() -> dict[int, tuple[WorkingInterval, ...]]:
    return dict.fromkeys(WEEKDAYS, OFFICE_DAY)


def munich(**extra: object) -> Calendar:
    """08-12 and 13-17 on weekdays in Berlin time, with Bavarian public holidays."""
    return Calendar(
        weekly=office_week(),
        time_zone="Europe/Berlin",
        holiday_country="DE",
        holiday_subdivision="BY",
        **extra,  # type: ignore[arg-type]
    )


def berlin(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=BERLIN)  # type: ignore[misc]


def new_york(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=NEW_YORK)  # type: ignore[misc]
