"""Daily digests: grouped by event type, sent once a day after the person's local hour."""

from datetime import UTC, datetime, timedelta

import pytest

from latitude.notifications import actions, digest
from latitude.notifications.choices import EmailMode
from latitude.notifications.models import DigestItem, Occurrence, OutboxMessage
from latitude.notifications.recipients import Choice
from latitude.notifications.tests.conftest import AGENT_EVENT, TEST_EVENT
from latitude.testing.factories import AgentFactory

pytestmark = pytest.mark.django_db

DIGEST = Choice(in_app=False, email=EmailMode.DIGEST)


@pytest.fixture
def person(settings):
    settings.LATITUDE_DIGEST_HOUR = 7
    person = AgentFactory(time_zone="Asia/Tokyo", language="en")
    actions.update_preferences(actor=person, choices={TEST_EVENT: DIGEST, AGENT_EVENT: DIGEST})
    return person


def _happen(person, event, what):
    actions.notify(event=event, recipients=[person], context={"what": what})


def _backdate(when):
    Occurrence.objects.update(created_at=when)
    DigestItem.objects.update(created_at=when)


def test_digest_groups_items_by_event_type_in_one_message(person):
    _happen(person, TEST_EVENT, "printer")
    _happen(person, TEST_EVENT, "scanner")
    _happen(person, AGENT_EVENT, "router")
    assert not OutboxMessage.objects.exists()
    _backdate(datetime(2025, 3, 3, 12, 0, tzinfo=UTC))

    sent = digest.queue_due_digests(datetime(2025, 3, 3, 23, 0, tzinfo=UTC))  # 08:00 in Tokyo
    message = OutboxMessage.objects.get(pk__in=sent)
    body = message.body_text
    assert message.key == f"digest:{person.pk}:2025-03-04"
    assert "3 notifications" in message.subject
    assert body.index("== Agents only ==") < body.index("router") < body.index("== Something")
    assert body.index("== Something happened ==") < body.index("printer") < body.index("scanner")
    assert DigestItem.objects.filter(message=message).count() == 3


def test_nothing_is_sent_before_the_local_hour_and_only_once_a_day(person):
    _happen(person, TEST_EVENT, "printer")
    _backdate(datetime(2025, 3, 3, 12, 0, tzinfo=UTC))
    assert digest.queue_due_digests(datetime(2025, 3, 3, 21, 30, tzinfo=UTC)) == []  # 06:30
    assert len(digest.queue_due_digests(datetime(2025, 3, 3, 22, 30, tzinfo=UTC))) == 1  # 07:30
    assert digest.queue_due_digests(datetime(2025, 3, 3, 23, 30, tzinfo=UTC)) == []

    _happen(person, TEST_EVENT, "later that day")
    _later = datetime(2025, 3, 4, 3, 0, tzinfo=UTC)
    DigestItem.objects.filter(message__isnull=True).update(created_at=_later)
    assert digest.queue_due_digests(_later + timedelta(hours=1)) == []  # 13:00, today's went
    next_morning = datetime(2025, 3, 4, 22, 10, tzinfo=UTC)
    [second] = digest.queue_due_digests(next_morning)
    assert "later that day" in OutboxMessage.objects.get(pk=second).body_text
    assert "printer" not in OutboxMessage.objects.get(pk=second).body_text


def test_a_digest_is_written_in_the_persons_language(person):
    person.language = "de"
    person.save()
    _happen(person, TEST_EVENT, "Drucker")
    _backdate(datetime(2025, 3, 3, 12, 0, tzinfo=UTC))
    [message_id] = digest.queue_due_digests(datetime(2025, 3, 3, 23, 0, tzinfo=UTC))
    message = OutboxMessage.objects.get(pk=message_id)
    assert message.language == "de"
    assert message.subject == "Ihre tägliche Zusammenfassung: 1 Benachrichtigung"
    assert message.body_text.startswith("Guten Tag ")
    assert "Drucker" in message.body_text


def test_purging_a_sent_digest_never_queues_its_items_again(person):
    _happen(person, TEST_EVENT, "printer")
    _backdate(datetime(2025, 3, 3, 12, 0, tzinfo=UTC))
    [message_id] = digest.queue_due_digests(datetime(2025, 3, 3, 23, 0, tzinfo=UTC))
    OutboxMessage.objects.filter(pk=message_id).delete()
    assert not DigestItem.objects.filter(message__isnull=True).exists()
