"""The caller's own absences over /api/v1/me/absences, and what they do to routing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from latitude.api.testing import client_for, send
from latitude.people.models import Absence
from latitude.scopes.models import DecisionRequest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("latitude.api.tests.urls")]

A = "/api/v1/me/absences"


def period(start_days: float, end_days: float) -> dict[str, str]:
    now = timezone.now()
    return {
        "starts_at": (now + timedelta(days=start_days)).isoformat(),
        "ends_at": (now + timedelta(days=end_days)).isoformat(),
    }


def test_a_person_records_lists_and_ends_their_absence(sd):
    client = client_for(sd.lead)

    created = send(client, "POST", A, {**period(-0.1, 7), "note": "Holiday"})
    listed = client.get(A).json()
    ended = send(client, "DELETE", f"{A}/{created.json()['id']}")

    assert created.status_code == 201
    assert created["Location"] == f"{A}/{created.json()['id']}"
    assert [(a["id"], a["note"]) for a in listed] == [(created.json()["id"], "Holiday")]
    assert ended.status_code == 200
    assert Absence.objects.get().ends_at <= timezone.now()
    assert client.get(A).json() == []


def test_while_the_lead_is_away_a_p1_request_goes_to_the_next_holder(sd):
    send(client_for(sd.lead), "POST", A, period(-0.1, 7))
    ticket = sd.ticket(priority=3)

    refused = send(
        client_for(sd.agent), "POST", f"/api/v1/tickets/{ticket.pk}/priority", {"priority": 1}
    )

    request = DecisionRequest.objects.get(pk=refused.json()["decision_request"])
    routed = set(request.routes.values_list("person_id", flat=True))
    assert sd.lead.pk not in routed
    assert sd.admin.pk in routed


def test_requests_already_waiting_for_someone_who_goes_away_move_on_at_once(sd):
    ticket = sd.ticket(priority=3)
    refused = send(
        client_for(sd.agent), "POST", f"/api/v1/tickets/{ticket.pk}/priority", {"priority": 1}
    )
    request = DecisionRequest.objects.get(pk=refused.json()["decision_request"])
    assert request.routes.get(person=sd.lead).active

    send(client_for(sd.lead), "POST", A, period(-0.1, 7))

    lead_route = request.routes.get(person=sd.lead)
    assert not lead_route.active
    assert request.routes.filter(active=True).exclude(person=sd.lead).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (period(2, 1), "ends_at"),
        (period(-3, -1), "ends_at"),
        ({**period(1, 2), "starts_at": "2030-01-01T00:00:00"}, "starts_at"),
        ({**period(1, 2), "note": "x" * 201}, "note"),
        ({**period(1, 2), "person_id": 1}, "person_id"),
    ],
)
def test_a_bad_absence_is_refused_with_the_field(sd, body, field):
    response = send(client_for(sd.agent), "POST", A, body)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert not Absence.objects.exists()


def test_someone_elses_absence_cannot_be_ended_here(sd):
    theirs = send(client_for(sd.colleague), "POST", A, period(1, 2)).json()

    for person in (sd.agent, sd.lead, sd.admin):
        response = send(client_for(person), "DELETE", f"{A}/{theirs['id']}")
        assert response.status_code == 404
    assert Absence.objects.get().ends_at > timezone.now()


def test_ending_an_absence_that_is_over_is_refused(sd):
    client = client_for(sd.agent)
    absence = send(client, "POST", A, period(-1, 0.001)).json()
    Absence.objects.filter(pk=absence["id"]).update(ends_at=timezone.now() - timedelta(minutes=1))

    response = send(client, "DELETE", f"{A}/{absence['id']}")

    assert response.status_code == 422
