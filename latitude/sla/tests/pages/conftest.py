"""People for the SLA pages' permission matrix, and a Munich calendar to look at."""

from datetime import time
from typing import Any

import pytest
from django.test import Client

from latitude.sla import actions
from latitude.testing.factories import (
    AdminFactory,
    AgentFactory,
    RequesterFactory,
    TeamFactory,
    make_lead,
    member_of,
)

OFFICE_HOURS = {day: [(time(8), time(12)), (time(13), time(17))] for day in range(5)}
ROLES = ("anonymous", "requester", "other_agent", "agent", "lead", "admin")


@pytest.fixture
def people(db) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    team, other_team = TeamFactory(name="Workplace"), TeamFactory(name="Network")
    return {
        "requester": RequesterFactory(email="requester@example.org"),
        "other_agent": member_of(other_team, AgentFactory(email="other@example.org")),
        "agent": member_of(team, AgentFactory(email="agent@example.org")),
        "lead": make_lead(AgentFactory(email="lead@example.org"), team),
        "admin": AdminFactory(email="admin@example.org"),
        "team": team,
    }


@pytest.fixture
def munich(people):  # type: ignore[no-untyped-def]
    return actions.create_calendar(
        actor=people["admin"],
        name="Munich",
        time_zone="Europe/Berlin",
        holiday_country="DE",
        holiday_subdivision="BY",
        hours=OFFICE_HOURS,
    )


@pytest.fixture
def client_as(people):  # type: ignore[no-untyped-def]
    def make(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(people[role])
        return client

    return make
