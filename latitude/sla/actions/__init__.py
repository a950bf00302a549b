"""Every write of the SLA domain (calendars, assignments, policies, waivers and extensions)."""

from latitude.sla.actions.calendars import (
    add_calendar_exception,
    create_calendar,
    remove_calendar_exception,
    set_working_hours,
    update_calendar,
)
from latitude.sla.actions.policies import (
    assign_calendar,
    create_policy,
    set_default_calendar,
    unassign_calendar,
    update_policy,
)
from latitude.sla.actions.waivers import extend_sla, waive_sla

__all__ = [
    "add_calendar_exception",
    "assign_calendar",
    "create_calendar",
    "create_policy",
    "extend_sla",
    "remove_calendar_exception",
    "set_default_calendar",
    "set_working_hours",
    "unassign_calendar",
    "update_calendar",
    "update_policy",
    "waive_sla",
]
