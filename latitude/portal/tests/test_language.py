"""Switching language in the portal is remembered on the person, not only in a cookie."""

import pytest
from django.conf import settings
from django.urls import reverse

from latitude.core.models import AuditEntry

pytestmark = pytest.mark.django_db

LANGUAGE = reverse("portal:language")
HOME = reverse("portal:home")


def test_language_switch_is_visible_in_the_portal(requester_client):
    response = requester_client.get(HOME)

    assert f'action="{LANGUAGE}"' in response.text
    assert "Deutsch" in response.text


def test_switching_language_saves_it_on_the_person_and_sets_the_cookie(requester_client, requester):
    response = requester_client.post(LANGUAGE, {"language": "de", "next": HOME})

    requester.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert requester.language == "de"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"
    assert AuditEntry.objects.filter(
        verb="people.preferences_changed", subject_id=requester.pk
    ).exists()


def test_the_saved_language_is_used_on_the_next_page(requester_client):
    requester_client.post(LANGUAGE, {"language": "de", "next": HOME})
    requester_client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)

    response = requester_client.get(HOME)

    assert '<html lang="de">' in response.text


def test_an_unknown_language_changes_nothing(requester_client, requester):
    response = requester_client.post(LANGUAGE, {"language": "xx", "next": HOME})

    requester.refresh_from_db()
    assert response.status_code == 302
    assert requester.language == ""
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_switching_never_redirects_to_another_site(requester_client):
    response = requester_client.post(LANGUAGE, {"language": "en", "next": "https://evil.example/"})

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_anonymous_visitors_cannot_change_a_profile(client):
    response = client.post(LANGUAGE, {"language": "de", "next": HOME})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_switching_needs_a_post(requester_client):
    assert requester_client.get(LANGUAGE).status_code == 405
