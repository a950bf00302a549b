"""One ticket in the portal: what the requester sees and what they can do with it."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from latitude.portal.tests.conftest import png_upload
from latitude.testing.factories import (
    AgentFactory,
    CommentFactory,
    OrgUnitFactory,
    RequesterFactory,
    TicketFactory,
    member_of,
)
from latitude.tickets import actions
from latitude.tickets.choices import CloseReason, Status
from latitude.tickets.models import Comment

pytestmark = pytest.mark.django_db


def url(name, ticket):
    return reverse(f"portal:{name}", args=[ticket.number])


def resolved_ticket(requester, **extra):
    return TicketFactory(
        requester=requester,
        status=Status.RESOLVED,
        resolved_at=timezone.now(),
        resolution="Replaced the toner cartridge.",
        **extra,
    )


def test_requester_sees_subject_and_status_in_plain_words(requester_client, requester):
    ticket = TicketFactory(requester=requester, subject="Printer jams", status=Status.NEW)

    response = requester_client.get(url("ticket", ticket))

    assert response.status_code == 200
    assert "Printer jams" in response.text
    assert "Received" in response.text


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("ticket", "get"),
        ("reply", "post"),
        ("accept", "post"),
        ("reopen", "post"),
    ],
)
def test_another_requesters_ticket_is_not_found(requester_client, name, method):
    other = resolved_ticket(RequesterFactory(), subject="Private matter")

    response = getattr(requester_client, method)(url(name, other), {"body": "hi", "reason": "x"})

    assert response.status_code == 404
    assert "Private matter" not in response.text
    other.refresh_from_db()
    assert other.status == Status.RESOLVED
    assert not other.comments.exists()


def test_unknown_ticket_number_is_not_found(requester_client):
    response = requester_client.get(reverse("portal:ticket", args=["INC-999999"]))

    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, requester):
    ticket = TicketFactory(requester=requester)

    response = client.get(url("ticket", ticket))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def _ticket_with_internal_content(requester):
    ticket = TicketFactory(requester=requester)
    agent = member_of(ticket.team, AgentFactory())
    actions.add_comment(actor=agent, ticket_id=ticket.pk, body="We will fix it today.")
    actions.add_comment(
        actor=agent,
        ticket_id=ticket.pk,
        body="INTERNAL: requester is a VIP, escalate",
        internal=True,
    )
    actions.add_attachment(
        actor=agent, ticket_id=ticket.pk, upload=png_upload("internal-diagram.png"), internal=True
    )
    return ticket, agent


def test_internal_notes_and_files_never_reach_the_requester(requester_client, requester):
    ticket, _agent = _ticket_with_internal_content(requester)

    response = requester_client.get(url("ticket", ticket))

    assert "We will fix it today." in response.text
    assert "requester is a VIP" not in response.text
    assert "internal-diagram.png" not in response.text


def test_internal_notes_stay_out_of_the_portal_even_for_an_agent_on_the_ticket(client, requester):
    ticket, agent = _ticket_with_internal_content(requester)
    ticket.requester = agent
    ticket.save(update_fields=["requester"])
    client.force_login(agent)

    response = client.get(url("ticket", ticket))

    assert response.status_code == 200
    assert "requester is a VIP" not in response.text
    assert "internal-diagram.png" not in response.text


def test_public_files_link_to_the_checked_download(requester_client, requester):
    ticket = TicketFactory(requester=requester)
    attachment = actions.add_attachment(actor=requester, ticket_id=ticket.pk, upload=png_upload())

    response = requester_client.get(url("ticket", ticket))

    assert reverse("tickets:attachment", args=[attachment.pk]) in response.text


def test_comment_text_is_rendered_inert(requester_client, requester):
    ticket = TicketFactory(requester=requester)
    CommentFactory(ticket=ticket, body="<script>alert(1)</script> [x](javascript:alert(2))")

    response = requester_client.get(url("ticket", ticket))

    assert "<script>alert(1)" not in response.text
    assert 'href="javascript:' not in response.text


def test_reply_with_a_file_is_added_to_the_public_conversation(requester_client, requester):
    ticket = TicketFactory(requester=requester, status=Status.WAITING_REQUESTER)

    response = requester_client.post(
        url("reply", ticket), {"body": "Here is the error message.", "attachment": png_upload()}
    )

    assert response.status_code == 302
    comment = Comment.objects.get(ticket=ticket)
    assert (comment.body, comment.is_internal, comment.author) == (
        "Here is the error message.",
        False,
        requester,
    )
    assert comment.attachments.get().original_name == "screenshot.png"
    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS


def test_empty_reply_is_a_field_error(requester_client, requester):
    ticket = TicketFactory(requester=requester)

    response = requester_client.post(url("reply", ticket), {"body": "   "})

    assert response.status_code == 400
    assert "body" in response.context["reply_form"].errors
    assert not ticket.comments.exists()


def test_reply_with_a_refused_file_saves_nothing(requester_client, requester):
    ticket = TicketFactory(requester=requester)
    page = SimpleUploadedFile("page.html", b"<html>hi</html>", "text/html")

    response = requester_client.post(url("reply", ticket), {"body": "See file", "attachment": page})

    assert response.status_code == 422
    assert response.context["reply_form"].errors["attachment"]
    assert not ticket.comments.exists()


def test_resolved_ticket_shows_the_resolution_and_both_choices(requester_client, requester):
    ticket = resolved_ticket(requester)

    response = requester_client.get(url("ticket", ticket))

    assert "Replaced the toner cartridge." in response.text
    assert url("accept", ticket) in response.text
    assert url("reopen", ticket) in response.text


def test_accepting_the_resolution_closes_the_ticket(requester_client, requester):
    ticket = resolved_ticket(requester)

    response = requester_client.post(url("accept", ticket))

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.status, ticket.close_reason) == (Status.CLOSED, CloseReason.ACCEPTED)


def test_accepting_an_open_ticket_shows_why_not(requester_client, requester):
    ticket = TicketFactory(requester=requester, status=Status.IN_PROGRESS)

    response = requester_client.post(url("accept", ticket), follow=True)

    assert "Only a resolved ticket can be accepted." in response.text
    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS


def test_reopening_with_a_reason_puts_the_ticket_back_in_progress(requester_client, requester):
    ticket = resolved_ticket(requester)

    response = requester_client.post(url("reopen", ticket), {"reason": "Still prints blank pages."})

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.status, ticket.reopen_count) == (Status.IN_PROGRESS, 1)


def test_reopening_needs_a_reason(requester_client, requester):
    ticket = resolved_ticket(requester)

    response = requester_client.post(url("reopen", ticket), {"reason": ""})

    assert response.status_code == 400
    assert "reason" in response.context["reopen_form"].errors
    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED


def test_reopening_a_recently_closed_ticket_works(requester_client, requester):
    ticket = TicketFactory(
        requester=requester, status=Status.CLOSED, closed_at=timezone.now() - timedelta(days=1)
    )

    requester_client.post(url("reopen", ticket), {"reason": "It broke again."})

    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS


def test_reopening_after_the_period_shows_the_actions_message(
    requester_client, requester, settings
):
    settings.LATITUDE_REOPEN_CLOSED_DAYS = 14
    ticket = TicketFactory(
        requester=requester, status=Status.CLOSED, closed_at=timezone.now() - timedelta(days=30)
    )

    response = requester_client.post(url("reopen", ticket), {"reason": "It broke again."})

    assert response.status_code == 409
    assert "closed more than 14 days ago" in response.text
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED


def test_unit_colleague_can_read_but_not_decide_or_reply(client):
    unit = OrgUnitFactory(shares_tickets=True)
    owner, colleague = RequesterFactory(unit=unit), RequesterFactory(unit=unit)
    ticket = resolved_ticket(owner)
    client.force_login(colleague)

    page = client.get(url("ticket", ticket))
    client.post(url("accept", ticket))

    assert page.status_code == 200
    assert url("accept", ticket) not in page.text
    assert url("reply", ticket) not in page.text
    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED


def _add_replies(ticket, count):
    for _ in range(count):
        comment = CommentFactory(ticket=ticket)
        actions.add_attachment(
            actor=ticket.requester, ticket_id=ticket.pk, upload=png_upload(), comment=comment
        )


def test_ticket_page_costs_the_same_queries_for_3_and_30_replies(
    requester_client, requester, django_assert_num_queries
):
    ticket = TicketFactory(requester=requester)
    _add_replies(ticket, 3)
    with CaptureQueriesContext(connection) as few:
        assert requester_client.get(url("ticket", ticket)).status_code == 200

    _add_replies(ticket, 27)
    with django_assert_num_queries(len(few.captured_queries)):
        response = requester_client.get(url("ticket", ticket))
    assert response.text.count("screenshot.png") == 30
