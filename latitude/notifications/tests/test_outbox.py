"""The outbox: retries with backoff through a mail server outage, parking, leases, and no
double send when two workers claim the same rows at once."""

import smtplib
import threading
import time
from datetime import timedelta

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from latitude.notifications import actions, outbox
from latitude.notifications.choices import OutboxStatus
from latitude.notifications.models import OutboxMessage
from latitude.notifications.tasks import deliver_due_outbox
from latitude.notifications.tests.conftest import TEST_EVENT
from latitude.testing.concurrency import file_database, run_together
from latitude.testing.factories import RequesterFactory


class FlakyBackend(BaseEmailBackend):
    """A mail server that is down while `error` is set; records what it accepted."""

    error: Exception | None = None
    accepted: list[str] = []
    lock = threading.Lock()
    delay = 0.0

    def send_messages(self, email_messages):
        if FlakyBackend.error is not None:
            raise FlakyBackend.error
        time.sleep(FlakyBackend.delay)
        with FlakyBackend.lock:
            FlakyBackend.accepted.extend(m.extra_headers["Message-ID"] for m in email_messages)
        return len(email_messages)


@pytest.fixture(autouse=True)
def flaky(settings):
    settings.EMAIL_BACKEND = "latitude.notifications.tests.test_outbox.FlakyBackend"
    FlakyBackend.error, FlakyBackend.accepted, FlakyBackend.delay = None, [], 0.0
    yield FlakyBackend
    FlakyBackend.error = None


def _queue(count):
    people = [RequesterFactory() for _ in range(count)]
    actions.notify(event=TEST_EVENT, recipients=people, context={"what": "x"})
    return list(OutboxMessage.objects.order_by("pk"))


def _time_passes():
    OutboxMessage.objects.filter(status=OutboxStatus.PENDING).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


@pytest.mark.django_db
def test_an_outage_loses_nothing_and_recovery_sends_each_message_once(flaky):
    messages = _queue(3)
    flaky.error = smtplib.SMTPServerDisconnected("connection refused")
    for _round in range(3):
        report = deliver_due_outbox.call()
        assert report["sent"] == 0
        assert report["retrying"] == 1  # the batch stops at the first failure
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"pending"}
    assert "SMTPServerDisconnected: connection refused" in OutboxMessage.objects.first().last_error

    flaky.error = None
    _time_passes()
    assert deliver_due_outbox.call()["sent"] == 3
    assert deliver_due_outbox.call()["sent"] == 0
    assert sorted(flaky.accepted) == sorted(m.message_id for m in messages)
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


@pytest.mark.django_db
def test_backoff_doubles_and_the_row_is_parked_after_the_last_attempt(flaky, settings):
    settings.LATITUDE_OUTBOX_MAX_ATTEMPTS = 4
    settings.LATITUDE_OUTBOX_RETRY_SECONDS = 60
    [message] = _queue(1)
    flaky.error = smtplib.SMTPDataError(451, b"try later")
    delays = []
    for _attempt in range(4):
        before = timezone.now()
        outbox.deliver([message.pk], worker_id="w")
        message.refresh_from_db()
        delays.append(round((message.next_attempt_at - before).total_seconds() / 60))
        _time_passes()
    assert delays[:3] == [1, 2, 4]
    assert message.status == OutboxStatus.PARKED
    assert message.attempts == 4
    assert outbox.deliver([message.pk], worker_id="w").not_claimed == [message.pk]

    flaky.error = None
    assert outbox.requeue(OutboxMessage.objects.filter(pk=message.pk)) == 1
    assert outbox.deliver([message.pk], worker_id="w").sent == [message.pk]


@pytest.mark.django_db
def test_a_permanent_refusal_is_parked_at_once_and_the_batch_goes_on(flaky):
    first, second = _queue(2)
    flaky.error = smtplib.SMTPRecipientsRefused({first.to_address: (550, b"no such user")})
    report = outbox.deliver([first.pk], worker_id="w")
    assert report.parked == [first.pk]
    flaky.error = None
    assert outbox.deliver([second.pk], worker_id="w").sent == [second.pk]


@pytest.mark.django_db
def test_a_row_leased_by_another_worker_is_left_alone_until_the_lease_expires():
    [message] = _queue(1)
    assert outbox.claim(message.pk, "worker-a")
    assert outbox.deliver([message.pk], worker_id="worker-b").not_claimed == [message.pk]
    OutboxMessage.objects.filter(pk=message.pk).update(
        claimed_until=timezone.now() - timedelta(seconds=1)
    )
    assert outbox.deliver([message.pk], worker_id="worker-b").sent == [message.pk]
    message.refresh_from_db()
    assert message.attempts == 2  # the lost lease counted as an attempt


@pytest.mark.django_db
def test_a_worker_whose_lease_expired_cannot_mark_the_row_sent():
    [message] = _queue(1)
    assert outbox.claim(message.pk, "slow")
    OutboxMessage.objects.filter(pk=message.pk).update(claimed_by="other")
    outbox.mark_sent(message.pk, "slow")
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_the_same_rows_at_once_send_each_only_once(flaky, tmp_path):
    with file_database(tmp_path):
        messages = _queue(12)
        ids = [m.pk for m in messages]
        flaky.delay = 0.005
        results = run_together(
            [lambda w=name: outbox.deliver(ids, worker_id=w) for name in ("one", "two", "three")]
        )
        assert not [r for r in results if isinstance(r, Exception)]
        assert sorted(flaky.accepted) == sorted(m.message_id for m in messages)
        assert sum(len(r.sent) for r in results) == 12
        assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


@pytest.mark.django_db
def test_sent_rows_older_than_the_limit_are_purged_and_parked_ones_kept(settings):
    from latitude.notifications.tasks import purge_sent_outbox

    settings.LATITUDE_OUTBOX_KEEP_DAYS = 30
    old_sent, new_sent, parked = _queue(3)
    long_ago = timezone.now() - timedelta(days=31)
    OutboxMessage.objects.filter(pk=old_sent.pk).update(status="sent", sent_at=long_ago)
    OutboxMessage.objects.filter(pk=new_sent.pk).update(status="sent", sent_at=timezone.now())
    OutboxMessage.objects.filter(pk=parked.pk).update(status="parked", created_at=long_ago)
    assert purge_sent_outbox.call() == 1
    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {new_sent.pk, parked.pk}
