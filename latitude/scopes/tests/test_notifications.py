"""Decision requests and decide-and-inform grants notify the people concerned, once each."""

from datetime import timedelta

import pytest
from django.utils import timezone

from latitude.core.errors import OutOfScope
from latitude.notifications.models import Notification, Occurrence, OutboxMessage
from latitude.people.actions import record_absence
from latitude.scopes import notification_events as events
from latitude.scopes.actions import (
    approve_request,
    decline_request,
    expire_request,
    reroute_request,
)
from latitude.scopes.tests.helpers import team_grant
from latitude.testing.factories import (
    AdminFactory,
    AgentFactory,
    TeamFactory,
    TicketFactory,
    make_lead,
    member_of,
)
from latitude.tickets import actions
from latitude.tickets.choices import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    team = TeamFactory(name="Service Desk")
    agent = member_of(team, AgentFactory(full_name="Alex Agent", language="en"))
    lead = make_lead(AgentFactory(full_name="Lee Lead", language="de"), team)
    return team, agent, lead


def _ask_to_resolve_a_p1(team, agent) -> int:
    ticket = TicketFactory(team=team, owner=agent, priority=1, status=Status.IN_PROGRESS)
    with pytest.raises(OutOfScope) as caught:
        actions.resolve_ticket(actor=agent, ticket_id=ticket.pk, resolution="Rebooted.")
    return caught.value.decision_request_id


def _notified(event: str) -> list:
    return [
        n.recipient
        for n in Notification.objects.filter(occurrence__event=event)
        .select_related("recipient")
        .order_by("pk")
    ]


def test_the_lead_hears_of_a_request_routed_to_them_in_their_language(desk):
    team, agent, lead = desk
    request_id = _ask_to_resolve_a_p1(team, agent)

    assert _notified(events.ROUTED) == [lead]
    notification = Notification.objects.get(recipient=lead)
    assert notification.link == f"/desk/latitude/requests/{request_id}/"
    occurrence = Occurrence.objects.get(event=events.ROUTED)
    assert occurrence.context["requester_name"] == "Alex Agent"


def test_asking_again_for_the_same_decision_does_not_notify_twice(desk):
    team, agent, lead = desk
    ticket = TicketFactory(team=team, owner=agent, priority=1, status=Status.IN_PROGRESS)
    for _ in range(2):
        with pytest.raises(OutOfScope):
            actions.resolve_ticket(actor=agent, ticket_id=ticket.pk, resolution="Rebooted.")

    assert _notified(events.ROUTED) == [lead]


def test_the_requester_hears_of_an_approval_and_of_a_decline_with_the_note(desk):
    team, agent, lead = desk
    approve_request(actor=lead, request_id=_ask_to_resolve_a_p1(team, agent), note="Go ahead.")
    decline_request(
        actor=lead, request_id=_ask_to_resolve_a_p1(team, agent), reason="Still down for some."
    )

    answers = Occurrence.objects.filter(event=events.ANSWERED).order_by("pk")
    assert [(o.context["approved"], o.context["note"]) for o in answers] == [
        (True, "Go ahead."),
        (False, "Still down for some."),
    ]
    assert _notified(events.ANSWERED) == [agent, agent]


def test_the_requester_hears_of_an_expiry_once(desk, settings):
    team, agent, _ = desk
    settings.LATITUDE_DECISION_REQUEST_HOURS = 0
    request_id = _ask_to_resolve_a_p1(team, agent)

    expire_request(request_id=request_id)
    expire_request(request_id=request_id)

    assert _notified(events.EXPIRED) == [agent]


def test_only_the_holder_a_request_moves_on_to_hears_of_it_again(desk):
    team, agent, lead = desk
    admin = AdminFactory(full_name="Ada Admin")
    request_id = _ask_to_resolve_a_p1(team, agent)
    now = timezone.now()
    record_absence(actor=lead, person=lead, starts_at=now, ends_at=now + timedelta(days=1))

    reroute_request(request_id=request_id)

    assert _notified(events.ROUTED) == [lead, admin]


def test_a_decide_and_inform_grant_tells_the_person_it_names(desk, without_standard_grants):
    team, agent, _ = desk
    watcher = member_of(team, AgentFactory(full_name="Wanda Watcher"))
    team_grant(team, "ticket.resolve", effect="decide_and_inform", inform_person_id=watcher.pk)
    ticket = TicketFactory(team=team, owner=agent, priority=3, status=Status.IN_PROGRESS)

    actions.resolve_ticket(actor=agent, ticket_id=ticket.pk, resolution="Replaced the toner.")

    assert _notified(events.INFORMED) == [watcher]
    assert Notification.objects.get(recipient=watcher).link == f"/desk/tickets/{ticket.number}/"
    occurrence = Occurrence.objects.get(event=events.INFORMED)
    assert occurrence.context["rationale"] == "Replaced the toner."


def test_the_e_mail_is_rendered_in_the_recipients_language_with_the_request_link(desk):
    team, agent, lead = desk
    request_id = _ask_to_resolve_a_p1(team, agent)

    message = OutboxMessage.objects.get(recipient=lead)
    assert message.language == "de"
    assert message.subject.startswith("Entscheidungsanfrage für Sie:")
    assert "Alex Agent bittet Sie, „Ticket lösen“" in message.body_text
    assert f"/desk/latitude/requests/{request_id}/" in message.body_text


def test_someone_named_to_be_informed_who_cannot_see_the_ticket_is_skipped(
    desk, without_standard_grants
):
    team, agent, _ = desk
    outsider = member_of(TeamFactory(name="Facilities"), AgentFactory(full_name="Olga Outside"))
    team_grant(team, "ticket.resolve", effect="decide_and_inform", inform_person_id=outsider.pk)
    ticket = TicketFactory(team=team, owner=agent, priority=3, status=Status.IN_PROGRESS)

    actions.resolve_ticket(actor=agent, ticket_id=ticket.pk, resolution="Replaced the toner.")

    assert _notified(events.INFORMED) == []
    occurrence = Occurrence.objects.get(event=events.INFORMED)
    assert [row["skipped"] for row in occurrence.outcome] == ["cannot_see"]
