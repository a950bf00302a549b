"""Every write of the SLA domain (calendars, assignments, policies, waivers and extensions)."""

from latitude.sla.actions.calendars import (
    add_calendar_exception,
    create_calendar,
    remove_calendar_exception,
    set_working_hours,
    update_calendar,
)
from latitude.sla.actions.waivers import extend_sla, waive_sla

__all__ = [
    "add_calendar_exception",
    "create_calendar",
    "extend_sla",
    "remove_calendar_exception",
    "set_working_hours",
    "update_calendar",
    "waive_sla",
]
