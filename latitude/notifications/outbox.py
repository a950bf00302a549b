"""The e-mail outbox: rows are queued in the caller's transaction and sent by the worker.

Sending claims one row at a time with a lease (a conditional UPDATE, so two workers never hold
the same row), sends it over the configured mail backend outside any transaction, and marks it
sent in a transaction. A failure reschedules the row with exponential backoff; after
`LATITUDE_OUTBOX_MAX_ATTEMPTS`, or at once for a permanent refusal (5xx), the row is parked
for an administrator to retry. The Message-ID is fixed per row, so a resend after a crash
between the server's acceptance and our commit is the same message to the recipient.
"""

import hashlib
import logging
import secrets
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from latitude.notifications.choices import OutboxStatus
from latitude.notifications.models import Occurrence, OutboxMessage
from latitude.notifications.registry import EventType
from latitude.notifications.rendering import RenderedEmail, language_of, render_email

logger = logging.getLogger(__name__)

AUTOMATIC_HEADERS = {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}
MAX_ERROR_CHARS = 2000


def _message_id(key: str) -> str:
    """Fixed when the row is queued: the key's digest plus a random part (ids stay unique
    when a database is restored or rebuilt)."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return f"<lat.{digest}.{secrets.token_hex(6)}@{settings.LATITUDE_EMAIL_DOMAIN}>"


def new_message(
    *, key: str, recipient: Any, rendered: RenderedEmail, **extra: Any
) -> OutboxMessage:
    return OutboxMessage(
        key=key,
        recipient=recipient,
        to_address=recipient.email,
        language=language_of(recipient),
        subject=rendered.subject,
        body_text=rendered.body_text,
        body_html=rendered.body_html,
        message_id=_message_id(key),
        **extra,
    )


def queue_event_emails(
    event: EventType, occurrence: Occurrence, people: Iterable[tuple[Any, str]]
) -> list[int]:
    """Outbox rows for the people who get this occurrence by e-mail at once."""
    messages = [
        new_message(
            key=f"event:{occurrence.pk}:{person.pk}",
            recipient=person,
            rendered=render_email(event, occurrence, recipient=person, link=link),
            occurrence=occurrence,
        )
        for person, link in people
        if person.email
    ]
    return [message.pk for message in OutboxMessage.objects.bulk_create(messages)]


# --- sending -------------------------------------------------------------------------------


@dataclass
class DeliveryReport:
    sent: list[int] = field(default_factory=list)
    retrying: list[int] = field(default_factory=list)
    parked: list[int] = field(default_factory=list)
    not_claimed: list[int] = field(default_factory=list)


def backoff(attempts: int) -> timedelta:
    """Delay before the next attempt: base, 2 x base, 4 x base … capped at six hours."""
    base = settings.LATITUDE_OUTBOX_RETRY_SECONDS
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


def claimable(now: datetime) -> Q:
    return Q(status=OutboxStatus.PENDING, next_attempt_at__lte=now) & (
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    )


def claim(message_id: int, worker_id: str) -> bool:
    """Take the lease on one due row; False when it is not due or another worker holds it."""
    now = timezone.now()
    lease = timedelta(seconds=settings.LATITUDE_OUTBOX_LEASE_SECONDS)
    with transaction.atomic():
        return bool(
            OutboxMessage.objects.filter(claimable(now), pk=message_id).update(
                claimed_by=worker_id, claimed_until=now + lease, attempts=F("attempts") + 1
            )
        )


def due_ids(limit: int) -> list[int]:
    rows = OutboxMessage.objects.filter(claimable(timezone.now())).order_by("next_attempt_at")
    return list(rows.values_list("pk", flat=True)[:limit])


def as_email(message: OutboxMessage, connection: Any) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_address],
        headers={**AUTOMATIC_HEADERS, "Message-ID": message.message_id},
        connection=connection,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    return email


def is_permanent(exc: BaseException) -> bool:
    """A refusal the server will repeat (5xx), or a message we cannot even build."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in exc.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return isinstance(exc, ValueError | UnicodeError)


def mark_sent(message_id: int, worker_id: str) -> None:
    with transaction.atomic():
        OutboxMessage.objects.filter(pk=message_id, claimed_by=worker_id).update(
            status=OutboxStatus.SENT,
            sent_at=timezone.now(),
            claimed_by="",
            claimed_until=None,
            last_error="",
        )


def mark_failed(message: OutboxMessage, worker_id: str, exc: BaseException) -> bool:
    """Reschedule or park the row; True when it was parked."""
    park = is_permanent(exc) or message.attempts >= settings.LATITUDE_OUTBOX_MAX_ATTEMPTS
    error = f"{type(exc).__name__}: {exc}"[:MAX_ERROR_CHARS]
    with transaction.atomic():
        OutboxMessage.objects.filter(pk=message.pk, claimed_by=worker_id).update(
            status=OutboxStatus.PARKED if park else OutboxStatus.PENDING,
            next_attempt_at=timezone.now() + backoff(message.attempts),
            claimed_by="",
            claimed_until=None,
            last_error=error,
        )
    logger.warning("outbox %s attempt %s failed: %s", message.pk, message.attempts, error)
    return park


def deliver(message_ids: Iterable[int], *, worker_id: str) -> DeliveryReport:
    """Send the given rows that are due over one connection. A temporary failure stops the
    batch: the server is probably unreachable, and the rows not yet claimed stay due."""
    report = DeliveryReport()
    connection = get_connection(fail_silently=False)
    try:
        for message_id in message_ids:
            if not _deliver_one(message_id, worker_id, connection, report):
                break
    finally:
        _close_quietly(connection)
    return report


def _deliver_one(message_id: int, worker_id: str, connection: Any, report: DeliveryReport) -> bool:
    """Claim and send one row; False when the batch should stop."""
    if not claim(message_id, worker_id):
        report.not_claimed.append(message_id)
        return True
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        connection.open()
        as_email(message, connection).send()
    except Exception as exc:
        parked = mark_failed(message, worker_id, exc)
        (report.parked if parked else report.retrying).append(message_id)
        return is_permanent(exc)
    mark_sent(message_id, worker_id)
    report.sent.append(message_id)
    return True


def _close_quietly(connection: Any) -> None:
    try:
        connection.close()
    except Exception:  # a dead connection may fail to close; nothing is lost by that
        logger.debug("closing the mail connection failed", exc_info=True)


def requeue(messages: models.QuerySet[OutboxMessage]) -> int:
    """Parked or waiting rows become due now with a fresh count of attempts."""
    from latitude.core.tasks import enqueue_on_commit
    from latitude.notifications.tasks import deliver_outbox

    with transaction.atomic():
        ids = list(messages.exclude(status=OutboxStatus.SENT).values_list("pk", flat=True))
        OutboxMessage.objects.filter(pk__in=ids).update(
            status=OutboxStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
        )
        if ids:
            enqueue_on_commit(deliver_outbox, message_ids=ids)
    return len(ids)


def cancel_pending(*, created_before: datetime) -> int:
    """Cancel e-mails still waiting that were queued before `created_before` (the demo's
    generated history happened in the past; nobody should be mailed about it now)."""
    with transaction.atomic():
        return OutboxMessage.objects.filter(
            status=OutboxStatus.PENDING, created_at__lt=created_before
        ).update(status=OutboxStatus.CANCELLED, claimed_by="", claimed_until=None)
