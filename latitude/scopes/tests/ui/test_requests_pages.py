"""The decision-request inbox: what a holder sees, approving and declining over htmx and plain
posts, the errors people get, withdrawing, and the badge in the header."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from latitude.core.models import AuditEntry
from latitude.scopes.actions import approve_request, revoke_grant
from latitude.scopes.models import DecisionOutcome, DecisionRecord, DecisionRequest, Grant
from latitude.scopes.tests.ui.conftest import HTMX, Desk
from latitude.scopes.tests.ui.helpers import raise_to_p1, text_of
from latitude.tickets.models import Ticket

pytestmark = pytest.mark.django_db

INBOX = reverse("scopes:requests")


def test_inbox_shows_what_was_asked_with_facts_explanation_subject_and_expiry(desk: Desk) -> None:
    ticket = desk.ticket()
    raise_to_p1(desk.agent, ticket)

    text = text_of(desk.client("lead").get(INBOX))

    assert "Set the priority" in text
    assert reverse("tickets:detail", args=[ticket.number]) in text
    assert "asked by Ada Agent" in text
    assert "new priority" in text
    assert "P1 critical" in text
    assert "You may not set the priority of this alone" in text
    assert "expires in" in text
    assert "Your scope:" in text
    assert "You may set the priority of this" in text
    assert 'name="reason"' in text


def test_the_requester_sees_it_under_sent_with_a_withdraw_button_not_in_the_inbox(
    desk: Desk,
) -> None:
    raise_to_p1(desk.agent, desk.ticket())
    client = desk.client("agent")

    assert "Nothing waits for your decision." in text_of(client.get(INBOX))
    sent = text_of(client.get(INBOX + "?tab=sent"))
    assert "Set the priority" in sent
    assert "Withdraw" in sent
    assert "Approve" not in sent


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("tab", ["inbox", "sent", "decided", "all"])
def test_each_tab_costs_the_same_queries_for_two_or_eight_requests(desk: Desk, tab: str) -> None:
    client = desk.client("admin" if tab == "all" else "lead" if tab != "sent" else "agent")
    url = f"{INBOX}?tab={tab}"

    def arrange(count: int) -> None:
        for _ in range(count):
            request = raise_to_p1(desk.agent, desk.ticket())
            if tab == "decided":
                approve_request(actor=desk.lead, request_id=request.pk)

    arrange(2)
    _queries(client, url)
    few = _queries(client, url)
    arrange(6)
    many = _queries(client, url)

    assert many == few <= 16
    assert text_of(client.get(url)).count('class="card request"') == 8


def test_approve_by_htmx_carries_it_out_for_the_requester_and_refreshes_the_card(
    desk: Desk,
) -> None:
    ticket = desk.ticket()
    request = raise_to_p1(desk.agent, ticket)
    client = desk.client("lead")

    response = client.post(
        reverse("scopes:approve", args=[request.pk]),
        {"note": "Payroll is down: major incident.", "version": request.version},
        **HTMX,
    )

    assert response.status_code == 200
    text = text_of(response)
    assert f'id="request-{request.pk}"' in text
    assert "approved" in text
    assert 'id="decision-count" hx-swap-oob="true"' in text
    assert Ticket.objects.get(pk=ticket.pk).priority == 1
    record = DecisionRecord.objects.get(request=request, outcome=DecisionOutcome.APPROVED)
    assert (record.actor, record.on_behalf_of) == (desk.lead, desk.agent)
    changed = AuditEntry.objects.get(subject_id=ticket.pk, verb="ticket.priority_changed")
    assert (changed.actor, changed.on_behalf_of) == (desk.lead, desk.agent)


def test_approve_by_plain_post_redirects_with_a_message(desk: Desk) -> None:
    request = raise_to_p1(desk.agent, desk.ticket())

    response = desk.client("lead").post(
        reverse("scopes:approve", args=[request.pk]), {"note": "", "next": INBOX}, follow=True
    )

    assert response.redirect_chain[-1][0] == INBOX
    assert "carried out on behalf of Ada Agent" in text_of(response)


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_declining_needs_a_reason_shown_at_the_field_and_keeps_the_request(
    desk: Desk, htmx: bool
) -> None:
    request = raise_to_p1(desk.agent, desk.ticket())
    headers = HTMX if htmx else {}

    response = desk.client("lead").post(
        reverse("scopes:decline", args=[request.pk]), {"reason": "  "}, **headers
    )

    assert response.status_code == 422
    assert f'id="reason-{request.pk}-error"' in text_of(response)
    assert "Say why you decline." in text_of(response)
    assert DecisionRequest.objects.get(pk=request.pk).is_pending


def test_declining_with_a_reason_closes_it_and_the_requester_reads_why(desk: Desk) -> None:
    ticket = desk.ticket()
    request = raise_to_p1(desk.agent, ticket)

    desk.client("lead").post(
        reverse("scopes:decline", args=[request.pk]), {"reason": "Only one user is affected."}
    )

    assert Ticket.objects.get(pk=ticket.pk).priority == 3
    sent = text_of(desk.client("agent").get(INBOX + "?tab=sent"))
    assert "declined" in sent
    assert "Only one user is affected." in sent


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_a_request_already_decided_answers_conflict_with_the_reason(desk: Desk, htmx: bool) -> None:
    request = raise_to_p1(desk.agent, desk.ticket())
    approve_request(actor=desk.admin, request_id=request.pk)
    headers = HTMX if htmx else {}

    response = desk.client("lead").post(
        reverse("scopes:approve", args=[request.pk]), {"note": ""}, **headers
    )

    assert response.status_code == 409
    assert "This request was already approved." in text_of(response)
    assert DecisionRecord.objects.filter(outcome=DecisionOutcome.APPROVED).count() == 1


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_an_approver_whose_scope_no_longer_covers_it_is_told_why_and_nothing_changes(
    desk: Desk, htmx: bool
) -> None:
    ticket = desk.ticket()
    request = raise_to_p1(desk.agent, ticket)
    leads = Grant.objects.get(name="Team leads: major incidents and SLA exceptions")
    revoke_grant(actor=desk.admin, grant_id=leads.pk, reason="Reorganised.")
    headers = HTMX if htmx else {}

    response = desk.client("lead").post(
        reverse("scopes:approve", args=[request.pk]), {"note": ""}, **headers
    )

    assert response.status_code == (422 if htmx else 403)
    assert "You cannot approve this" in text_of(response)
    assert Ticket.objects.get(pk=ticket.pk).priority == 3
    assert DecisionRequest.objects.get(pk=request.pk).is_pending


def test_the_inbox_warns_before_the_click_when_the_holders_scope_does_not_cover_it(
    desk: Desk,
) -> None:
    raise_to_p1(desk.agent, desk.ticket())
    leads = Grant.objects.get(name="Team leads: major incidents and SLA exceptions")
    revoke_grant(actor=desk.admin, grant_id=leads.pk, reason="Reorganised.")

    text = text_of(desk.client("lead").get(INBOX))

    assert "verdict-refused" in text
    assert "You may not set the priority of this alone" in text


def test_the_requester_withdraws_by_htmx(desk: Desk) -> None:
    request = raise_to_p1(desk.agent, desk.ticket())

    response = desk.client("agent").post(
        reverse("scopes:withdraw", args=[request.pk]), {"reason": ""}, **HTMX
    )

    assert response.status_code == 200
    assert "withdrawn" in text_of(response)
    assert DecisionRequest.objects.get(pk=request.pk).status == "withdrawn"


def test_the_decided_tab_keeps_the_history_of_answers(desk: Desk) -> None:
    request = raise_to_p1(desk.agent, desk.ticket())
    approve_request(actor=desk.lead, request_id=request.pk, note="Go ahead.")

    text = text_of(desk.client("lead").get(INBOX + "?tab=decided"))

    assert "approved" in text
    assert "Lea Lead answered on" in text
    assert "Go ahead." in text


def test_all_pending_is_a_tab_for_administrators_only(desk: Desk) -> None:
    raise_to_p1(desk.agent, desk.ticket())

    assert desk.client("lead").get(INBOX + "?tab=all").status_code == 404
    assert "Set the priority" in text_of(desk.client("admin").get(INBOX + "?tab=all"))


def test_a_forged_cursor_is_refused_with_a_message(desk: Desk) -> None:
    response = desk.client("lead").get(INBOX + "?cursor=not-a-cursor", follow=True)

    assert "This cursor is not valid." in text_of(response)


def test_the_header_badge_counts_what_waits_for_me(desk: Desk) -> None:
    raise_to_p1(desk.agent, desk.ticket())
    raise_to_p1(desk.agent, desk.ticket())

    lead_page = text_of(desk.client("lead").get(reverse("tickets:queue")))
    agent_page = text_of(desk.client("agent").get(reverse("tickets:queue")))

    assert '<span class="count" title="2 decisions wait for you">2</span>' in lead_page
    assert "wait for you" not in agent_page
    assert "waits for you" not in agent_page
