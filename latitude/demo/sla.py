"""The demo's business calendars and SLA policies, set up before any ticket is opened.

Requesters' sites bring their calendars (Munich with a lunch break and Bavarian holidays,
Leipzig with Saxon ones, Vienna with Austrian ones); Security works around the clock and
Business Applications by its New York support office's hours, which wins over the site.
"""

from datetime import datetime, time

from latitude.demo import catalogue
from latitude.demo.organisation import Organisation
from latitude.people.models import User
from latitude.sla import actions
from latitude.sla.models import BusinessCalendar, SlaClock

WEEKDAYS = range(5)
DAY = (time(8), time(17))
LUNCH = ((time(8), time(12)), (time(13), time(17)))
CALENDARS = (
    # name, zone, country, subdivision, hours of a weekday, days, assigned to (unit or team slug)
    ("Munich (DE-BY)", "Europe/Berlin", "DE", "BY", LUNCH, WEEKDAYS, catalogue.MUC),
    ("Leipzig (DE-SN)", "Europe/Berlin", "DE", "SN", (DAY,), WEEKDAYS, catalogue.LEJ),
    ("Vienna (AT)", "Europe/Vienna", "AT", "", (DAY,), WEEKDAYS, catalogue.VIE),
    ("New York (US-NY)", "America/New_York", "US", "NY", ((time(9), time(17)),), WEEKDAYS,
     "business-apps"),
    ("Around the clock", "Europe/Berlin", "", "", ((time(0), time(0)),), range(7), "security"),
)  # fmt: skip
POLICIES = (
    {"name": "Major incidents (P1)", "kind": "incident", "priorities": [1],
     "response_minutes": 15, "resolution_minutes": 240, "ola_minutes": 15},
    {"name": "High-priority incidents (P2)", "kind": "incident", "priorities": [2],
     "response_minutes": 30, "resolution_minutes": 480, "ola_minutes": 30},
    {"name": "Incidents", "kind": "incident", "response_minutes": 120,
     "resolution_minutes": 1440, "ola_minutes": 60},
    {"name": "Service requests", "kind": "request", "response_minutes": 240,
     "resolution_minutes": 2400, "ola_minutes": 120, "on_reopen": "reset"},
)  # fmt: skip


def install(org: Organisation) -> list[BusinessCalendar]:
    admin: User = org.admin  # type: ignore[assignment]
    made = []
    for name, zone, country, sub, day, days, target in CALENDARS:
        hours = dict.fromkeys(days, day)
        calendar = actions.create_calendar(
            actor=admin, name=name, time_zone=zone, hours=hours,
            holiday_country=country, holiday_subdivision=sub,
        )  # fmt: skip
        if target in org.units:
            actions.assign_calendar(
                actor=admin, calendar_id=calendar.pk, unit_id=org.units[target].pk
            )
        else:
            actions.assign_calendar(
                actor=admin, calendar_id=calendar.pk, team_id=org.teams[target].pk
            )
        made.append(calendar)
    actions.set_default_calendar(actor=admin, calendar_id=made[0].pk)
    for position, policy in enumerate(POLICIES, start=1):
        actions.create_policy(actor=admin, position=position * 10, **policy)
    return made


def mark_history_announced(now: datetime) -> None:
    """The demo's past breaches and warnings are history: the worker's first sweep should not
    flood the owners and leads with two months of them (like the demo's e-mails, cancelled)."""
    SlaClock.objects.filter(breached_at__lte=now, breach_recorded_at__isnull=True).update(
        breach_recorded_at=now
    )
    SlaClock.objects.filter(warn_at__lte=now, warning_sent_at__isnull=True).update(
        warning_sent_at=now
    )
