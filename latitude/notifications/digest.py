"""Daily digests: pending items are sent as one e-mail per person once their local digest hour
has passed. The outbox key "digest:<person>:<local date>" makes each day's digest unique, so a
second scheduler run, or a second worker, cannot send it twice."""

import logging
from collections import defaultdict
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from latitude.notifications.models import DigestItem, OutboxMessage
from latitude.notifications.outbox import new_message
from latitude.notifications.registry import get_event
from latitude.notifications.rendering import (
    absolute,
    headline,
    language_of,
    render_digest,
    time_zone_of,
)
from latitude.people.models import User

logger = logging.getLogger(__name__)


def digest_key(person: User, now: datetime) -> str:
    local = timezone.localtime(now, time_zone_of(person))
    return f"digest:{person.pk}:{local.date().isoformat()}"


def is_due(person: User, now: datetime) -> bool:
    """The person's local digest hour has passed today and today's digest is not yet queued."""
    local = timezone.localtime(now, time_zone_of(person))
    if local.hour < settings.LATITUDE_DIGEST_HOUR:
        return False
    return not OutboxMessage.objects.filter(key=digest_key(person, now)).exists()


def _groups(person: User, items: list[DigestItem]) -> list[tuple[str, list[dict[str, Any]]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    labels: dict[str, str] = {}
    with translation.override(language_of(person)):
        for item in items:
            event = get_event(item.occurrence.event)
            labels[event.name] = str(event.label)
            grouped[event.name].append(
                {
                    "headline": headline(item.occurrence, link=item.link, recipient=person),
                    "link": absolute(item.link),
                    "at": item.occurrence.created_at,
                }
            )
    return [(labels[name], grouped[name]) for name in sorted(grouped, key=labels.__getitem__)]


@transaction.atomic
def queue_digest(person: User, now: datetime) -> OutboxMessage | None:
    """Gather the person's pending items into today's digest; None when there is nothing."""
    items = list(
        DigestItem.objects.select_for_update()
        .select_related("occurrence")
        .filter(recipient=person, message__isnull=True, created_at__lte=now)
        .order_by("created_at", "pk")
    )
    key = digest_key(person, now)
    if not items or not person.email or OutboxMessage.objects.filter(key=key).exists():
        return None
    message = new_message(
        key=key, recipient=person, rendered=render_digest(person, _groups(person, items))
    )
    message.save()
    DigestItem.objects.filter(pk__in=[item.pk for item in items]).update(message=message)
    return message


def people_waiting() -> list[User]:
    ids = DigestItem.objects.filter(message__isnull=True).values_list("recipient_id", flat=True)
    return list(User.objects.filter(pk__in=ids.distinct(), is_active=True))


def queue_due_digests(now: datetime | None = None) -> list[int]:
    """Queue every digest that is due now; returns the outbox ids."""
    now = now or timezone.now()
    queued = []
    for person in people_waiting():
        if is_due(person, now):
            message = queue_digest(person, now)
            if message is not None:
                queued.append(message.pk)
    return queued
