"""Who may call /api/v1: token and session, checked on every request."""

import pytest
from django.test import Client

from latitude.api.testing import client_for, token_for
from latitude.people.actions import revoke_api_token
from latitude.people.models import ApiToken
from latitude.testing.factories import AgentFactory, RequesterFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("latitude.api.tests.urls")]

ME = "/api/v1/me"


def _assert_unauthenticated(response) -> None:
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/tickets",
        "/api/v1/tickets/1",
        "/api/v1/people",
        "/api/v1/teams",
        "/api/v1/services",
        "/api/v1/categories",
        ME,
    ],
)
def test_anonymous_calls_get_401_problem(url: str) -> None:
    _assert_unauthenticated(Client().get(url))


def test_anonymous_write_gets_401_not_csrf_error() -> None:
    _assert_unauthenticated(Client().post("/api/v1/tickets", {}, content_type="application/json"))


def test_token_authenticates_its_owner() -> None:
    person = RequesterFactory(full_name="Tina Token")

    response = client_for(person).get(ME)

    assert response.status_code == 200
    assert response.json()["full_name"] == "Tina Token"


@pytest.mark.parametrize(
    "header", ["Bearer lat_wrong", "Bearer ", "Token lat_x", "Bearer " + "x" * 500]
)
def test_bad_token_gets_401(header: str) -> None:
    _assert_unauthenticated(Client(headers={"Authorization": header}).get(ME))


def test_revoked_token_fails_on_the_next_call() -> None:
    person = RequesterFactory()
    client = client_for(person)
    assert client.get(ME).status_code == 200

    revoke_api_token(actor=person, token_id=ApiToken.objects.get(user=person).pk)

    _assert_unauthenticated(client.get(ME))


def test_deactivated_person_with_live_token_gets_401() -> None:
    person = AgentFactory()
    client = client_for(person)
    assert client.get(ME).status_code == 200

    person.is_active = False
    person.save(update_fields=["is_active"])

    _assert_unauthenticated(client.get(ME))


def test_bad_bearer_header_never_falls_back_to_the_session() -> None:
    person = RequesterFactory()
    client = Client(headers={"Authorization": "Bearer lat_revoked"})
    client.force_login(person)

    _assert_unauthenticated(client.get(ME))


def test_session_works_for_reads_and_for_writes_with_csrf_token() -> None:
    person = RequesterFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    secret = "s3cr3t" * 5 + "ab"  # a CSRF cookie secret is 32 letters and digits
    client.cookies["csrftoken"] = secret
    body = '{"kind": "incident", "subject": "From the browser"}'

    read = client.get(ME)
    refused = client.post("/api/v1/tickets", body, content_type="application/json")
    allowed = client.post(
        "/api/v1/tickets", body, content_type="application/json", headers={"X-CSRFToken": secret}
    )

    assert read.status_code == 200
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    assert allowed.status_code == 201


def test_session_of_deactivated_person_gets_401() -> None:
    person = RequesterFactory()
    client = Client()
    client.force_login(person)
    person.is_active = False
    person.save(update_fields=["is_active"])

    _assert_unauthenticated(client.get(ME))


def test_token_owner_language_is_used_for_messages() -> None:
    person = RequesterFactory(language="de")

    response = client_for(person).post(
        "/api/v1/tickets", '{"kind": "incident", "subject": " "}', content_type="application/json"
    )

    assert response.status_code == 422
    assert response["Content-Language"] == "de"


def test_token_secret_is_not_stored() -> None:
    person = RequesterFactory()
    secret = token_for(person)

    assert not ApiToken.objects.filter(digest=secret).exists()
    assert secret.startswith("lat_")
