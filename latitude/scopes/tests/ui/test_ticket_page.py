"""The ticket page around decisions: pending requests, the refusal on its panel, and the
timeline telling who asked, who approved and on whose behalf."""

import pytest
from django.urls import reverse

from latitude.scopes.actions import approve_request, decline_request
from latitude.scopes.tests.ui.conftest import HTMX, Desk
from latitude.scopes.tests.ui.helpers import raise_to_p1, text_of
from latitude.testing.factories import member_of

pytestmark = pytest.mark.django_db


def _page(desk: Desk, role: str, ticket) -> str:
    return text_of(desk.client(role).get(reverse("tickets:detail", args=[ticket.number])))


def test_pending_requests_are_listed_and_linked_for_those_involved(desk: Desk) -> None:
    ticket = desk.ticket()
    request = raise_to_p1(desk.agent, ticket)
    link = reverse("scopes:request", args=[request.pk])
    member_of(desk.team, desk.other_agent)

    assert "Waiting for a decision" in _page(desk, "agent", ticket)
    assert link in _page(desk, "agent", ticket)
    assert link in _page(desk, "lead", ticket)
    seen_by_colleague = text_of(
        desk.client("other_agent").get(reverse("tickets:detail", args=[ticket.number]))
    )
    assert "Set the priority, asked by Ada Agent" in seen_by_colleague
    assert link not in seen_by_colleague


def test_the_refusal_keeps_what_was_typed_in_the_panel(desk: Desk) -> None:
    ticket = desk.ticket(priority=1)
    url = reverse("tickets:status", args=[ticket.number])

    response = desk.client("agent").post(
        url, {"status": "resolved", "resolution": "Rebooted the switch.", "version": 1}, **HTMX
    )

    text = text_of(response)
    assert "You may not resolve this alone" in text
    assert "Sent to Lea Lead and Ann Admin for a decision." in text
    assert "Rebooted the switch." in text
    assert text.index('class="refusal"') > text.index('id="panel-status"')


def test_the_timeline_tells_the_request_and_the_approval_on_behalf_of_the_agent(
    desk: Desk,
) -> None:
    ticket = desk.ticket()
    request = raise_to_p1(desk.agent, ticket)
    approve_request(actor=desk.lead, request_id=request.pk, note="Payroll is down.")

    text = _page(desk, "agent", ticket)

    assert "Ada Agent asked for a decision: Set the priority." in text
    assert "Lea Lead changed the priority from P3 medium to P1 critical" in text
    assert "(on behalf of Ada Agent)" in text
    assert "Lea Lead approved the request: Set the priority." in text
    assert "Payroll is down." in text


def test_a_declined_request_shows_its_reason_to_agents_only(desk: Desk) -> None:
    ticket = desk.ticket()
    request = raise_to_p1(desk.agent, ticket)
    decline_request(actor=desk.lead, request_id=request.pk, reason="One user only.")

    assert "Lea Lead declined the request: Set the priority." in _page(desk, "agent", ticket)
    portal = desk.client("requester").get(reverse("portal:ticket", args=[ticket.number]))
    assert portal.status_code == 200
    assert ticket.subject in text_of(portal)
    assert "One user only." not in text_of(portal)
