"""Test helpers for API tests: clients that call as a given person."""

import json
from dataclasses import dataclass
from typing import Any, TypeVar

from django.test import Client

from latitude.catalog.models import Category, Service
from latitude.people.actions import create_api_token
from latitude.people.models import Team, User
from latitude.testing.factories import (
    AgentFactory,
    CategoryFactory,
    RequesterFactory,
    ServiceFactory,
    TeamFactory,
    member_of,
)
from latitude.tickets import actions
from latitude.tickets.models import Ticket

T = TypeVar("T")


def token_for(user: User) -> str:
    return create_api_token(actor=user, user=user, name="tests").secret


def client_for(user: User) -> Client:
    """A client that authenticates every request with a fresh personal token of `user`."""
    return Client(headers={"Authorization": f"Bearer {token_for(user)}"})


def send(client: Client, method: str, url: str, payload: Any = None, **headers: str) -> Any:
    """Call with a JSON body; returns the response."""
    body = "" if payload is None else json.dumps(payload)
    call = getattr(client, method.lower())
    return call(url, body, content_type="application/json", headers=headers)


@dataclass
class Desk:
    """A small service desk: one team with two agents, an outside agent, two requesters."""

    team: Team
    agent: User
    colleague: User
    outsider: User
    requester: User
    stranger: User
    service: Service
    category: Category

    def ticket(self, **fields: Any) -> Ticket:
        """A ticket opened by the requester through the action, routed to the team."""
        fields.setdefault("kind", "incident")
        fields.setdefault("subject", "The printer on floor 2 jams")
        fields.setdefault("service", self.service)
        actor = fields.pop("actor", self.requester)
        return actions.open_ticket(actor=actor, **fields)


def _made(kind: type[T], instance: object) -> T:
    """A factory's product with its model type (factory_boy's types name the factory)."""
    if not isinstance(instance, kind):
        raise TypeError(f"expected a {kind.__name__}")
    return instance


def build_desk() -> Desk:
    team = _made(Team, TeamFactory(name="Service Desk", slug="service-desk"))
    other_team = _made(Team, TeamFactory(name="Network", slug="network"))

    def agent(name: str, of: Team) -> User:
        return member_of(of, _made(User, AgentFactory(full_name=name)))

    return Desk(
        team=team,
        agent=agent("Alice Agent", team),
        colleague=agent("Bob Colleague", team),
        outsider=agent("Olga Outsider", other_team),
        requester=_made(User, RequesterFactory(full_name="Rita Requester")),
        stranger=_made(User, RequesterFactory(full_name="Sam Stranger")),
        service=_made(Service, ServiceFactory(name="Printing", slug="printing", owner_team=team)),
        category=_made(Category, CategoryFactory(name="Hardware")),
    )
