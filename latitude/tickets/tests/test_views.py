"""The agent workspace over HTTP: who gets in, what the pages show, and what the panels do."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from latitude.core.models import AuditEntry
from latitude.people.models import Team, User
from latitude.testing.factories import (
    AgentFactory,
    RequesterFactory,
    ServiceFactory,
    TeamFactory,
    TicketFactory,
    make_lead,
    member_of,
)
from latitude.tickets import actions, events
from latitude.tickets.choices import Priority, Status
from latitude.tickets.models import Attachment, Comment, Ticket, TicketLink

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def team() -> Team:
    return TeamFactory()


@pytest.fixture
def agent(team: Team) -> User:
    return member_of(team, AgentFactory(full_name="Ada Agent"))


@pytest.fixture
def desk(client, agent: User):
    client.force_login(agent)
    return client


@pytest.fixture
def ticket(team: Team) -> Ticket:
    return TicketFactory(team=team, subject="Printer on fire")


def detail_url(ticket: Ticket, name: str = "detail", **kwargs: object) -> str:
    return reverse(f"tickets:{name}", kwargs={"reference": ticket.number, **kwargs})


def page_text(response) -> str:
    return response.content.decode()


# Access -------------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_sign_in(client, ticket: Ticket) -> None:
    for url in (reverse("tickets:queue"), detail_url(ticket)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_requester_finds_no_workspace(client, ticket: Ticket) -> None:
    client.force_login(ticket.requester)
    assert client.get(reverse("tickets:queue")).status_code == 404
    assert client.get(detail_url(ticket)).status_code == 404
    response = client.post(detail_url(ticket, "reply"), {"reply-body": "hi"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_agent_outside_the_team_gets_404_for_the_ticket(client, ticket: Ticket) -> None:
    client.force_login(AgentFactory())
    assert client.get(detail_url(ticket)).status_code == 404
    response = client.post(detail_url(ticket, "take"))
    assert response.status_code == 404
    ticket.refresh_from_db()
    assert ticket.owner_id is None


# Queues -------------------------------------------------------------------------------------


def test_team_queue_lists_team_tickets_with_counts_per_tab(desk, agent: User, team: Team) -> None:
    mine = TicketFactory(team=team, owner=agent, subject="Mine to do")
    TicketFactory(team=team, subject="Nobody has it")
    hidden = TicketFactory(subject="Another team's secret")

    response = desk.get(reverse("tickets:queue"), {"queue": "team"})

    text = page_text(response)
    assert response.status_code == 200
    assert "Mine to do" in text
    assert "Nobody has it" in text
    assert hidden.subject not in text
    tabs = {tab["key"]: tab["count"] for tab in response.context["tabs"]}
    assert tabs == {"mine": 1, "team": 2, "unassigned": 1, "all": 2}
    assert reverse("tickets:detail", args=[mine.number]) in text


def test_queue_filters_by_status_and_priority(desk, team: Team) -> None:
    TicketFactory(team=team, subject="Urgent one", priority=Priority.P1)
    TicketFactory(team=team, subject="Waiting one", status=Status.WAITING_REQUESTER)

    by_priority = page_text(desk.get(reverse("tickets:queue"), {"queue": "team", "priority": "1"}))
    by_status = page_text(
        desk.get(reverse("tickets:queue"), {"queue": "team", "status": "waiting_requester"})
    )

    assert "Urgent one" in by_priority
    assert "Waiting one" not in by_priority
    assert "Waiting one" in by_status
    assert "Urgent one" not in by_status


def test_queue_open_only_hides_resolved_unless_asked(desk, team: Team) -> None:
    TicketFactory(team=team, subject="Done and dusted", status=Status.RESOLVED)

    default = page_text(desk.get(reverse("tickets:queue"), {"queue": "team"}))
    everything = page_text(desk.get(reverse("tickets:queue"), {"queue": "team", "open": "0"}))

    assert "Done and dusted" not in default
    assert "Done and dusted" in everything


def test_queue_search_finds_a_ticket_by_its_number(desk, team: Team) -> None:
    wanted = TicketFactory(team=team, subject="Needle")
    TicketFactory(team=team, subject="Haystack")
    number = int(wanted.number.split("-")[1])

    text = page_text(desk.get(reverse("tickets:queue"), {"queue": "team", "q": f"inc-{number}"}))

    assert "Needle" in text
    assert "Haystack" not in text


def test_queue_search_matches_words_in_the_subject(desk, team: Team) -> None:
    TicketFactory(team=team, subject="Keyboard sticky")
    TicketFactory(team=team, subject="Monitor flickers")

    text = page_text(desk.get(reverse("tickets:queue"), {"queue": "team", "q": "keyb"}))

    assert "Keyboard sticky" in text
    assert "Monitor flickers" not in text


def test_htmx_filter_request_gets_only_the_results(desk, team: Team) -> None:
    TicketFactory(team=team, subject="Partial please")

    response = desk.get(reverse("tickets:queue"), {"queue": "team"}, **HTMX)

    text = page_text(response)
    assert "<html" not in text
    assert 'id="queue-results"' in text
    assert "Partial please" in text


def test_back_button_history_restore_gets_the_whole_page(desk) -> None:
    response = desk.get(
        reverse("tickets:queue"), {"queue": "team"}, **HTMX, HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )

    assert "<html" in page_text(response)


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "requester__password"},
        {"priority": "9"},
        {"status": "bogus"},
        {"team": "abc"},
        {"cursor": "not-a-cursor"},
        {"queue": "everyone"},
    ],
)
def test_bad_queue_parameters_are_refused_with_a_message(desk, params: dict[str, str]) -> None:
    response = desk.get(reverse("tickets:queue"), params)

    assert response.status_code == 400
    assert 'class="form-errors"' in page_text(response)


def test_queue_pages_by_cursor_with_a_next_link(desk, team: Team, settings) -> None:
    settings.LATITUDE_PAGE_SIZE = 2
    subjects = [TicketFactory(team=team, subject=f"Row {n}").subject for n in range(5)]

    first = desk.get(reverse("tickets:queue"), {"queue": "team", "sort": "-number"})
    next_href = re.search(r'rel="next" href="([^"]+)"', page_text(first)).group(1)
    second = desk.get(reverse("tickets:queue") + next_href.replace("&amp;", "&"))

    assert [t.subject for t in first.context["page"].items] == subjects[:2]
    assert [t.subject for t in second.context["page"].items] == subjects[2:4]
    assert "cursor=" in next_href


def test_queue_shows_update_time_in_the_agents_time_zone(client, team: Team) -> None:
    tokyo_agent = member_of(team, AgentFactory(time_zone="Asia/Tokyo"))
    TicketFactory(team=team)
    client.force_login(tokyo_agent)

    text = page_text(client.get(reverse("tickets:queue"), {"queue": "team"}))

    assert re.search(r'<time datetime="[^"]+\+09:00"', text)


def _queue_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("tickets:queue"), {"queue": "team", "open": "0"})
    assert response.status_code == 200
    return len(queries)


def _varied_tickets(team: Team, agent: User, count: int) -> None:
    service = ServiceFactory(owner_team=team)
    for n in range(count):
        TicketFactory(team=team, owner=agent if n % 2 else None, service=service if n % 3 else None)


def test_queue_query_count_does_not_grow_with_the_number_of_tickets(desk, team, agent) -> None:
    _varied_tickets(team, agent, 5)
    _queue_queries(desk)
    few = _queue_queries(desk)
    _varied_tickets(team, agent, 45)

    many = _queue_queries(desk)

    # 12 + the bell's unread count + the SLA badges' clocks (one query for the page, with their
    # calendars joined; these tickets have no calendar, so no prefetch of hours)
    assert many == few <= 14


# The ticket page ----------------------------------------------------------------------------


def test_ticket_page_shows_header_and_is_found_by_number_or_id(desk, ticket: Ticket) -> None:
    by_number = desk.get(detail_url(ticket))
    by_lowercase = desk.get(reverse("tickets:detail", args=[ticket.number.lower()]))
    by_id = desk.get(reverse("tickets:detail", args=[str(ticket.pk)]))

    text = page_text(by_number)
    assert by_number.status_code == by_lowercase.status_code == by_id.status_code == 200
    assert ticket.number in text
    assert "Printer on fire" in text
    assert ticket.requester.full_name in text


def test_unknown_or_absurd_ticket_reference_is_404(desk) -> None:
    for reference in ("INC-999999", "12345678901234567890123", "nonsense"):
        assert desk.get(reverse("tickets:detail", args=[reference])).status_code == 404


def test_timeline_tells_what_happened_and_marks_internal_notes(desk, agent, ticket) -> None:
    actions.add_comment(actor=agent, ticket_id=ticket.pk, body="Public **answer**")
    actions.add_comment(actor=agent, ticket_id=ticket.pk, body="Only for us", internal=True)
    actions.take_ticket(actor=agent, ticket_id=ticket.pk)

    text = page_text(desk.get(detail_url(ticket)))

    assert "<strong>answer</strong>" in text
    assert re.search(r'class="entry comment internal".*?Only for us', text, re.S)
    assert "Ada Agent took the ticket." in text


def test_timeline_renders_markdown_links_inert(desk, agent, ticket) -> None:
    body = "[click](javascript:alert(1)) <script>alert(2)</script> [ok](https://example.org)"
    actions.add_comment(actor=agent, ticket_id=ticket.pk, body=body)

    text = page_text(desk.get(detail_url(ticket)))

    assert "javascript:" not in text
    assert "<script>alert(2)" not in text
    assert '<a href="https://example.org" rel="noopener nofollow">ok</a>' in text


def test_agent_who_only_requested_the_ticket_reads_without_notes_or_panels(client, ticket) -> None:
    outsider = AgentFactory()
    ticket.requester = outsider
    ticket.save()
    member = member_of(ticket.team, AgentFactory())
    actions.add_comment(actor=member, ticket_id=ticket.pk, body="Secret triage note", internal=True)
    actions.take_ticket(actor=member, ticket_id=ticket.pk)
    client.force_login(outsider)

    text = page_text(client.get(detail_url(ticket)))

    assert "Secret triage note" not in text
    assert "took the ticket" not in text
    assert 'id="panel-status"' not in text


def _ticket_page_queries(client, ticket: Ticket) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(detail_url(ticket))
    assert response.status_code == 200
    return len(queries)


def _busy_history(agent: User, ticket: Ticket, rounds: int) -> None:
    for n in range(rounds):
        actions.add_comment(actor=agent, ticket_id=ticket.pk, body=f"Reply {n}")
        actions.add_comment(actor=agent, ticket_id=ticket.pk, body=f"Note {n}", internal=True)
        actions.add_attachment(
            actor=agent,
            ticket_id=ticket.pk,
            upload=SimpleUploadedFile(f"log{n}.txt", b"log", content_type="text/plain"),
        )
        actions.change_priority(actor=agent, ticket_id=ticket.pk, impact=1 + n % 3, urgency=1)
        actions.assign_owner(actor=agent, ticket_id=ticket.pk, owner=agent if n % 2 == 0 else None)


def test_ticket_page_query_count_does_not_grow_with_the_history(desk, agent, team) -> None:
    make_lead(agent, team)  # the history raises to P1, a lead's decision
    short, long = TicketFactory(team=team), TicketFactory(team=team)
    _busy_history(agent, short, 2)
    _busy_history(agent, long, 12)
    _ticket_page_queries(desk, short)

    # 20: 18 (the work check is asked once, the grants revision read once for the page), the
    # goodwill credits on the ticket (one list query), the bell's unread count; + 8 for the SLA
    # panel's clocks computed live from the trail (sla.selectors.details_of_seen_ticket: stored
    # clocks, trail and its agents, policies, calendar assignments, units, default calendar,
    # and the verdict of ticket.waive_sla's hint shares the grants read).
    assert _ticket_page_queries(desk, long) == _ticket_page_queries(desk, short) <= 20 + 8
    # An agent without the lead's scope also reads why P1 is not theirs and whom a click would
    # send it to: a fixed number of queries more, whatever the history.
    plain = Client()
    plain.force_login(member_of(team, AgentFactory()))
    _ticket_page_queries(plain, short)
    assert (
        _ticket_page_queries(plain, long) == _ticket_page_queries(plain, short) <= 26 + 8
    )  # 25 and the bell, + 8 for the SLA panel as above


def test_status_buttons_offer_only_legal_moves(desk, ticket: Ticket) -> None:
    text = page_text(desk.get(detail_url(ticket)))

    offered = set(re.findall(r'name="status" value="([a-z_]+)"', text))
    assert offered == {"in_progress", "waiting_requester", "waiting_third_party", "resolved"}


# Panels -------------------------------------------------------------------------------------


def test_reply_by_htmx_adds_the_comment_and_returns_the_refreshed_ticket(desk, ticket) -> None:
    response = desk.post(detail_url(ticket, "reply"), {"reply-body": "On my way"}, **HTMX)

    assert response.status_code == 200
    assert page_text(response).startswith('<div id="ticket"')
    assert "On my way" in page_text(response)
    assert response["HX-Trigger"] == "ticket-updated"
    assert Comment.objects.get().is_internal is False


def test_plain_post_redirects_back_to_the_ticket(desk, ticket: Ticket) -> None:
    response = desk.post(detail_url(ticket, "reply"), {"reply-body": "No JavaScript here"})

    assert response.status_code == 302
    assert response["Location"] == detail_url(ticket)


def test_internal_note_with_a_file_stores_an_internal_attachment(desk, ticket: Ticket) -> None:
    upload = SimpleUploadedFile("trace.txt", b"stack trace", content_type="text/plain")

    response = desk.post(
        detail_url(ticket, "note"), {"note-body": "See trace", "note-file": upload}, **HTMX
    )

    assert response.status_code == 200
    note = Comment.objects.get()
    attachment = Attachment.objects.get()
    assert note.is_internal
    assert attachment.is_internal
    assert attachment.comment == note


def test_refused_file_withdraws_its_text_and_shows_the_error_on_the_panel(desk, ticket) -> None:
    upload = SimpleUploadedFile("page.html", b"<html>hi</html>", content_type="text/html")

    response = desk.post(
        detail_url(ticket, "reply"), {"reply-body": "with a page", "reply-file": upload}, **HTMX
    )

    assert response.status_code == 422
    assert response["HX-Retarget"] == "#panel-reply"
    assert "Files of this type are not accepted." in page_text(response)
    assert not Comment.objects.exists()


def test_empty_reply_is_refused_next_to_the_text_field(desk, ticket: Ticket) -> None:
    response = desk.post(detail_url(ticket, "reply"), {"reply-body": "   "}, **HTMX)

    text = page_text(response)
    assert response.status_code == 422
    assert re.search(r'name="reply-body".*?</textarea><ul class="errorlist', text, re.S)
    assert "Write something first." in text


def test_refused_plain_post_shows_the_whole_page_with_the_error(desk, ticket: Ticket) -> None:
    response = desk.post(detail_url(ticket, "reply"), {"reply-body": ""})

    assert response.status_code == 422
    assert "<html" in page_text(response)
    assert "Write something first." in page_text(response)


def test_resolve_needs_a_resolution(desk, ticket: Ticket) -> None:
    response = desk.post(detail_url(ticket, "status"), {"status": "resolved"}, **HTMX)

    assert response.status_code == 422
    assert response["HX-Retarget"] == "#panel-status"
    assert "Say how the ticket was resolved." in page_text(response)


def test_resolve_with_resolution_resolves(desk, ticket: Ticket) -> None:
    response = desk.post(
        detail_url(ticket, "status"), {"status": "resolved", "resolution": "Put it out"}, **HTMX
    )

    ticket.refresh_from_db()
    assert response.status_code == 200
    assert ticket.status == Status.RESOLVED
    assert ticket.resolution == "Put it out"
    assert "changed the status from new to resolved" in page_text(response)


def test_illegal_transition_posted_anyway_is_refused_with_the_reason(desk, ticket) -> None:
    response = desk.post(detail_url(ticket, "status"), {"status": "closed"}, **HTMX)

    ticket.refresh_from_db()
    assert response.status_code == 422
    assert "Only a resolved ticket can be closed" in page_text(response)
    assert ticket.status == Status.NEW


def test_open_children_need_confirmation_before_resolving(desk, ticket: Ticket) -> None:
    TicketFactory(team=ticket.team, parent=ticket)
    data = {"status": "resolved", "resolution": "Fixed upstream"}

    page = page_text(desk.get(detail_url(ticket)))
    refused = desk.post(detail_url(ticket, "status"), data, **HTMX)
    confirmed = desk.post(
        detail_url(ticket, "status"), {**data, "confirm_open_children": "on"}, **HTMX
    )

    assert 'name="confirm_open_children"' in page
    assert refused.status_code == 422
    assert "child tickets are still open" in page_text(refused)
    assert confirmed.status_code == 200
    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED


def test_stale_version_is_refused_instead_of_overwriting(desk, agent, ticket) -> None:
    seen = ticket.version
    actions.take_ticket(actor=agent, ticket_id=ticket.pk)

    response = desk.post(
        detail_url(ticket, "priority"),
        {"impact": "1", "urgency": "1", "priority": "", "version": seen},
        **HTMX,
    )

    assert response.status_code == 422
    assert "changed by someone else" in page_text(response)


def test_priority_from_matrix_or_set_directly(desk, agent, team, ticket: Ticket) -> None:
    make_lead(agent, team)  # raising to P1 is a lead's decision
    desk.post(detail_url(ticket, "priority"), {"impact": "1", "urgency": "1", "priority": ""})
    ticket.refresh_from_db()
    from_matrix = ticket.priority
    desk.post(detail_url(ticket, "priority"), {"impact": "1", "urgency": "1", "priority": "3"})
    ticket.refresh_from_db()

    assert from_matrix == Priority.P1
    assert ticket.priority == Priority.P3


def test_take_and_assign_within_the_team(desk, agent, team, ticket: Ticket) -> None:
    colleague = member_of(team, AgentFactory(full_name="Cole League"))

    desk.post(detail_url(ticket, "take"), **HTMX)
    ticket.refresh_from_db()
    taken_by = ticket.owner_id
    page = page_text(desk.get(detail_url(ticket)))
    desk.post(detail_url(ticket, "assign"), {"owner": colleague.pk}, **HTMX)
    ticket.refresh_from_db()

    assert taken_by == agent.pk
    assert f'<option value="{colleague.pk}"' in page
    assert ticket.owner_id == colleague.pk


def test_assigning_someone_outside_the_team_is_refused(desk, ticket: Ticket) -> None:
    stranger = AgentFactory()

    response = desk.post(detail_url(ticket, "assign"), {"owner": stranger.pk}, **HTMX)

    assert response.status_code == 422
    assert "must be a member of the ticket" in page_text(response)


def test_take_refused_when_someone_else_owns_it(desk, team, ticket: Ticket) -> None:
    ticket.owner = member_of(team, AgentFactory(full_name="Quick Draw"))
    ticket.save()

    response = desk.post(detail_url(ticket, "take"), **HTMX)

    assert response.status_code == 422
    assert "Quick Draw already owns this ticket." in page_text(response)


def test_transfer_to_another_team_sends_the_agent_back_to_the_queues(desk, ticket) -> None:
    other = TeamFactory(name="Network")

    response = desk.post(
        detail_url(ticket, "transfer"), {"team": other.pk, "reason": "Their switch"}, **HTMX
    )

    ticket.refresh_from_db()
    assert ticket.team_id == other.pk
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("tickets:queue")


def test_transfer_to_a_team_the_agent_is_in_shows_the_ticket_again(desk, agent, ticket) -> None:
    other = TeamFactory(name="Desktop")
    member_of(other, agent)

    response = desk.post(detail_url(ticket, "transfer"), {"team": other.pk}, **HTMX)

    ticket.refresh_from_db()
    assert ticket.team_id == other.pk
    assert response.status_code == 200
    assert "handed the ticket from" in page_text(response)


def test_parent_related_and_merge_by_number(desk, team, ticket: Ticket) -> None:
    parent, other, survivor = (TicketFactory(team=team) for _ in range(3))

    desk.post(detail_url(ticket, "parent"), {"number": parent.number.lower()}, **HTMX)
    desk.post(detail_url(ticket, "link"), {"number": other.number}, **HTMX)
    linked = TicketLink.objects.count()
    desk.post(reverse("tickets:unlink", args=[ticket.number, other.pk]), **HTMX)
    desk.post(detail_url(ticket, "merge"), {"number": survivor.number}, **HTMX)

    ticket.refresh_from_db()
    assert ticket.parent_id == parent.pk
    assert linked == 1
    assert not TicketLink.objects.exists()
    assert ticket.merged_into_id == survivor.pk
    assert ticket.status == Status.CLOSED


def test_unknown_or_invisible_ticket_number_is_a_field_error(desk, ticket: Ticket) -> None:
    invisible = TicketFactory()

    for number in ("INC-999999", invisible.number):
        response = desk.post(detail_url(ticket, "link"), {"number": number}, **HTMX)
        assert response.status_code == 422
        assert response["HX-Retarget"] == "#panel-related"
        assert "No ticket with this number." in page_text(response)


def test_watchers_are_added_by_email_and_removed(desk, ticket: Ticket) -> None:
    person = RequesterFactory(email="watch.me@example.org")

    desk.post(detail_url(ticket, "watch"), {"email": "Watch.Me@example.org"}, **HTMX)
    added = list(ticket.watchers.all())
    desk.post(reverse("tickets:unwatch", args=[ticket.number, person.pk]), **HTMX)

    assert added == [person]
    assert not ticket.watchers.exists()
    assert AuditEntry.objects.filter(verb=events.WATCHER_REMOVED).exists()


def test_unknown_watcher_email_is_a_field_error(desk, ticket: Ticket) -> None:
    response = desk.post(detail_url(ticket, "watch"), {"email": "nobody@example.org"}, **HTMX)

    assert response.status_code == 422
    assert "Nobody with this e-mail address" in page_text(response)


def test_get_on_a_change_url_is_not_allowed(desk, ticket: Ticket) -> None:
    assert desk.get(detail_url(ticket, "status")).status_code == 405


# Attachments --------------------------------------------------------------------------------


def _stored_attachment(ticket: Ticket, *, internal: bool = False, content_type: str = "text/plain"):
    attachment = Attachment(
        ticket=ticket,
        uploaded_by=ticket.requester,
        original_name="report.txt",
        content_type=content_type,
        size=5,
        sha256="0" * 64,
        is_internal=internal,
    )
    attachment.file.save("upload", ContentFile(b"hello"), save=False)
    attachment.save()
    return attachment


def test_attachment_downloads_as_a_file_with_nosniff(desk, ticket: Ticket) -> None:
    attachment = _stored_attachment(ticket)

    response = desk.get(reverse("tickets:attachment", args=[attachment.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"hello"
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="report.txt"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_attachment_never_served_as_html(desk, ticket: Ticket) -> None:
    attachment = _stored_attachment(ticket, content_type="text/html")

    response = desk.get(reverse("tickets:attachment", args=[attachment.pk]))

    assert response["Content-Type"] == "application/octet-stream"


def test_requester_downloads_own_public_file_but_not_internal_ones(client, ticket) -> None:
    public = _stored_attachment(ticket)
    internal = _stored_attachment(ticket, internal=True)
    client.force_login(ticket.requester)

    assert client.get(reverse("tickets:attachment", args=[public.pk])).status_code == 200
    assert client.get(reverse("tickets:attachment", args=[internal.pk])).status_code == 404


def test_other_people_get_404_for_an_attachment(client, ticket: Ticket) -> None:
    attachment = _stored_attachment(ticket)
    url = reverse("tickets:attachment", args=[attachment.pk])

    anonymous = client.get(url)
    client.force_login(RequesterFactory())
    stranger = client.get(url)
    client.force_login(AgentFactory())
    other_agent = client.get(url)

    assert anonymous.status_code == 302
    assert stranger.status_code == other_agent.status_code == 404
    assert client.get(reverse("tickets:attachment", args=[999999])).status_code == 404
