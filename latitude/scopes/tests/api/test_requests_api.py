"""Decision requests over /api/v1: who sees which, and approving, declining, withdrawing."""

import pytest

from latitude.api.testing import client_for, send
from latitude.core.models import AuditEntry
from latitude.scopes.actions import revoke_grant
from latitude.scopes.models import DecisionOutcome, DecisionRecord, DecisionRequest, Grant
from latitude.tickets.models import Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.urls("latitude.api.tests.urls")]

R = "/api/v1/decision-requests"


def raise_to_p1(sd, ticket) -> int:
    """The agent asks for P1 (a lead's call): 403 with the request routed to the lead."""
    response = send(
        client_for(sd.agent), "POST", f"/api/v1/tickets/{ticket.pk}/priority", {"priority": 1}
    )
    assert response.status_code == 403, response.content
    return int(response.json()["decision_request"])


@pytest.fixture
def pending(sd) -> int:
    return raise_to_p1(sd, sd.ticket(priority=3))


def _ids(client, **query):
    return [item["id"] for item in client.get(R, query).json()["items"]]


def test_each_person_sees_the_requests_they_sent_or_were_sent(sd, pending):
    assert _ids(client_for(sd.agent), box="sent") == [pending]
    assert _ids(client_for(sd.agent), box="routed") == []
    assert _ids(client_for(sd.lead), box="routed") == [pending]
    assert _ids(client_for(sd.lead)) == [pending]
    assert _ids(client_for(sd.colleague)) == []
    assert _ids(client_for(sd.requester)) == []
    assert _ids(client_for(sd.admin), box="all") == [pending]


def test_the_list_filters_by_status_and_decision(sd, pending):
    lead = client_for(sd.lead)

    assert _ids(lead, status="pending", decision="ticket.set_priority") == [pending]
    assert _ids(lead, status="approved") == []
    assert _ids(lead, decision="ticket.resolve") == []
    assert lead.get(R, {"state": "pending"}).status_code == 422


def test_the_list_costs_the_same_queries_for_one_request_and_for_ten(
    sd, pending, django_assert_max_num_queries
):
    client = client_for(sd.lead)
    client.get(R)
    for _ in range(9):
        raise_to_p1(sd, sd.ticket(priority=3))

    with django_assert_max_num_queries(6):
        response = client.get(R, {"size": 20})

    items = response.json()["items"]
    assert len(items) == 10
    assert all(item["routes"][0]["person"]["id"] == sd.lead.pk for item in items)


def test_reading_a_request_shows_facts_explanation_routes_and_records(sd, pending):
    response = client_for(sd.agent).get(f"{R}/{pending}")

    body = response.json()
    assert response["ETag"] == f'"{pending}-1"'
    assert (body["status"], body["decision"], body["kind"]) == (
        "pending",
        "ticket.set_priority",
        "out_of_scope",
    )
    assert body["decision_label"] == "Set the priority"
    assert body["subject"]["type"] == "ticket"
    assert (body["facts"]["from"], body["facts"]["to"]) == (3, 1)
    assert body["explanation"]
    assert body["routes"][0]["person"]["id"] == sd.lead.pk
    assert [record["outcome"] for record in body["records"]] == ["requested"]
    assert body["requester"]["id"] == sd.agent.pk


@pytest.mark.parametrize("who", ["colleague", "requester", "outsider"])
def test_a_request_is_not_there_for_anyone_else(sd, pending, who):
    client = client_for(getattr(sd.desk, who))

    assert client.get(f"{R}/{pending}").status_code == 404
    assert send(client, "POST", f"{R}/{pending}/approve", {}).status_code == 404
    assert send(client, "POST", f"{R}/{pending}/decline", {"reason": "No"}).status_code == 404
    assert DecisionRequest.objects.get(pk=pending).status == "pending"


def test_the_lead_approves_and_the_priority_is_raised_on_the_agents_behalf(sd, pending):
    response = send(client_for(sd.lead), "POST", f"{R}/{pending}/approve", {"note": "Go ahead"})

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["decided_by"]["id"], body["decision_note"]) == (
        "approved",
        sd.lead.pk,
        "Go ahead",
    )
    assert response["ETag"] == f'"{pending}-2"'
    request = DecisionRequest.objects.get(pk=pending)
    assert Ticket.objects.get(pk=request.subject_id).priority == 1
    record = DecisionRecord.objects.get(request=request, outcome=DecisionOutcome.APPROVED)
    assert (record.actor_id, record.on_behalf_of_id) == (sd.lead.pk, sd.agent.pk)
    entry = AuditEntry.objects.get(verb="ticket.priority_changed", subject_id=request.subject_id)
    assert (entry.actor_id, entry.on_behalf_of_id) == (sd.lead.pk, sd.agent.pk)


def test_approving_twice_is_a_conflict_and_carried_out_once(sd, pending):
    lead = client_for(sd.lead)
    assert send(lead, "POST", f"{R}/{pending}/approve", {}).status_code == 200

    again = send(client_for(sd.admin), "POST", f"{R}/{pending}/approve", {})

    assert (again.status_code, again.json()["code"]) == (409, "conflict")
    assert DecisionRecord.objects.filter(outcome=DecisionOutcome.APPROVED).count() == 1


def test_approving_outside_the_approvers_own_scope_is_refused_with_the_reason(sd, pending):
    leads = Grant.objects.get(name="Team leads: major incidents and SLA exceptions")
    revoke_grant(actor=sd.admin, grant_id=leads.pk, reason="Reorganised")

    response = send(client_for(sd.lead), "POST", f"{R}/{pending}/approve", {})

    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "not_permitted"
    assert body["detail"].startswith("You cannot approve this:")
    request = DecisionRequest.objects.get(pk=pending)
    assert request.status == "pending"
    assert Ticket.objects.get(pk=request.subject_id).priority == 3


def test_nobody_approves_their_own_request(sd, pending):
    response = send(client_for(sd.agent), "POST", f"{R}/{pending}/approve", {})

    assert (response.status_code, response.json()["code"]) == (403, "not_permitted")


def test_a_stale_if_match_is_412_and_the_current_one_works(sd, pending):
    lead = client_for(sd.lead)
    stale = send(lead, "POST", f"{R}/{pending}/approve", {}, **{"If-Match": f'"{pending}-7"'})
    current = send(lead, "POST", f"{R}/{pending}/approve", {}, **{"If-Match": f'"{pending}-1"'})

    assert (stale.status_code, stale.json()["code"]) == (412, "precondition_failed")
    assert current.status_code == 200


def test_the_lead_declines_with_a_reason_and_the_ticket_stays(sd, pending):
    lead = client_for(sd.lead)
    no_reason = send(lead, "POST", f"{R}/{pending}/decline", {"reason": ""})

    declined = send(lead, "POST", f"{R}/{pending}/decline", {"reason": "Not a major incident"})

    assert no_reason.json()["errors"][0]["field"] == "reason"
    body = declined.json()
    assert (body["status"], body["decision_note"]) == ("declined", "Not a major incident")
    assert [r["outcome"] for r in body["records"]] == ["requested", "declined"]
    request = DecisionRequest.objects.get(pk=pending)
    assert Ticket.objects.get(pk=request.subject_id).priority == 3


def test_only_the_requester_withdraws(sd, pending):
    by_lead = send(client_for(sd.lead), "POST", f"{R}/{pending}/withdraw", {})
    by_agent = send(client_for(sd.agent), "POST", f"{R}/{pending}/withdraw", {"reason": "Fixed"})

    assert (by_lead.status_code, by_lead.json()["code"]) == (403, "not_permitted")
    assert by_agent.json()["status"] == "withdrawn"
    assert send(client_for(sd.lead), "POST", f"{R}/{pending}/approve", {}).status_code == 409
