"""Walk every URL pattern as every role and check status codes and that nothing leaks.

Roles: anonymous, requester (of the ticket), agent of another team, agent (of the ticket's team),
administrator. A second requester's ticket carries a canary string that must never appear in a
body for anyone who may not see it, and an internal note carries one that requesters never see.
"""

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from latitude.people.actions import create_api_token
from latitude.testing.factories import (
    AdminFactory,
    AgentFactory,
    RequesterFactory,
    ServiceFactory,
    TeamFactory,
    member_of,
)
from latitude.tickets import actions

ROLES = ("anonymous", "requester", "other_agent", "agent", "admin")
STRANGER_CANARY = "CANARY-STRANGER-7f3a"
INTERNAL_CANARY = "CANARY-INTERNAL-91bd"
PUBLIC = {
    "login",
    "healthz",
    "set_language",
    "api:openapi-json",
    "api:openapi-view",
    "portal:language",
}
SKIP_PREFIXES = ("admin/", "static/", "__debug__")
PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>|\(\?P<(?P<group>\w+)>[^)]*\)")


@dataclass
class World:
    people: dict[str, Any]
    ticket: Any
    stranger_ticket: Any
    attachment: Any
    token_id: int


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    team, other_team = TeamFactory(name="Workplace"), TeamFactory(name="Network")
    agent = member_of(team, AgentFactory(email="agent@example.org"))
    other_agent = member_of(other_team, AgentFactory(email="other@example.org"))
    admin = AdminFactory(email="admin@example.org")
    requester = RequesterFactory(email="requester@example.org")
    stranger = RequesterFactory(email="stranger@example.org")
    service = ServiceFactory(owner_team=team)
    ticket = actions.open_ticket(
        actor=requester, kind="incident", subject="Laptop fan loud", service=service
    )
    actions.add_comment(actor=agent, ticket_id=ticket.pk, body=INTERNAL_CANARY, internal=True)
    actions.add_comment(actor=agent, ticket_id=ticket.pk, body="Public answer")
    upload = SimpleUploadedFile("log.txt", b"fan log", content_type="text/plain")
    attachment = actions.add_attachment(actor=requester, ticket_id=ticket.pk, upload=upload)
    stranger_ticket = actions.open_ticket(
        actor=stranger,
        kind="incident",
        subject=STRANGER_CANARY,
        service=service,
        description=STRANGER_CANARY,
    )
    token = create_api_token(actor=agent, user=agent, name="matrix").token
    people = {"requester": requester, "other_agent": other_agent, "agent": agent, "admin": admin}
    return World(people, ticket, stranger_ticket, attachment, token.pk)


def _patterns(
    resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""
) -> list[tuple[str, str]]:
    resolver = resolver or get_resolver()
    found: list[tuple[str, str]] = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += _patterns(entry, route, inner)
        elif isinstance(entry, URLPattern):
            found.append((route, f"{namespace}{entry.name or ''}"))
    return [(route.lstrip("^").rstrip("$"), name) for route, name in found]


def _fill(route: str, world: World) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group("name") or match.group("group")
        conv = match.group("conv") or "str"
        if "attachment" in name:
            return str(world.attachment.pk)
        if "token" in name:
            return str(world.token_id)
        if conv == "int" or name.endswith("id") or name == "pk":
            return str(world.ticket.pk)
        return world.ticket.number

    return "/" + PARAM.sub(value, route).replace("^", "").replace("$", "").replace("\\", "")


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


def _client(role: str, world: World) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.people[role])
    return client


def _all_urls(world: World) -> list[tuple[str, str]]:
    urls = []
    for route, name in _patterns():
        if route.startswith(SKIP_PREFIXES) or "(?P<format>" in route:
            continue
        urls.append((_fill(route, world), name))
    return urls


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in_everywhere_but_the_public_pages(world: World) -> None:
    client = Client()
    for url, name in _all_urls(world):
        response = client.get(url)
        assert response.status_code != 500, url
        if name in PUBLIC:
            continue
        expected = (401,) if url.startswith("/api/") else (302, 401)
        assert response.status_code in (*expected, 404, 405), (url, response.status_code)
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"], url
        assert STRANGER_CANARY.encode() not in _body(response), url


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES[1:])
def test_no_page_errors_or_leaks_for_any_role(world: World, role: str) -> None:
    client = _client(role, world)
    may_see_stranger = role in ("agent", "admin")
    for url, _name in _all_urls(world):
        response = client.get(url)
        assert response.status_code < 500, (role, url, response.status_code)
        if not may_see_stranger:
            assert STRANGER_CANARY.encode() not in _body(response), (role, url)
        if role == "requester":
            assert INTERNAL_CANARY.encode() not in _body(response), (role, url)


def _is_ticket_param(name: str) -> bool:
    return "ticket" in name or name in ("reference", "number")


def _ticket_urls(world: World) -> list[tuple[str, str]]:
    """URLs whose path names the ticket itself (not people, teams or catalogue entries)."""
    urls = []
    for route, name in _patterns():
        names = [m.group("name") or m.group("group") for m in PARAM.finditer(route)]
        if route.startswith(SKIP_PREFIXES) or not any(_is_ticket_param(n) for n in names):
            continue
        urls.append((_fill(route, world), name))
    return urls


@pytest.mark.django_db
def test_agent_of_another_team_gets_not_found_on_every_ticket_url(world: World) -> None:
    client = _client("other_agent", world)
    urls = _ticket_urls(world)
    assert urls, "no ticket URLs were found to check"
    for url, _name in urls:
        assert client.get(url).status_code in (404, 405), url


@pytest.mark.django_db
def test_requester_sees_own_ticket_only_in_the_portal_api_and_downloads(world: World) -> None:
    client = _client("requester", world)
    for url, name in _ticket_urls(world):
        status = client.get(url).status_code
        if name.startswith("tickets:") and "attachment" not in name:
            assert status in (404, 405), (url, status)
        else:
            assert status in (200, 405), (url, status)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["agent", "admin"])
def test_agents_of_the_team_and_admins_reach_every_workspace_ticket_url(
    world: World, role: str
) -> None:
    client = _client(role, world)
    for url, name in _ticket_urls(world):
        if name.startswith(("tickets:", "api:")):
            assert client.get(url).status_code in (200, 405), (role, url)
