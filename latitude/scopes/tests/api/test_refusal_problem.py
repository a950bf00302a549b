"""The body of an out-of-scope refusal, as the API error handler builds it."""

import json
from types import SimpleNamespace

import pytest
from django.test import RequestFactory

from latitude.api.errors import HANDLERS
from latitude.core.errors import DomainError, OutOfScope

pytestmark = [pytest.mark.django_db, pytest.mark.urls("latitude.api.tests.urls")]


def _answer(caller, refusal: OutOfScope) -> dict:
    request = RequestFactory().post("/api/v1/tickets/1/priority")
    request.auth = caller  # type: ignore[attr-defined]
    handler = dict(HANDLERS)[DomainError]
    response = handler(request, refusal)
    assert (response.status_code, response["Content-Type"]) == (403, "application/problem+json")
    return json.loads(response.content)


def _refusal(sd) -> OutOfScope:
    candidate = SimpleNamespace(person=sd.lead, reason="lead of your team Service Desk")
    refusal = OutOfScope(
        "You may not raise this to P1.", verdict=SimpleNamespace(candidates=[candidate])
    )
    refusal.decision_request_id = 42
    return refusal


def test_an_agent_is_told_the_request_and_who_could_decide(sd):
    body = _answer(sd.agent, _refusal(sd))

    assert (body["code"], body["detail"]) == ("out_of_scope", "You may not raise this to P1.")
    assert body["decision_request"] == 42
    assert body["decision_request_url"] == "/api/v1/decision-requests/42"
    assert body["candidates"] == [
        {"id": sd.lead.pk, "name": "Lee Lead", "reason": "lead of your team Service Desk"}
    ]


def test_a_requester_is_not_told_who_the_agents_are(sd):
    body = _answer(sd.requester, _refusal(sd))

    assert (body["decision_request"], body["candidates"]) == (42, [])


def test_a_refusal_that_opened_no_request_says_so(sd):
    refusal = OutOfScope("No.", verdict=None)

    body = _answer(sd.agent, refusal)

    assert (body["decision_request"], body["decision_request_url"], body["candidates"]) == (
        None,
        None,
        [],
    )
