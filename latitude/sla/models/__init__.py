"""The SLA app's tables: calendars and their rows, assignments, policies and stored clocks."""

from latitude.sla.models.assignments import CalendarAssignment
from latitude.sla.models.calendar_rows import (
    BusinessCalendar,
    CalendarException,
    CalendarRow,
    WorkingPeriod,
    default_time_zone,
)
from latitude.sla.models.clocks import SlaClock
from latitude.sla.models.policies import SlaPolicy, default_pause_statuses

__all__ = [
    "BusinessCalendar",
    "CalendarAssignment",
    "CalendarException",
    "CalendarRow",
    "SlaClock",
    "SlaPolicy",
    "WorkingPeriod",
    "default_pause_statuses",
    "default_time_zone",
]
