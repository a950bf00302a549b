"""A desk with Munich and New York calendars and incident policies, for tests through actions."""

from dataclasses import dataclass
from datetime import time
from typing import Any

from latitude.people.models import OrgUnit, Team, User
from latitude.sla.models import BusinessCalendar, CalendarAssignment, SlaPolicy, WorkingPeriod
from latitude.testing.factories import AgentFactory, RequesterFactory, TeamFactory, make_lead
from latitude.testing.factories import member_of as member


def calendar(name: str, zone: str, country: str, sub: str, *periods: tuple[int, int]) -> Any:
    found = BusinessCalendar.objects.create(
        name=name, time_zone=zone, holiday_country=country, holiday_subdivision=sub
    )
    for weekday in range(5):
        for start, end in periods:
            WorkingPeriod.objects.create(
                calendar=found, weekday=weekday, start=time(start), end=time(end)
            )
    found.refresh_from_db()
    return found


@dataclass
class Desk:
    team: Team
    other_team: Team
    agent: User
    lead: User
    requester: User
    munich: BusinessCalendar
    new_york: BusinessCalendar
    p2: SlaPolicy
    rest: SlaPolicy


def make_desk() -> Desk:
    team, other = TeamFactory(), TeamFactory()
    agent = member(team, AgentFactory())
    member(other, AgentFactory())
    lead = make_lead(AgentFactory(), team)
    munich = calendar("Munich", "Europe/Berlin", "DE", "BY", (8, 12), (13, 17))
    new_york = calendar("New York", "America/New_York", "US", "NY", (9, 17))
    CalendarAssignment.objects.create(calendar=munich, team=team)
    CalendarAssignment.objects.create(calendar=new_york, team=other)
    p2 = SlaPolicy.objects.create(
        name="P1 and P2 incidents",
        position=10,
        kind="incident",
        priorities=[1, 2],
        response_minutes=30,
        resolution_minutes=240,
        ola_minutes=30,
    )
    rest = SlaPolicy.objects.create(
        name="Everything else",
        position=20,
        response_minutes=120,
        resolution_minutes=960,
        ola_minutes=60,
        on_reopen="reset",
    )
    requester = RequesterFactory(unit=OrgUnit.objects.create(name="Sales"))
    return Desk(team, other, agent, lead, requester, munich, new_york, p2, rest)
