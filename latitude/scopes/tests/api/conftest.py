"""Fixtures for the scopes API tests: the API desk with a team lead and an administrator, on
the standard grants (agents below P1, leads everything on tickets, administrators all)."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from latitude.api.testing import Desk, build_desk, client_for
from latitude.people.models import User
from latitude.testing.factories import AdminFactory, AgentFactory, make_lead
from latitude.tickets.choices import Status
from latitude.tickets.models import Ticket


@dataclass
class ScopeDesk:
    desk: Desk
    lead: User
    admin: User

    def __getattr__(self, name: str) -> Any:
        return getattr(self.desk, name)

    def ticket(self, *, priority: int = 3, owner: User | None = None, **fields: Any) -> Ticket:
        """A ticket of the team in progress, owned by the agent unless told otherwise."""
        ticket = self.desk.ticket(**fields)
        Ticket.objects.filter(pk=ticket.pk).update(
            priority=priority, status=Status.IN_PROGRESS, owner=owner or self.desk.agent
        )
        ticket.refresh_from_db()
        return ticket

    def people(self) -> dict[str, User]:
        return {
            "requester": self.desk.requester,
            "outsider": self.desk.outsider,
            "agent": self.desk.agent,
            "lead": self.lead,
            "admin": self.admin,
        }


@pytest.fixture
def sd() -> ScopeDesk:
    desk = build_desk()
    lead = make_lead(AgentFactory(full_name="Lee Lead"), desk.team)
    admin = AdminFactory(full_name="Ada Admin")
    return ScopeDesk(desk=desk, lead=lead, admin=admin)


@pytest.fixture
def as_() -> Any:
    """`as_(person)`: a client that calls with a fresh token of that person."""

    def client(person: User) -> Client:
        return client_for(person)

    return client
