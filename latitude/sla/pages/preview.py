"""The calendar preview: when a ticket opened at a local time with a business target is due,
and the public holidays the calendar observes, as the administration pages show them."""

from dataclasses import dataclass
from datetime import date, datetime, time

import holidays
from django.utils import timezone
from django.utils.translation import get_language

from latitude.core.errors import DomainError
from latitude.sla.calendars import Calendar
from latitude.sla.localtime import zone
from latitude.sla.models import BusinessCalendar


@dataclass(frozen=True)
class Example:
    opened: datetime  # aware, in the calendar's zone
    minutes: int
    due: datetime | None  # aware, in the calendar's zone
    first_working: datetime | None
    error: str = ""


def due_example(
    calendar: BusinessCalendar, engine: Calendar, day: date, at: time, minutes: int
) -> Example:
    """The due time of the example in the calendar's zone; refusals become a message."""
    tz = zone(calendar.time_zone)
    opened = datetime.combine(day, at, tzinfo=tz)
    try:
        due = engine.add_business_minutes(opened, minutes).astimezone(tz)
        first = engine.next_working_instant(opened).astimezone(tz)
    except DomainError as error:
        return Example(opened, minutes, None, None, error.message)
    return Example(opened, minutes, due, None if first == opened else first)


def holidays_of(calendar: BusinessCalendar, year: int | None = None) -> list[tuple[date, str]]:
    """The public holidays of the calendar's region in `year` (this year by default), named in
    the reader's language where the holidays package has it."""
    if not calendar.holiday_country:
        return []
    year = year or timezone.localdate().year
    country, subdivision = calendar.holiday_country, calendar.holiday_subdivision or None
    found = holidays.country_holidays(country, subdiv=subdivision, years=year)
    language = _language_for(getattr(found, "supported_languages", ()) or ())
    if language:
        found = holidays.country_holidays(
            country, subdiv=subdivision, years=year, language=language
        )
    return sorted(found.items())


def _language_for(supported: tuple[str, ...]) -> str | None:
    wanted = (get_language() or "en").split("-")[0].lower()
    return next((code for code in supported if code.lower().split("_")[0] == wanted), None)
