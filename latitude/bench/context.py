"""What benchmarks work with: signed-in clients, sample tickets and URL resolution."""

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from latitude.bench.org import BENCH_ADMIN_EMAIL, BENCH_AGENT_EMAIL
from latitude.bench.registry import UnavailableError
from latitude.people.models import Team, User
from latitude.tickets.models import Ticket

NOT_YET = "not available yet"
SAMPLE = 200


class BadResponseError(Exception):
    """A benchmarked request did not succeed, so its timing would mean nothing."""


@dataclass
class Context:
    size: int
    agent: User
    admin: User
    busy_team: Team
    team_ticket_ids: list[int]
    team_ticket_numbers: list[str]
    clients: dict[str, Client] = field(default_factory=dict)
    search_word: str = "account"

    def client(self, who: str) -> Client:
        if who not in self.clients:
            client = Client(raise_request_exception=True)
            client.force_login(self.agent if who == "agent" else self.admin)
            self.clients[who] = client
        return self.clients[who]

    def get_ok(self, who: str, url: str) -> Any:
        response = self.client(who).get(url)
        if response.status_code != 200:
            raise BadResponseError(f"GET {url} answered {response.status_code}")
        return response

    @staticmethod
    def path_or_skip(name: str, query: dict[str, Any] | None = None, **kwargs: Any) -> str:
        try:
            path = reverse(name, kwargs=kwargs or None)
        except NoReverseMatch as exc:
            raise UnavailableError(NOT_YET) from exc
        return f"{path}?{urlencode(query)}" if query else path

    @staticmethod
    def api_or_skip(path: str, query: dict[str, Any] | None = None) -> str:
        """An API path by its public shape; skipped while no route answers it."""
        full = f"/api/v1/{path.lstrip('/')}"
        try:
            resolve(full)
        except Resolver404 as exc:
            raise UnavailableError(NOT_YET) from exc
        return f"{full}?{urlencode(query)}" if query else full


def rotate(values: list[Any]) -> Iterator[Any]:
    if not values:
        raise UnavailableError("no tickets to measure")
    return itertools.cycle(values)


def build_context(size: int, seed: int = 1) -> Context:
    agent = User.objects.get(email=BENCH_AGENT_EMAIL)
    admin = User.objects.get(email=BENCH_ADMIN_EMAIL)
    busy_team = Team.objects.filter(memberships__user=agent).order_by("pk").first()
    if busy_team is None:
        raise UnavailableError("the bench agent has no team; run bench-data first")
    ids = list(Ticket.objects.filter(team=busy_team).values_list("pk", flat=True))
    sample = sorted(random.Random(seed).sample(ids, min(SAMPLE, len(ids))))
    numbers = dict(Ticket.objects.filter(pk__in=sample).values_list("pk", "number"))
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    return Context(
        size=size,
        agent=agent,
        admin=admin,
        busy_team=busy_team,
        team_ticket_ids=sample,
        team_ticket_numbers=[numbers[pk] for pk in sample],
    )
