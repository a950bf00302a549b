"""Decision records over /api/v1: filters, pages, reversals in both directions, who sees what."""

from datetime import timedelta

import pytest
from django.utils import timezone

from latitude.api.testing import client_for, send
from latitude.scopes.models import DecisionOutcome, DecisionRecord, Grant
from latitude.scopes.tests.helpers import person_grant
from latitude.tickets import actions

pytestmark = [pytest.mark.django_db, pytest.mark.urls("latitude.api.tests.urls")]

REC = "/api/v1/decision-records"


@pytest.fixture
def history(sd):
    """The agent resolves a P3 ticket and reopens it (a reversal); asks for P1 on another, which
    the lead approves."""
    resolved = sd.ticket(priority=3)
    actions.resolve_ticket(actor=sd.agent, ticket_id=resolved.pk, resolution="Reseated it.")
    actions.reopen_ticket(actor=sd.agent, ticket_id=resolved.pk, reason="Jammed again.")
    major = sd.ticket(priority=3)
    refused = send(
        client_for(sd.agent), "POST", f"/api/v1/tickets/{major.pk}/priority", {"priority": 1}
    )
    request_id = refused.json()["decision_request"]
    send(client_for(sd.lead), "POST", f"/api/v1/decision-requests/{request_id}/approve", {})
    return {"resolved": resolved, "major": major}


def _items(client, **query):
    return client.get(REC, query).json()["items"]


def test_records_list_newest_first_with_every_outcome(sd, history):
    items = _items(client_for(sd.admin))

    assert [(i["decision"], i["outcome"]) for i in items] == [
        ("ticket.set_priority", "approved"),
        ("ticket.set_priority", "requested"),
        ("ticket.reopen", "taken"),
        ("ticket.resolve", "taken"),
    ]
    approved = items[0]
    assert (approved["actor"]["id"], approved["on_behalf_of"]["id"]) == (sd.lead.pk, sd.agent.pk)
    assert approved["team"]["name"] == "Service Desk"
    assert approved["request"] is not None
    assert approved["decision_label"] == "Set the priority"
    assert approved["subject"] == {
        "type": "ticket",
        "id": history["major"].pk,
        "repr": str(history["major"]),
    }


def test_a_reversal_shows_on_both_records(sd, history):
    items = {i["decision"]: i for i in _items(client_for(sd.agent), subject_type="ticket",
                                              subject_id=history["resolved"].pk)}  # fmt: skip

    resolve, reopen = items["ticket.resolve"], items["ticket.reopen"]
    assert resolve["reversed_by"]["record"] == reopen["id"]
    assert resolve["reversed_by"]["after_seconds"] >= 0
    assert [r["record"] for r in reopen["reverses"]] == [resolve["id"]]
    assert (reopen["reversed_by"], resolve["reverses"]) == (None, [])


def test_a_record_names_the_grant_versions_it_was_taken_under(sd, history):
    resolve = _items(client_for(sd.agent), decision="ticket.resolve")[0]

    standard = Grant.objects.get(name="Agents: resolve, close and reopen below P1")
    assert resolve["grant_versions"] == [
        {"grant": standard.pk, "version": 1, "name": standard.name}
    ]
    assert resolve["facts"]["priority"] == 3
    assert resolve["within_scope"] is True


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"decision": "ticket.reopen"}, [("ticket.reopen", "taken")]),
        ({"outcome": "requested"}, [("ticket.set_priority", "requested")]),
        ({"actor": "lead"}, [("ticket.set_priority", "approved")]),
        ({"until": "2000-01-01T00:00:00Z"}, []),
    ],
)
def test_records_filter_by_decision_outcome_actor_and_period(sd, history, query, expected):
    query = {key: sd.lead.pk if value == "lead" else value for key, value in query.items()}

    items = _items(client_for(sd.admin), **query)

    assert [(i["decision"], i["outcome"]) for i in items] == expected


def test_the_period_is_since_inclusive_until_exclusive(sd, history):
    first = DecisionRecord.objects.order_by("occurred_at", "id").first()
    since = first.occurred_at.isoformat()
    until = (first.occurred_at + timedelta(microseconds=1)).isoformat()

    items = _items(client_for(sd.admin), since=since, until=until)

    assert [i["id"] for i in items] == [first.pk]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"subject_type": "banana"}, "subject_type"),
        ({"outcome": "maybe"}, "outcome"),
        ({"since": "yesterday"}, "since"),
        ({"since": "2030-01-01T00:00:00"}, "since"),
        ({"who": "me"}, "who"),
    ],
)
def test_bad_filters_are_refused_with_the_field(sd, query, field):
    response = client_for(sd.admin).get(REC, query)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


def test_records_page_with_a_cursor_and_cost_the_same_queries_per_page(
    sd, history, django_assert_max_num_queries
):
    client = client_for(sd.admin)
    client.get(REC)
    ids, cursor = [], None
    while True:
        with django_assert_max_num_queries(8):
            body = client.get(REC, {"size": 1, **({"cursor": cursor} if cursor else {})}).json()
        ids += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break

    assert ids == list(
        DecisionRecord.objects.order_by("-occurred_at", "-id").values_list("pk", flat=True)
    )


def test_an_agent_of_another_team_sees_none_of_these_records(sd, history):
    outsider = client_for(sd.desk.outsider)
    record = DecisionRecord.objects.filter(decision="ticket.resolve").get()

    assert _items(outsider, subject_type="ticket") == []
    assert outsider.get(f"{REC}/{record.pk}").status_code == 404
    assert client_for(sd.agent).get(f"{REC}/{record.pk}").status_code == 200


def test_a_requester_sees_only_the_decisions_they_took_themself(sd, history):
    requester = client_for(sd.requester)
    ticket = history["resolved"]
    actions.resolve_ticket(actor=sd.agent, ticket_id=ticket.pk, resolution="Replaced it.")
    send(requester, "POST", f"/api/v1/tickets/{ticket.pk}/reopen", {"reason": "Still jams."})

    items = _items(requester)

    assert [(i["decision"], i["outcome"], i["actor"]["id"]) for i in items] == [
        ("ticket.reopen", "by_right", sd.requester.pk)
    ]


def test_agents_see_the_decisions_taken_on_grants(sd):
    version = person_grant(sd.agent, "ticket.resolve", admin=sd.admin)

    items = _items(client_for(sd.agent), subject_type="grant", subject_id=version.grant_id)

    assert [(i["decision"], i["outcome"], i["actor"]["id"]) for i in items] == [
        ("scope.edit", DecisionOutcome.TAKEN, sd.admin.pk)
    ]


def test_a_missing_record_is_not_found(sd):
    assert client_for(sd.admin).get(f"{REC}/987654").status_code == 404


def test_records_of_a_recent_period(sd, history):
    since = (timezone.now() - timedelta(hours=1)).isoformat()

    assert len(_items(client_for(sd.admin), since=since)) == 4
