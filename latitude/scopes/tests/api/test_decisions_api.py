"""The registry, "may I?" and "decidable by me" over /api/v1."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from latitude.api.testing import client_for, send
from latitude.scopes import registry
from latitude.scopes.models import DecisionRecord, DecisionRequest, Grant
from latitude.testing.factories import TicketFactory
from latitude.tickets.choices import Status
from latitude.tickets.models import Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.urls("latitude.api.tests.urls")]

D = "/api/v1/decisions"


def evaluate(client, name, ticket_id, **facts):
    body = {"subject": {"type": "ticket", "id": ticket_id}, "facts": facts}
    return send(client, "POST", f"{D}/{name}/evaluate", body)


def test_the_registry_lists_every_decision_with_its_facts(sd):
    body = client_for(sd.requester).get(D).json()

    assert [d["name"] for d in body] == [d.name for d in registry.all_decisions()]
    priority = next(d for d in body if d["name"] == "ticket.set_priority")
    facts = {fact["name"]: fact for fact in priority["facts"]}
    assert priority["subject"] == "ticket"
    assert (facts["to"]["type"], facts["to"]["from_subject"]) == ("number", False)
    assert facts["from"]["from_subject"] is True
    assert {"value": 1, "label": "P1 critical"} in facts["to"]["choices"]
    assert facts["service"]["model"] == "catalog.Service"


def test_the_registry_speaks_the_callers_language(sd):
    sd.agent.language = "de"
    sd.agent.save(update_fields=["language"])

    body = client_for(sd.agent).get(D).json()

    resolve = next(d for d in body if d["name"] == "ticket.resolve")
    assert resolve["label"] == "Ticket lösen"


def test_may_i_resolve_this_p3_answers_yes_with_the_grant_and_writes_nothing(sd):
    ticket = sd.ticket(priority=3)

    response = evaluate(client_for(sd.agent), "ticket.resolve", ticket.pk)

    body = response.json()
    assert (body["allowed"], body["effect"], body["candidates"]) == (True, "decide", [])
    assert body["explanation"].startswith("You may resolve this")
    standard = Grant.objects.get(name="Agents: resolve, close and reopen below P1")
    assert {"grant": standard.pk, "version": 1, "name": standard.name} in body["grant_versions"]
    assert body["facts"]["priority"] == 3
    assert not DecisionRecord.objects.exists()
    assert not DecisionRequest.objects.exists()


def test_may_i_raise_to_p1_answers_no_and_names_the_lead_first(sd):
    ticket = sd.ticket(priority=3)

    body = evaluate(client_for(sd.agent), "ticket.set_priority", ticket.pk, to=1).json()

    assert (body["allowed"], body["effect"], body["grant_versions"]) == (False, None, [])
    assert body["facts"]["to"] == 1
    assert body["candidates"][0]["id"] == sd.lead.pk
    assert body["candidates"][0]["reason"] == "lead of your team Service Desk"
    assert evaluate(client_for(sd.lead), "ticket.set_priority", ticket.pk, to=1).json()["allowed"]


def test_the_explanation_is_in_the_callers_language(sd):
    sd.agent.language = "de"
    sd.agent.save(update_fields=["language"])
    ticket = sd.ticket(priority=3)

    body = evaluate(client_for(sd.agent), "ticket.set_priority", ticket.pk, to=1).json()

    assert body["candidates"][0]["reason"] == "leitet Ihr Team Service Desk"
    assert "Sie" in body["explanation"]


def test_a_requester_is_told_the_verdict_but_not_who_could(sd):
    ticket = sd.ticket()

    body = evaluate(client_for(sd.requester), "ticket.resolve", ticket.pk).json()

    assert (body["allowed"], body["candidates"]) == (False, [])


@pytest.mark.parametrize(
    ("name", "subject", "facts", "status", "field"),
    [
        ("ticket.teleport", {"type": "ticket"}, {}, 404, None),
        ("ticket.resolve", {"type": "grant"}, {}, 422, "subject.type"),
        ("ticket.resolve", {"type": "banana"}, {}, 422, "subject.type"),
        ("ticket.set_priority", {"type": "ticket"}, {"colour": 1}, 422, "facts.colour"),
        ("ticket.set_priority", {"type": "ticket"}, {"to": "high"}, 422, "facts.to"),
        ("ticket.set_priority", {"type": "ticket"}, {"to": 7}, 422, "facts.to"),
        ("ticket.goodwill", {"type": "ticket"}, {"amount": "lots"}, 422, "facts.amount"),
        ("ticket.resolve", {"type": "ticket", "id": 0}, {}, 422, "subject.id"),
    ],
)
def test_a_bad_dry_run_is_refused_with_the_field(sd, name, subject, facts, status, field):
    ticket = sd.ticket()
    body = {"subject": {"id": ticket.pk, **subject}, "facts": facts}

    response = send(client_for(sd.agent), "POST", f"{D}/{name}/evaluate", body)

    assert response.status_code == status, response.content
    errors = response.json()["errors"]
    assert (errors[0]["field"] if errors else None) == field


def test_a_subject_the_caller_may_not_see_is_not_found(sd):
    ticket = sd.ticket()

    response = evaluate(client_for(sd.desk.outsider), "ticket.resolve", ticket.pk)

    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_may_i_edit_this_grant_is_a_dry_run_of_scope_edit(sd):
    grant = Grant.objects.get(name="Agents: set priorities below P1")
    body = {
        "subject": {"type": "grant", "id": grant.pk},
        "facts": {"holder_kind": "role", "effect": "decide", "revoking": False},
    }

    admin = send(client_for(sd.admin), "POST", f"{D}/scope.edit/evaluate", body).json()
    agent = send(client_for(sd.agent), "POST", f"{D}/scope.edit/evaluate", body).json()

    assert (admin["allowed"], agent["allowed"]) == (True, False)


def test_the_ticket_verdicts_are_those_its_page_shows(sd, django_assert_max_num_queries):
    ticket = sd.ticket(priority=2)
    client = client_for(sd.agent)
    client.get(D)

    # A fixed cost per decision and grant (finding who could decide instead), not per ticket:
    # 13 ticket decisions registered, most refused for a plain agent.
    with django_assert_max_num_queries(36):
        response = client.get(f"/api/v1/tickets/{ticket.pk}/verdicts")

    verdicts = {verdict["decision"]: verdict for verdict in response.json()}
    ticket_decisions = {d.name for d in registry.all_decisions() if d.subject == "tickets.Ticket"}
    assert set(verdicts) == ticket_decisions
    assert verdicts["ticket.resolve"]["allowed"] is True
    raise_to_p1 = verdicts["ticket.set_priority"]
    assert (raise_to_p1["allowed"], raise_to_p1["facts"]["to"]) == (False, 1)
    assert raise_to_p1["candidates"][0]["id"] == sd.lead.pk
    assert client_for(sd.desk.outsider).get(
        f"/api/v1/tickets/{ticket.pk}/verdicts"
    ).status_code == (404)


def test_a_p1_ticket_offers_lowering_it_again(sd):
    ticket = sd.ticket(priority=1)

    verdicts = client_for(sd.agent).get(f"/api/v1/tickets/{ticket.pk}/verdicts").json()

    lowering = next(v for v in verdicts if v["decision"] == "ticket.set_priority")
    assert (lowering["facts"]["from"], lowering["facts"]["to"]) == (1, 2)
    assert lowering["allowed"] is True


@pytest.fixture
def tickets(sd):
    """One open ticket of each priority in the agent's team, a closed P4, and a P4 elsewhere."""
    made = {
        p: TicketFactory(team=sd.team, priority=p, status=Status.IN_PROGRESS) for p in (1, 2, 3, 4)
    }
    made["closed"] = TicketFactory(team=sd.team, priority=4, status=Status.CLOSED)
    made["elsewhere"] = TicketFactory(priority=4, status=Status.IN_PROGRESS)
    return made


def _ids(response):
    return [item["id"] for item in response.json()["items"]]


def test_decidable_by_me_lists_the_open_tickets_within_my_scope_newest_first(sd, tickets):
    response = client_for(sd.agent).get(f"{D}/ticket.resolve/decidable", {"status": "open"})

    assert _ids(response) == [tickets[4].pk, tickets[3].pk, tickets[2].pk]
    assert set(response.json()["items"][0]) == {"id", "number", "subject", "status", "priority"}


def test_decidable_by_me_is_one_query_for_the_page_whatever_the_size(sd, tickets):
    client = client_for(sd.agent)
    client.get(f"{D}/ticket.resolve/decidable")
    for _ in range(30):
        TicketFactory(team=sd.team, priority=3, status=Status.IN_PROGRESS)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{D}/ticket.resolve/decidable", {"size": 100})

    ticket_queries = [q for q in captured.captured_queries if "tickets_ticket" in q["sql"]]
    assert len(ticket_queries) == 1
    assert len(_ids(response)) == 33


def test_decidable_pages_follow_the_cursor(sd, tickets):
    client = client_for(sd.lead)
    first = client.get(f"{D}/ticket.resolve/decidable", {"size": 2}).json()
    second = client.get(
        f"{D}/ticket.resolve/decidable", {"size": 2, "cursor": first["next_cursor"]}
    ).json()

    seen = [item["id"] for item in first["items"] + second["items"]]
    assert seen == [tickets[p].pk for p in (4, 3, 2, 1)]
    assert second["next_cursor"] is None


def test_decidable_takes_the_facts_the_action_would_supply(sd, tickets):
    to_p1 = {"facts": json.dumps({"to": 1}), "status": "any"}

    agent = client_for(sd.agent).get(f"{D}/ticket.set_priority/decidable", to_p1)
    lead = client_for(sd.lead).get(f"{D}/ticket.set_priority/decidable", to_p1)

    assert _ids(agent) == []
    assert set(_ids(lead)) == {tickets[p].pk for p in (1, 2, 3, 4, "closed")}


def test_decidable_with_a_status_lists_only_that_status(sd, tickets):
    Ticket.objects.filter(pk=tickets[3].pk).update(status=Status.NEW)

    response = client_for(sd.agent).get(f"{D}/ticket.resolve/decidable", {"status": "new"})

    assert _ids(response) == [tickets[3].pk]


@pytest.mark.parametrize(
    ("name", "query", "field"),
    [
        ("ticket.resolve", {"status": "sleeping"}, "status"),
        ("ticket.resolve", {"facts": "{not json"}, "facts"),
        ("ticket.resolve", {"facts": "[1]"}, "facts"),
        ("ticket.set_priority", {"facts": '{"to": "P1"}'}, "facts.to"),
        ("ticket.resolve", {"colour": "red"}, "colour"),
        ("scope.edit", {}, "name"),
    ],
)
def test_decidable_refuses_bad_questions_with_the_field(sd, name, query, field):
    response = client_for(sd.agent).get(f"{D}/{name}/decidable", query)

    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["field"] == field
