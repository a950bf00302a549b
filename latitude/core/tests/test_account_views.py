"""Personal settings pages: preferences and API tokens."""

import re

import pytest
from django.urls import reverse

from latitude.people.actions import create_api_token, user_for_token
from latitude.people.models import ApiToken, User
from latitude.testing.factories import AgentFactory, RequesterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person() -> User:
    return RequesterFactory()


@pytest.fixture
def signed_in(client, person: User):
    client.force_login(person)
    return client


def test_anonymous_visitor_is_sent_to_sign_in(client) -> None:
    for name in ("preferences", "tokens"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_preferences_page_shows_current_choices(signed_in, person: User) -> None:
    person.language, person.time_zone = "de", "Europe/Vienna"
    person.save()

    text = signed_in.get(reverse("preferences")).content.decode()

    assert '<option value="Europe/Vienna" selected>' in text
    assert '<option value="de" selected>' in text


def test_saving_preferences_updates_the_person_and_switches_language(signed_in, person) -> None:
    response = signed_in.post(
        reverse("preferences"), {"language": "de", "time_zone": "America/New_York"}
    )

    person.refresh_from_db()
    assert response.status_code == 302
    assert (person.language, person.time_zone) == ("de", "America/New_York")
    follow = signed_in.get(reverse("preferences"))
    assert '<html lang="de">' in follow.content.decode()


def test_unknown_time_zone_or_language_is_refused(signed_in, person: User) -> None:
    response = signed_in.post(reverse("preferences"), {"language": "xx", "time_zone": "Mars/Base"})

    person.refresh_from_db()
    assert response.status_code == 422
    assert response.content.decode().count('class="errorlist"') == 2
    assert (person.language, person.time_zone) == ("", "")


def test_creating_a_token_shows_the_secret_once(signed_in, person: User) -> None:
    created = signed_in.post(reverse("tokens"), {"name": "backup script", "expires_in_days": "30"})
    secret = re.search(r'class="secret">([^<]+)<', created.content.decode()).group(1)
    listed = signed_in.get(reverse("tokens")).content.decode()

    token = ApiToken.objects.get(user=person)
    assert created.status_code == 200
    assert user_for_token(secret) == person
    assert token.name == "backup script"
    assert token.expires_at is not None
    assert "backup script" in listed
    assert secret not in listed


def test_token_without_a_name_is_refused(signed_in) -> None:
    response = signed_in.post(reverse("tokens"), {"name": "  "})

    assert response.status_code == 422
    assert not ApiToken.objects.exists()


def test_list_shows_only_own_tokens(signed_in, person: User) -> None:
    create_api_token(actor=person, user=person, name="mine")
    other = AgentFactory()
    create_api_token(actor=other, user=other, name="someone else's")

    text = signed_in.get(reverse("tokens")).content.decode()

    assert "mine" in text
    assert "someone else" not in text


def test_revoking_a_token_makes_it_unusable(signed_in, person: User) -> None:
    issued = create_api_token(actor=person, user=person, name="old")

    response = signed_in.post(reverse("revoke-token", args=[issued.token.pk]))

    assert response.status_code == 302
    assert user_for_token(issued.secret) is None


def test_revoking_someone_elses_token_is_404_and_leaves_it_alone(signed_in) -> None:
    other = AgentFactory()
    issued = create_api_token(actor=other, user=other, name="theirs")

    response = signed_in.post(reverse("revoke-token", args=[issued.token.pk]))

    assert response.status_code == 404
    assert user_for_token(issued.secret) == other


def test_revoke_by_get_is_not_allowed(signed_in, person: User) -> None:
    issued = create_api_token(actor=person, user=person, name="old")

    assert signed_in.get(reverse("revoke-token", args=[issued.token.pk])).status_code == 405
    assert user_for_token(issued.secret) == person
