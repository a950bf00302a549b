"""The health check load balancers and monitoring poll."""

import pytest
from django.db.utils import OperationalError
from django.test import Client


@pytest.mark.django_db
def test_healthz_reports_the_database_as_ok(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"
    assert body["database"]["vendor"] in ("sqlite", "postgresql")
    assert body["database"]["latency_ms"] >= 0
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_healthz_needs_no_sign_in_and_sets_no_cookie(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert not response.cookies


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_down(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from latitude.core import views

    class BrokenConnection:
        vendor = "sqlite"

        def cursor(self) -> None:
            raise OperationalError("unable to open database file")

    monkeypatch.setattr(views, "connection", BrokenConnection())

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["database"] == {
        "status": "error",
        "vendor": "sqlite",
        "error": "OperationalError",
        "latency_ms": body["database"]["latency_ms"],
    }
    assert "unable to open" not in response.content.decode()


@pytest.mark.django_db
def test_healthz_refuses_writes(client: Client) -> None:
    assert client.post("/healthz").status_code == 405
