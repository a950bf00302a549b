"""notify(): channels by preference, skips, dedupe, the recipient's language and time zone."""

from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import transaction

from latitude.notifications import actions
from latitude.notifications.choices import EmailMode
from latitude.notifications.models import DigestItem, Notification, Occurrence, OutboxMessage
from latitude.notifications.recipients import Choice
from latitude.notifications.registry import EventType, register_event
from latitude.notifications.tasks import deliver_outbox
from latitude.notifications.tests.conftest import AGENT_EVENT, TEST_EVENT
from latitude.testing.factories import AgentFactory, RequesterFactory, TicketFactory

pytestmark = pytest.mark.django_db


def _notify(recipients, **kwargs):
    kwargs.setdefault("context", {"what": "the printer"})
    return actions.notify(event=TEST_EVENT, recipients=recipients, **kwargs)


def test_notify_writes_in_app_rows_and_outbox_rows_in_the_callers_transaction():
    person = RequesterFactory()
    occurrence = _notify([person])
    assert Notification.objects.filter(recipient=person, occurrence=occurrence).count() == 1
    message = OutboxMessage.objects.get(recipient=person)
    assert message.to_address == person.email
    assert "the printer" in message.subject
    assert message.message_id.startswith("<lat")
    assert message.message_id.endswith(">")


def test_a_rolled_back_transaction_leaves_nothing_and_queues_nothing(
    django_capture_on_commit_callbacks,
):
    person = RequesterFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        try:
            with transaction.atomic():
                _notify([person])
                raise RuntimeError("the action failed later")
        except RuntimeError:
            pass
    assert not callbacks
    assert not Occurrence.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_delivery_is_queued_after_commit_with_the_outbox_ids(django_capture_on_commit_callbacks):
    person = RequesterFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        _notify([person])
    assert len(callbacks) == 1
    message = OutboxMessage.objects.get()
    assert callbacks[0].args == ()
    assert callbacks[0].keywords == {"message_ids": [message.pk]}
    assert callbacks[0].func.__self__.func is deliver_outbox.func


def test_actor_inactive_duplicates_and_audience_are_skipped_and_recorded():
    actor, requester, gone = AgentFactory(), RequesterFactory(), RequesterFactory(is_active=False)
    occurrence = actions.notify(
        event=AGENT_EVENT, recipients=[actor, requester, requester, gone, None], actor=actor
    )
    outcome = {row["user"]: row.get("skipped") for row in occurrence.outcome}
    assert outcome == {actor.pk: "actor", requester.pk: "audience", gone.pk: "inactive"}
    assert not Notification.objects.exists()


def test_same_dedupe_key_is_never_notified_twice():
    person = RequesterFactory()
    assert _notify([person], dedupe_key="k:1") is not None
    assert _notify([person], dedupe_key="k:1") is None
    assert Notification.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_a_person_without_an_address_gets_in_app_only_and_notify_does_not_raise():
    person = RequesterFactory(email="")
    occurrence = _notify([person])
    assert occurrence.outcome == [{"user": person.pk, "in_app": True, "email": "no_address"}]
    assert Notification.objects.count() == 1
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    ("choice", "in_app", "emails", "digests"),
    [
        (Choice(in_app=True, email=EmailMode.OFF), 1, 0, 0),
        (Choice(in_app=False, email=EmailMode.IMMEDIATE), 0, 1, 0),
        (Choice(in_app=False, email=EmailMode.DIGEST), 0, 0, 1),
        (Choice(in_app=False, email=EmailMode.OFF), 0, 0, 0),
    ],
)
def test_preferences_choose_the_channels(choice, in_app, emails, digests):
    person = RequesterFactory()
    actions.update_preferences(actor=person, choices={TEST_EVENT: choice})
    _notify([person])
    assert Notification.objects.count() == in_app
    assert OutboxMessage.objects.count() == emails
    assert DigestItem.objects.count() == digests


def test_email_is_rendered_in_the_recipients_language_and_time_zone():
    german = RequesterFactory(language="de", time_zone="America/New_York")
    english = RequesterFactory(language="en", time_zone="Asia/Tokyo")
    occurrence = _notify([german, english])
    for person, zone in ((german, "America/New_York"), (english, "Asia/Tokyo")):
        local = occurrence.created_at.astimezone(ZoneInfo(zone))
        message = OutboxMessage.objects.get(recipient=person)
        expected = f"the printer at {local:%Y-%m-%d %H:%M} {local.tzname()} [{person.language}]"
        assert message.body_text.splitlines()[0] == expected
        assert message.language == person.language
    assert OutboxMessage.objects.get(recipient=english).body_html == "<p>the printer</p>\n"


def test_delivered_mail_carries_automatic_headers_and_the_fixed_message_id():
    person = RequesterFactory()
    _notify([person])
    message = OutboxMessage.objects.get()
    deliver_outbox.call(message_ids=[message.pk])
    [sent] = mail.outbox
    assert sent.extra_headers["Auto-Submitted"] == "auto-generated"
    assert sent.extra_headers["X-Auto-Response-Suppress"] == "All"
    assert sent.extra_headers["Message-ID"] == message.message_id
    assert sent.message()["Message-ID"] == message.message_id
    message.refresh_from_db()
    assert message.status == "sent"
    assert message.sent_at is not None


def test_notify_for_a_ticket_links_to_the_subject():
    ticket = TicketFactory()
    occurrence = _notify([ticket.requester], subject=ticket)
    assert occurrence.subject_type == "tickets.ticket"
    assert occurrence.subject_id == ticket.pk


def test_people_who_cannot_see_the_subject_are_skipped():
    register_event(
        EventType(
            name="test.hidden",
            label="Hidden",
            audience=("requester",),
            default_channels=("in_app",),
            template="notifications/tests/happened",
            visible_to=lambda subject, person: person.pk == subject.requester_id,
        )
    )
    ticket = TicketFactory()
    stranger = RequesterFactory()
    occurrence = actions.notify(
        event="test.hidden", recipients=[ticket.requester, stranger], subject=ticket
    )
    assert [row.get("skipped") for row in occurrence.outcome] == [None, "cannot_see"]
    assert list(Notification.objects.values_list("recipient", flat=True)) == [ticket.requester.pk]


def test_an_unknown_event_is_a_programming_error():
    with pytest.raises(LookupError):
        actions.notify(event="no.such.event", recipients=[])


def test_registering_a_different_event_under_a_taken_name_is_refused():
    with pytest.raises(ValueError, match="registered twice"):
        register_event(
            EventType(
                name=TEST_EVENT,
                label="Other",
                audience=("agent",),
                default_channels=(),
                template="x",
            )
        )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"audience": ("everyone",)},
        {"default_channels": ("sms",)},
        {"template": ""},
        {"name": ""},
    ],
)
def test_event_types_are_validated(kwargs):
    base = {
        "name": "test.valid",
        "label": "Valid",
        "audience": ("agent",),
        "default_channels": ("in_app",),
        "template": "t",
    }
    with pytest.raises(ValueError, match=r"event type|audience|channels|template"):
        EventType(**{**base, **kwargs})
