"""A desk to try the scope pages on: a team with its lead and an agent, an agent of another
team, an administrator and a requester, under the standard grants a new desk starts with."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from latitude.people.models import Team, User
from latitude.testing.factories import (
    AdminFactory,
    AgentFactory,
    RequesterFactory,
    ServiceFactory,
    TeamFactory,
    TicketFactory,
    make_lead,
    member_of,
)
from latitude.tickets.choices import Status
from latitude.tickets.models import Ticket

HTMX = {"HTTP_HX_REQUEST": "true"}
ROLES = ("anonymous", "requester", "other_agent", "agent", "lead", "admin")


@dataclass
class Desk:
    team: Team
    other_team: Team
    agent: User
    lead: User
    other_agent: User
    admin: User
    requester: User

    def person(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)

    def client(self, role: str) -> Client:
        client = Client()
        person = self.person(role)
        if person is not None:
            client.force_login(person)
        return client

    def ticket(self, **fields: Any) -> Ticket:
        fields.setdefault("status", Status.IN_PROGRESS)
        fields.setdefault("priority", 3)
        fields.setdefault("owner", self.agent)
        return TicketFactory(team=self.team, requester=self.requester, **fields)


@pytest.fixture
def desk(db) -> Desk:
    team = TeamFactory(name="Service Desk", slug="service-desk")
    other_team = TeamFactory(name="Network", slug="network")
    ServiceFactory(name="Laptops", slug="laptops", owner_team=team)
    return Desk(
        team=team,
        other_team=other_team,
        agent=member_of(team, AgentFactory(full_name="Ada Agent", email="ada@example.org")),
        lead=make_lead(AgentFactory(full_name="Lea Lead", email="lea@example.org"), team),
        other_agent=member_of(
            other_team, AgentFactory(full_name="Otto Other", email="otto@example.org")
        ),
        admin=AdminFactory(full_name="Ann Admin", email="ann@example.org"),
        requester=RequesterFactory(full_name="Rita Requester", email="rita@example.org"),
    )
