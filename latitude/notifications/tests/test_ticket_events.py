"""The ticket actions notify the right people: public answers reach the requester, internal
notes never do, nobody hears of their own act."""

import pytest

from latitude.notifications.models import Notification
from latitude.testing.factories import (
    AgentFactory,
    RequesterFactory,
    TeamFactory,
    TicketFactory,
    member_of,
)
from latitude.tickets import actions
from latitude.tickets.models import TicketWatcher

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    team = TeamFactory()
    agent, owner = member_of(team, AgentFactory()), member_of(team, AgentFactory())
    ticket = TicketFactory(team=team, owner=owner)
    return ticket, agent, owner


def _events_of(person):
    return sorted(
        Notification.objects.filter(recipient=person).values_list("occurrence__event", flat=True)
    )


def test_a_public_answer_notifies_the_requester_with_a_portal_link(desk):
    ticket, agent, _owner = desk
    actions.add_comment(actor=agent, ticket_id=ticket.pk, body="Try turning it off and on.")
    assert _events_of(ticket.requester) == ["ticket.answered"]
    assert _events_of(agent) == []
    note = Notification.objects.get(recipient=ticket.requester)
    assert note.link == f"/portal/tickets/{ticket.number}/"


def test_an_internal_note_reaches_the_owner_and_agent_watchers_never_the_requester(desk):
    ticket, agent, owner = desk
    outsider = RequesterFactory()
    TicketWatcher.objects.create(ticket=ticket, user=outsider)
    actions.add_comment(actor=agent, ticket_id=ticket.pk, body="Vendor case 123", internal=True)
    assert _events_of(owner) == ["ticket.note_added"]
    assert _events_of(ticket.requester) == []
    assert _events_of(outsider) == []
    assert Notification.objects.get(recipient=owner).link == f"/desk/tickets/{ticket.number}/"


def test_the_requesters_reply_notifies_the_owner_not_the_requester(desk):
    ticket, _agent, owner = desk
    actions.add_comment(actor=ticket.requester, ticket_id=ticket.pk, body="Still broken.")
    assert _events_of(owner) == ["ticket.requester_replied"]
    assert _events_of(ticket.requester) == []


def test_assigning_notifies_the_new_owner_but_taking_it_yourself_does_not(desk):
    ticket, agent, owner = desk
    actions.assign_owner(actor=owner, ticket_id=ticket.pk, owner=agent)
    assert _events_of(agent) == ["ticket.assigned"]
    Notification.objects.all().delete()
    actions.assign_owner(actor=agent, ticket_id=ticket.pk, owner=None)
    actions.take_ticket(actor=owner, ticket_id=ticket.pk)
    assert _events_of(owner) == []


def test_resolving_notifies_the_requester_and_watchers_hear_of_the_update(desk):
    ticket, agent, owner = desk
    watcher = member_of(ticket.team, AgentFactory())
    TicketWatcher.objects.create(ticket=ticket, user=watcher)
    actions.resolve_ticket(actor=agent, ticket_id=ticket.pk, resolution="Replaced the cable.")
    assert _events_of(ticket.requester) == ["ticket.resolved"]
    assert _events_of(watcher) == ["ticket.updated"]
    assert _events_of(owner) == ["ticket.updated"]
    assert _events_of(agent) == []


def test_a_requester_watching_hears_of_answers_but_not_of_notes(desk):
    ticket, agent, _owner = desk
    colleague = RequesterFactory()
    TicketWatcher.objects.create(ticket=ticket, user=colleague)
    actions.add_comment(actor=agent, ticket_id=ticket.pk, body="internal", internal=True)
    assert _events_of(colleague) == []
    actions.add_comment(actor=agent, ticket_id=ticket.pk, body="public")
    assert _events_of(colleague) == ["ticket.updated"]
    occurrence = Notification.objects.get(recipient=colleague).occurrence
    assert occurrence.context["excerpt"] == "public"


def test_the_requesters_e_mail_is_in_their_language_with_automatic_headers(desk):
    from latitude.notifications.models import OutboxMessage
    from latitude.notifications.outbox import as_email

    ticket, agent, _owner = desk
    ticket.requester.language = "de"
    ticket.requester.save()
    actions.add_comment(actor=agent, ticket_id=ticket.pk, body="Bitte neu starten.")
    message = OutboxMessage.objects.get(recipient=ticket.requester)
    assert message.subject == f"[{ticket.number}] Ihr Ticket wurde beantwortet: {ticket.subject}"
    assert "Bitte neu starten." in message.body_text
    assert f"/portal/tickets/{ticket.number}/" in message.body_text
    assert "Wählen Sie, welche Benachrichtigungen Sie erhalten" in message.body_text
    headers = as_email(message, connection=None).message()
    assert headers["Auto-Submitted"] == "auto-generated"
    assert headers["X-Auto-Response-Suppress"] == "All"
