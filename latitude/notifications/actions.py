"""Writes of the notifications app: notify, reading notifications, choosing preferences."""

import json
from collections.abc import Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _

from latitude.core import audit
from latitude.core.errors import InvalidInput
from latitude.core.tasks import enqueue_on_commit
from latitude.notifications import outbox
from latitude.notifications.choices import EmailMode
from latitude.notifications.models import DigestItem, Notification, Occurrence, Preference
from latitude.notifications.recipients import (
    Choice,
    choices_for,
    lead_ids,
    skip_reason,
    unique_people,
)
from latitude.notifications.registry import EventType, get_event


def _plain(context: dict[str, Any] | None) -> dict[str, Any]:
    """The context as it will be stored: JSON, with times and decimals as strings."""
    return json.loads(json.dumps(context or {}, cls=DjangoJSONEncoder))


def _link(event: EventType, subject: Any, person: Any) -> str:
    if subject is None:
        return ""
    get_url = getattr(subject, "get_absolute_url", None)
    try:
        if event.link is not None:
            return event.link(subject, person)
        return str(get_url()) if callable(get_url) else ""
    except NoReverseMatch:
        # A URLconf without that page (an API-only deployment): notify without a link.
        return ""


def _create_occurrence(
    event: EventType, subject: Any, context: dict[str, Any], actor: Any, dedupe_key: str | None
) -> Occurrence | None:
    if dedupe_key and Occurrence.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    occurrence = Occurrence(
        event=event.name,
        subject_type=subject._meta.label_lower if isinstance(subject, models.Model) else "",
        subject_id=getattr(subject, "pk", None) if isinstance(subject, models.Model) else None,
        subject_repr=str(subject)[:200] if subject is not None else "",
        context=context,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_repr=str(actor)[:200] if actor is not None else "",
        dedupe_key=dedupe_key or None,
    )
    try:
        with transaction.atomic():
            occurrence.save()
    except IntegrityError:
        # Another transaction notified the same key first; it wins.
        return None
    return occurrence


def _outcome(person: Any, choice: Choice | None, skipped: str | None) -> dict[str, Any]:
    if skipped:
        return {"user": person.pk, "skipped": skipped}
    assert choice is not None
    email = choice.email
    if email != EmailMode.OFF and not person.email:
        email = "no_address"
    return {"user": person.pk, "in_app": choice.in_app, "email": email}


@transaction.atomic
def notify(
    *,
    event: str,
    recipients: Iterable[Any],
    subject: Any = None,
    context: dict[str, Any] | None = None,
    actor: Any = None,
    dedupe_key: str | None = None,
) -> Occurrence | None:
    """Notify people of an event inside the caller's transaction; e-mail goes after commit.

    Inactive people, duplicates, the actor, people outside the event's audience and people who
    can no longer see the subject are skipped; what was done for whom is kept on the occurrence.
    Returns None when there is nobody to notify or `dedupe_key` was already used.
    """
    event_type = get_event(event)
    people = unique_people(recipients)
    if not people:
        return None
    occurrence = _create_occurrence(event_type, subject, _plain(context), actor, dedupe_key)
    if occurrence is None:
        return None
    leads = lead_ids(people)
    chosen = choices_for(people, event_type)
    outcome, in_app, immediate, digest = [], [], [], []
    for person in people:
        skipped = skip_reason(event_type, person, actor=actor, subject=subject, leads=leads)
        row = _outcome(person, chosen.get(person.pk), skipped)
        outcome.append(row)
        link = "" if skipped else _link(event_type, subject, person)
        if row.get("in_app"):
            in_app.append(Notification(occurrence=occurrence, recipient=person, link=link))
        if row.get("email") == EmailMode.IMMEDIATE:
            immediate.append((person, link))
        elif row.get("email") == EmailMode.DIGEST:
            digest.append(DigestItem(occurrence=occurrence, recipient=person, link=link))
    Notification.objects.bulk_create(in_app)
    DigestItem.objects.bulk_create(digest)
    ids = outbox.queue_event_emails(event_type, occurrence, immediate)
    occurrence.outcome = outcome
    occurrence.save(update_fields=["outcome"])
    if ids:
        from latitude.notifications.tasks import deliver_outbox

        enqueue_on_commit(deliver_outbox, message_ids=ids)
    return occurrence


def mark_read(*, actor: Any, notification_id: int) -> int:
    """Mark one of the actor's notifications read; someone else's is not found."""
    from latitude.notifications.selectors import get_notification_for

    notification = get_notification_for(actor, notification_id)
    if notification.read_at is None:
        return Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    return 0


def mark_all_read(*, actor: Any) -> int:
    """Mark every unread notification of the actor read; returns how many changed."""
    return Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def update_preferences(*, actor: Any, choices: dict[str, Choice]) -> list[Preference]:
    """Store the person's choice per event type; unknown or unsubscribable events are refused."""
    from latitude.notifications.selectors import subscribable_events

    allowed = {event.name for event in subscribable_events(actor)}
    for name, choice in choices.items():
        if name not in allowed:
            raise InvalidInput(_("Unknown notification: %(name)s") % {"name": name}, field=name)
        if choice.email not in EmailMode.values:
            raise InvalidInput(_("Choose how e-mail is sent."), field=name)
    before = {row.event: row for row in Preference.objects.filter(user_id=actor.pk)}
    saved, changes = [], {}
    for name, choice in choices.items():
        row, _created = Preference.objects.update_or_create(
            user_id=actor.pk, event=name, defaults={"in_app": choice.in_app, "email": choice.email}
        )
        saved.append(row)
        old = before.get(name)
        if old is None or (old.in_app, old.email) != (choice.in_app, choice.email):
            previous = {"in_app": old.in_app, "email": old.email} if old else None
            changes[name] = [previous, {"in_app": choice.in_app, "email": choice.email}]
    if changes:
        audit.record(
            actor=actor, verb="notifications.preferences_changed", subject=actor, changes=changes
        )
    return saved
