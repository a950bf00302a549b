"""Request ids, personal language and time zone, and no-store caching."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.utils import timezone, translation

from latitude.core.middleware import (
    NoStoreMiddleware,
    PersonPreferencesMiddleware,
    RequestIdMiddleware,
)
from latitude.core.request_context import current_request_id
from latitude.testing.factories import RequesterFactory


def echo_request_id(request: HttpRequest) -> HttpResponse:
    return HttpResponse(current_request_id())


@pytest.mark.parametrize("incoming", ["abcdefgh", "lb-2025.03.01_0001", "x" * 64])
def test_a_sane_incoming_request_id_is_used_and_echoed(incoming: str) -> None:
    request = RequestFactory().get("/", HTTP_X_REQUEST_ID=incoming)

    response = RequestIdMiddleware(echo_request_id)(request)

    assert response["X-Request-ID"] == incoming
    assert response.content.decode() == incoming


@pytest.mark.parametrize(
    "incoming",
    ["", "short", "x" * 65, "has space in it", "new\nline-inject", "<script>alert(1)</script>"],
)
def test_an_odd_request_id_is_replaced_by_a_fresh_one(incoming: str) -> None:
    request = RequestFactory().get("/", HTTP_X_REQUEST_ID=incoming)

    response = RequestIdMiddleware(echo_request_id)(request)

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert response.content.decode() == response["X-Request-ID"]


def test_the_request_id_does_not_outlive_the_request() -> None:
    RequestIdMiddleware(echo_request_id)(RequestFactory().get("/"))

    assert current_request_id() == ""


@pytest.mark.django_db
def test_the_full_stack_echoes_the_request_id(client: Client) -> None:
    response = client.get("/healthz", HTTP_X_REQUEST_ID="monitor-probe-42")

    assert response["X-Request-ID"] == "monitor-probe-42"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/preferences/"])
def test_pages_are_not_stored_by_browsers_or_proxies(path: str, client: Client) -> None:
    client.force_login(RequesterFactory())

    response = client.get(path)

    assert response.status_code in (200, 302)
    assert "no-store" in response["Cache-Control"]


def test_static_files_and_explicit_cache_headers_are_left_alone() -> None:
    def cached(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("x")
        response["Cache-Control"] = "max-age=60"
        return response

    static = NoStoreMiddleware(lambda request: HttpResponse("css"))(
        RequestFactory().get("/static/app.css")
    )
    explicit = NoStoreMiddleware(cached)(RequestFactory().get("/desk/"))

    assert "Cache-Control" not in static
    assert explicit["Cache-Control"] == "max-age=60"


def _seen_preferences(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"{timezone.get_current_timezone_name()}|{translation.get_language()}")


@pytest.mark.django_db
def test_a_persons_time_zone_and_language_apply_during_their_request() -> None:
    request = RequestFactory().get("/")
    request.user = RequesterFactory(time_zone="America/Chicago", language="de")

    with translation.override("en"):
        response = PersonPreferencesMiddleware(_seen_preferences)(request)

    assert response.content.decode() == "America/Chicago|de"
    assert timezone.get_current_timezone_name() != "America/Chicago"


@pytest.mark.django_db
def test_an_unknown_stored_time_zone_falls_back_to_the_default(settings) -> None:
    request = RequestFactory().get("/")
    request.user = RequesterFactory(time_zone="../../etc/passwd")

    response = PersonPreferencesMiddleware(_seen_preferences)(request)

    assert response.content.decode().split("|")[0] == settings.TIME_ZONE


def test_anonymous_visitors_get_the_site_defaults(settings) -> None:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    response = PersonPreferencesMiddleware(_seen_preferences)(request)

    assert response.content.decode().split("|")[0] == settings.TIME_ZONE
