"""Refusals of the business-calendar engine, mapped by interfaces like any domain error."""

from latitude.core.errors import InvalidInput


class CalendarError(InvalidInput):
    """A calendar definition or a calendar computation that cannot be accepted."""

    code = "invalid_calendar"


class NoWorkingTimeError(CalendarError):
    """The weekly hours contain no working time, so no due time could ever be reached."""

    code = "calendar_without_working_time"


class InvalidWorkingHoursError(CalendarError):
    """Working intervals that are empty, reversed, out of the day or overlapping."""

    code = "invalid_working_hours"


class OutOfRangeError(CalendarError):
    """An instant or a result outside what the engine computes (see calendars.HORIZON_YEARS)."""

    code = "calendar_out_of_range"
