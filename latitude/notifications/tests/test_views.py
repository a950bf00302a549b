"""Pages and the bell: every role sees only their own notifications; others' are 404."""

import pytest
from django.test import Client
from django.urls import reverse

from latitude.notifications import actions
from latitude.notifications.models import Notification, Preference
from latitude.notifications.selectors import choices_of
from latitude.notifications.tests.conftest import TEST_EVENT
from latitude.testing.factories import (
    TicketFactory,
)

ROLES = ("requester", "other_agent", "agent", "admin")
pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(people):
    """One notification for each person, with their role in the text."""
    ticket = TicketFactory()
    result = {}
    for role, person in people.items():
        occurrence = actions.notify(
            event=TEST_EVENT, recipients=[person], subject=ticket, context={"what": f"for-{role}"}
        )
        result[role] = Notification.objects.get(occurrence=occurrence)
    return result


def _client(person=None):
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


URLS = [
    ("get", "notifications:list", False),
    ("get", "notifications:bell", False),
    ("get", "notifications:preferences", False),
    ("post", "notifications:read-all", False),
    ("get", "notifications:open", True),
    ("post", "notifications:read", True),
]


@pytest.mark.parametrize(("method", "name", "with_id"), URLS)
def test_anonymous_is_sent_to_sign_in(notes, method, name, with_id):
    args = [notes["requester"].pk] if with_id else []
    response = getattr(_client(), method)(reverse(name, args=args))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_the_list_shows_only_ones_own_notifications(people, notes, role):
    body = _client(people[role]).get(reverse("notifications:list")).content.decode()
    assert f"for-{role}" in body
    for other in set(ROLES) - {role}:
        assert f"for-{other}" not in body


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "name"), [("get", "notifications:open"), ("post", "notifications:read")]
)
def test_someone_elses_notification_is_not_found_and_stays_unread(
    people, notes, role, method, name
):
    client = _client(people[role])
    for other in set(ROLES) - {role}:
        response = getattr(client, method)(reverse(name, args=[notes[other].pk]))
        assert response.status_code == 404
    assert not Notification.objects.filter(read_at__isnull=False).exists()


@pytest.mark.parametrize("role", ROLES)
def test_opening_marks_read_and_goes_to_the_subject(people, notes, role):
    note = notes[role]
    response = _client(people[role]).get(reverse("notifications:open", args=[note.pk]))
    note.refresh_from_db()
    assert note.read_at is not None
    assert response.status_code == 302
    assert response["Location"] == (note.link or reverse("notifications:list"))


def test_mark_all_read_touches_only_ones_own(people, notes):
    _client(people["agent"]).post(reverse("notifications:read-all"))
    assert list(Notification.objects.filter(read_at__isnull=False)) == [notes["agent"]]


def test_the_bell_shows_the_unread_count_and_polls_with_htmx(people, notes):
    actions.notify(event=TEST_EVENT, recipients=[people["agent"]], context={"what": "more"})
    body = _client(people["agent"]).get(reverse("notifications:bell")).content.decode()
    assert 'class="bell-count">2<' in body
    assert 'hx-get="/notifications/bell"' in body
    assert "every 60s" in body


def test_the_bell_is_in_the_desk_and_portal_headers(people, notes):
    for person, url in ((people["agent"], "/desk/"), (people["requester"], "/portal/")):
        body = _client(person).get(url).content.decode()
        assert 'id="notification-bell"' in body
        assert 'class="bell-count">1<' in body


def test_the_bell_costs_one_count_query_beyond_the_session(
    people, notes, django_assert_num_queries
):
    client = _client(people["agent"])
    client.get(reverse("notifications:bell"))
    # session, user, the unread count
    with django_assert_num_queries(3):
        client.get(reverse("notifications:bell"))


def test_the_list_costs_the_same_for_many_notifications(people, django_assert_max_num_queries):
    person = people["agent"]
    for index in range(30):
        actions.notify(event=TEST_EVENT, recipients=[person], context={"what": f"n{index}"})
    client = _client(person)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("notifications:list"))
    assert response.content.decode().count("/open") == 25
    assert "cursor=" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_preferences_page_saves_the_choices_of_the_signed_in_person(people, role):
    person = people[role]
    client = _client(person)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Your ticket was answered" in page or "A ticket was assigned to you" in page
    data = {f"email:{event.name}": choice.email for event, choice in choices_of(person)}
    data.update({f"in_app:{e.name}": "on" for e, c in choices_of(person) if c.in_app})
    data[f"email:{TEST_EVENT}"] = "digest"
    del data[f"in_app:{TEST_EVENT}"]
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 302
    row = Preference.objects.get(user=person, event=TEST_EVENT)
    assert (row.in_app, row.email) == (False, "digest")
    assert not Preference.objects.exclude(user=person).exists()
    assert Preference.objects.filter(user=person).count() == len(choices_of(person))


def test_an_invalid_choice_is_shown_at_the_field(people):
    client = _client(people["agent"])
    response = client.post(reverse("notifications:preferences"), {f"email:{TEST_EVENT}": "sms"})
    assert response.status_code == 422
    assert not Preference.objects.exists()
