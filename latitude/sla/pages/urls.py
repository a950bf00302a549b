"""The SLA pages, mounted under /desk/sla/."""

from django.urls import path

from latitude.sla.pages import (
    assignments,
    breaching,
    calendars,
    overview,
    policies,
    reports,
    ticket_clock,
)

app_name = "sla"

calendar = "calendars/<int:calendar_id>/"

urlpatterns = [
    path("", overview.settings_home, name="settings"),
    path("breaching", breaching.breaching, name="breaching"),
    path("reports", reports.reports, name="reports"),
    path("tickets/<str:reference>/clock", ticket_clock.clock_change, name="clock_change"),
    path("preview", policies.due_preview, name="due_preview"),
    path("policies/new", policies.policy_new, name="policy_new"),
    path("policies/<int:policy_id>/", policies.policy_detail, name="policy"),
    path("calendars/new", calendars.calendar_new, name="calendar_new"),
    path(calendar, calendars.calendar_detail, name="calendar"),
    path(calendar + "settings", calendars.calendar_settings, name="calendar_settings"),
    path(calendar + "hours", calendars.calendar_hours, name="calendar_hours"),
    path(calendar + "preview", calendars.calendar_preview, name="calendar_preview"),
    path(calendar + "exceptions", calendars.exception_add, name="exception_add"),
    path(calendar + "assignments", assignments.assign, name="assign"),
    path(
        calendar + "assignments/<int:assignment_id>/remove",
        assignments.unassign,
        name="unassign",
    ),
    path(calendar + "default", assignments.make_default, name="make_default"),
    path(
        calendar + "exceptions/<int:exception_id>/remove",
        calendars.exception_remove,
        name="exception_remove",
    ),
]
