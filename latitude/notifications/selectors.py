"""Reads of notifications; a person only ever sees their own."""

from typing import Any

from django.db.models import QuerySet

from latitude.core.errors import NotFound
from latitude.notifications.models import Notification, Preference
from latitude.notifications.recipients import Choice, audiences_of, default_choice, lead_ids
from latitude.notifications.registry import EventType, events_for


def notifications_of(actor: Any) -> QuerySet[Notification]:
    if not getattr(actor, "is_authenticated", False) or getattr(actor, "pk", None) is None:
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=actor.pk).select_related("occurrence")


def unread_count(actor: Any) -> int:
    """One indexed count (the partial index `notification_unread`)."""
    if getattr(actor, "pk", None) is None:
        return 0
    return Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).count()


def get_notification_for(actor: Any, notification_id: int) -> Notification:
    notification = notifications_of(actor).filter(pk=notification_id).first()
    if notification is None:
        raise NotFound("No such notification.")
    return notification


def subscribable_events(actor: Any) -> list[EventType]:
    """The event types this person may choose to receive."""
    return events_for(audiences_of(actor, lead_ids([actor])))


def choices_of(actor: Any) -> list[tuple[EventType, Choice]]:
    """Each subscribable event type with the person's current choice (or its default)."""
    rows = {row.event: row for row in Preference.objects.filter(user_id=actor.pk)}
    result = []
    for event in subscribable_events(actor):
        row = rows.get(event.name)
        choice = Choice(row.in_app, row.email) if row else default_choice(event)
        result.append((event, choice))
    return result
