"""The guarded-decision matrix through the ticket page: for resolve, close, reopen, raising
to P1, hand-off and merge, with no grant, in scope, out of scope, an expired delegation and a
deactivated person — the hint before the click, and what the click does."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from latitude.scopes.actions import delegate_grant
from latitude.scopes.models import DecisionRequest
from latitude.scopes.tests.helpers import person_grant
from latitude.testing.factories import (
    AgentFactory,
    TeamFactory,
    TicketFactory,
    make_lead,
    member_of,
)
from latitude.tickets.choices import CloseReason, Status
from latitude.tickets.models import Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_standard_grants")]

HTMX = {"HTTP_HX_REQUEST": "true"}
ONLY_P4 = {"fact": "priority", "op": "eq", "value": 4}


@dataclass(frozen=True)
class Case:
    decision: str
    hint: str  # the id of the hint on the ticket page
    resolved: bool  # whether the ticket starts resolved
    post: Callable[[Client, Ticket], Any]
    done: Callable[[Ticket], bool]
    outside: dict[str, Any] | None = None


def _url(ticket: Ticket, name: str) -> str:
    return reverse(f"tickets:{name}", kwargs={"reference": ticket.number})


def _status(target: str) -> Callable[[Client, Ticket], Any]:
    def post(client: Client, ticket: Ticket, **headers: Any) -> Any:
        data = {"status": target, "resolution": "Fixed.", "version": ticket.version}
        return client.post(_url(ticket, "status"), data, **headers)

    return post


def _priority(client: Client, ticket: Ticket, **headers: Any) -> Any:
    data = {"impact": 3, "urgency": 3, "priority": 1, "version": ticket.version}
    return client.post(_url(ticket, "priority"), data, **headers)


def _transfer(client: Client, ticket: Ticket, **headers: Any) -> Any:
    team = TeamFactory(name="Field Service")
    data = {"team": team.pk, "reason": "Needs a visit.", "version": ticket.version}
    return client.post(_url(ticket, "transfer"), data, **headers)


def _merge(client: Client, ticket: Ticket, **headers: Any) -> Any:
    survivor = TicketFactory(team=ticket.team, status=Status.IN_PROGRESS)
    return client.post(_url(ticket, "merge"), {"number": survivor.number}, **headers)


CASES = [
    Case("ticket.resolve", "verdict-resolved", False, _status(Status.RESOLVED),
         lambda t: t.status == Status.RESOLVED),
    Case("ticket.close", "verdict-closed", True, _status(Status.CLOSED),
         lambda t: t.status == Status.CLOSED),
    Case("ticket.reopen", "verdict-in_progress", True, _status(Status.IN_PROGRESS),
         lambda t: t.status == Status.IN_PROGRESS),
    Case("ticket.set_priority", "verdict-priority", False, _priority, lambda t: t.priority == 1,
         {"fact": "to", "op": "gte", "value": 2}),
    Case("ticket.transfer_team", "verdict-team", False, _transfer,
         lambda t: t.team.name == "Field Service"),
    Case("ticket.merge", "verdict-merge", False, _merge,
         lambda t: t.close_reason == CloseReason.DUPLICATE),
]  # fmt: skip
IDS = [case.decision for case in CASES]


@dataclass
class World:
    agent: Any
    lead: Any
    client: Client
    ticket: Ticket


def _world(case: Case) -> World:
    team = TeamFactory(name="Service Desk")
    agent = member_of(team, AgentFactory(full_name="Ada Agent"))
    lead = make_lead(AgentFactory(full_name="Lea Lead"), team)
    fields: dict[str, Any] = {"status": Status.IN_PROGRESS}
    if case.resolved:
        fields = {"status": Status.RESOLVED, "resolved_at": timezone.now(), "resolution": "Done."}
    ticket = TicketFactory(team=team, priority=2, owner=agent, **fields)
    client = Client()
    client.force_login(agent)
    return World(agent, lead, client, ticket)


def _hint(client: Client, case: Case, ticket: Ticket) -> str:
    page = client.get(_url(ticket, "detail")).content.decode()
    found = re.search(rf'<p class="verdict [^"]*" id="{case.hint}">.*?</p>', page, re.S)
    assert found, f"no hint {case.hint} on the page"
    return found.group(0)


def _fresh(ticket: Ticket) -> Ticket:
    return Ticket.objects.get(pk=ticket.pk)


def _assert_sent_for_a_decision(response: Any, case: Case, world: World, holder: str) -> None:
    text = response.content.decode()
    request = DecisionRequest.objects.get(decision=case.decision)
    assert not case.done(_fresh(world.ticket))
    assert _fresh(world.ticket).owner_id == world.agent.pk
    assert reverse("scopes:request", args=[request.pk]) in text
    assert holder in text
    assert "Waiting for a decision" in text


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_no_grant_the_hint_says_so_and_the_click_asks_for_a_decision(case: Case) -> None:
    world = _world(case)

    hint = _hint(world.client, case, world.ticket)
    response = case.post(world.client, world.ticket, **HTMX)

    assert "verdict-refused" in hint
    assert "none of your grants covers it" in hint
    assert "Nobody holds a scope that covers it." in hint
    assert response.status_code == 200
    _assert_sent_for_a_decision(response, case, world, "nobody who could decide it is available")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_in_scope_the_hint_says_why_and_the_click_decides(case: Case) -> None:
    world = _world(case)
    person_grant(world.agent, case.decision, name="Ada's own")

    hint = _hint(world.client, case, world.ticket)
    response = case.post(world.client, world.ticket)

    assert "verdict-allowed" in hint
    assert "You may" in hint
    assert response.status_code == 302
    assert case.done(_fresh(world.ticket))
    assert not DecisionRequest.objects.exists()


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_out_of_scope_the_hint_names_the_holder_and_the_click_sends_it_there(
    case: Case, htmx: bool
) -> None:
    world = _world(case)
    person_grant(world.agent, case.decision, condition=case.outside or ONLY_P4)
    person_grant(world.lead, case.decision, name="Lea's")

    hint = _hint(world.client, case, world.ticket)
    response = case.post(world.client, world.ticket, **(HTMX if htmx else {}))

    assert "verdict-refused" in hint
    assert "You may not" in hint
    assert "A click sends it to Lea Lead for a decision." in hint
    assert response.status_code == (200 if htmx else 403)
    _assert_sent_for_a_decision(response, case, world, "Sent to Lea Lead for a decision.")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_an_expired_delegation_no_longer_allows_it(case: Case, monkeypatch) -> None:
    world = _world(case)
    source = person_grant(world.lead, case.decision, name="Lea's")
    delegate_grant(
        actor=world.lead,
        grant_id=source.grant_id,
        to_person_id=world.agent.pk,
        valid_until=timezone.now() + timedelta(minutes=5),
        rationale="Cover while Lea is away.",
    )
    assert "verdict-allowed" in _hint(world.client, case, world.ticket)
    later = timezone.now() + timedelta(minutes=6)
    monkeypatch.setattr("latitude.scopes.evaluator.timezone.now", lambda: later)

    hint = _hint(world.client, case, world.ticket)
    response = case.post(world.client, world.ticket, **HTMX)

    assert "verdict-refused" in hint
    assert "A click sends it to Lea Lead" in hint
    _assert_sent_for_a_decision(response, case, world, "Sent to Lea Lead for a decision.")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_deactivated_person_is_signed_out_and_changes_nothing(case: Case) -> None:
    world = _world(case)
    person_grant(world.agent, case.decision)
    world.agent.is_active = False
    world.agent.save(update_fields=["is_active"])

    response = case.post(world.client, world.ticket, **HTMX)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not case.done(_fresh(world.ticket))
    assert not DecisionRequest.objects.exists()
