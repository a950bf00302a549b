"""Background work of the notifications app. Tasks take ids and are safe to run twice."""

import os
import socket
import uuid
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from latitude.notifications import digest, outbox
from latitude.notifications.choices import OutboxStatus
from latitude.notifications.models import OutboxMessage

SWEEP_BATCH = 100
SWEEP_LIMIT = 1000


def run_id() -> str:
    """Who holds an outbox lease: this host, process and task run."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _report(report: outbox.DeliveryReport) -> dict[str, int]:
    return {
        "sent": len(report.sent),
        "retrying": len(report.retrying),
        "parked": len(report.parked),
        "not_claimed": len(report.not_claimed),
    }


@task()
def deliver_outbox(message_ids: list[int]) -> dict[str, int]:
    """Send these outbox rows now (queued after the commit that created them)."""
    return _report(outbox.deliver(message_ids, worker_id=run_id()))


@task()
def deliver_due_outbox() -> dict[str, int]:
    """Send every row that is due: retries, and rows whose first delivery task was lost."""
    totals = {"sent": 0, "retrying": 0, "parked": 0, "not_claimed": 0}
    worker = run_id()
    for _batch in range(SWEEP_LIMIT // SWEEP_BATCH):
        ids = outbox.due_ids(SWEEP_BATCH)
        if not ids:
            break
        report = outbox.deliver(ids, worker_id=worker)
        for name, count in _report(report).items():
            totals[name] += count
        if report.retrying or len(ids) < SWEEP_BATCH:
            break
    return totals


@task()
def send_digests() -> dict[str, int]:
    """Queue the daily digests that are due and send them."""
    ids = digest.queue_due_digests()
    report = outbox.deliver(ids, worker_id=run_id()) if ids else outbox.DeliveryReport()
    return {"queued": len(ids), **_report(report)}


@task()
def purge_sent_outbox() -> int:
    """Delete sent e-mails older than LATITUDE_OUTBOX_KEEP_DAYS (parked ones are kept)."""
    cutoff = timezone.now() - timedelta(days=settings.LATITUDE_OUTBOX_KEEP_DAYS)
    deleted, _by_model = OutboxMessage.objects.filter(
        status=OutboxStatus.SENT, sent_at__lt=cutoff
    ).delete()
    return deleted
