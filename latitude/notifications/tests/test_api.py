"""/api/v1/me/notifications and preferences: own rows only, problem+json for bad input."""

import pytest
from django.test import Client

from latitude.api.testing import client_for, send
from latitude.notifications import actions
from latitude.notifications.models import Notification, Preference
from latitude.notifications.tests.conftest import TEST_EVENT

ROLES = ("requester", "other_agent", "agent", "admin")
BASE = "/api/v1/me/notifications"
PREFS = "/api/v1/me/notification-preferences"
pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(people):
    result = {}
    for role, person in people.items():
        occurrence = actions.notify(
            event=TEST_EVENT, recipients=[person], context={"what": f"for-{role}"}
        )
        result[role] = Notification.objects.get(occurrence=occurrence)
    return result


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", BASE),
        ("post", f"{BASE}/1/read"),
        ("post", f"{BASE}/read-all"),
        ("get", PREFS),
        ("put", PREFS),
    ],
)
def test_anonymous_gets_401_problem(notes, method, url):
    response = send(Client(), method, url, {"preferences": []} if method == "put" else None)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("role", ROLES)
def test_each_person_lists_only_their_own(people, notes, role):
    body = client_for(people[role]).get(BASE).json()
    assert [item["id"] for item in body["items"]] == [notes[role].pk]
    assert body["unread"] == 1
    assert body["items"][0]["headline"] == f"Your ticket was answered: for-{role}"
    assert body["items"][0]["event"] == TEST_EVENT


@pytest.mark.parametrize("role", ROLES)
def test_someone_elses_notification_is_404_and_stays_unread(people, notes, role):
    client = client_for(people[role])
    for other in set(ROLES) - {role}:
        response = send(client, "post", f"{BASE}/{notes[other].pk}/read")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert not Notification.objects.filter(read_at__isnull=False).exists()


def test_marking_read_and_all_read(people, notes):
    client = client_for(people["agent"])
    assert send(client, "post", f"{BASE}/{notes['agent'].pk}/read").json() == {"marked": 1}
    assert send(client, "post", f"{BASE}/{notes['agent'].pk}/read").json() == {"marked": 0}
    actions.notify(event=TEST_EVENT, recipients=[people["agent"]], context={"what": "2"})
    assert client.get(f"{BASE}?unread=true").json()["unread"] == 1
    assert send(client, "post", f"{BASE}/read-all").json() == {"marked": 1}
    assert Notification.objects.filter(read_at__isnull=True).count() == 3  # the others'


def test_an_unknown_query_parameter_is_refused(people, notes):
    response = client_for(people["agent"]).get(f"{BASE}?unred=1")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "unred"


@pytest.mark.parametrize("role", ROLES)
def test_preferences_round_trip_for_each_role(people, role):
    client = client_for(people[role])
    listed = {row["event"]: row for row in client.get(PREFS).json()}
    assert listed[TEST_EVENT] == {
        "event": TEST_EVENT,
        "label": "Something happened",
        "in_app": True,
        "email": "immediate",
    }
    payload = {"preferences": [{"event": TEST_EVENT, "in_app": False, "email": "digest"}]}
    response = send(client, "put", PREFS, payload)
    assert response.status_code == 200
    assert {r["event"]: r for r in response.json()}[TEST_EVENT]["email"] == "digest"
    assert Preference.objects.get().user == people[role]


def test_requesters_cannot_choose_agent_only_events(people):
    payload = {"preferences": [{"event": "ticket.assigned", "in_app": True, "email": "off"}]}
    response = send(client_for(people["requester"]), "put", PREFS, payload)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "ticket.assigned", "message": "Unknown notification: ticket.assigned"}
    ]
    assert not Preference.objects.exists()


def test_a_bad_email_mode_is_a_problem_not_a_500(people):
    payload = {"preferences": [{"event": TEST_EVENT, "in_app": True, "email": "sms"}]}
    response = send(client_for(people["agent"]), "put", PREFS, payload)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
