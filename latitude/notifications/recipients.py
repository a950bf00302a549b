"""Who receives an occurrence, on which channel, and why someone is skipped."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from latitude.notifications.choices import EmailMode
from latitude.notifications.models import Preference
from latitude.notifications.registry import EventType
from latitude.people.models import Team


@dataclass(frozen=True)
class Choice:
    """What a person gets for one event type: in-app or not, and how e-mail is sent."""

    in_app: bool
    email: str


def default_choice(event: EventType) -> Choice:
    email = EmailMode.IMMEDIATE if "email" in event.default_channels else EmailMode.OFF
    return Choice(in_app="in_app" in event.default_channels, email=email)


def choices_for(people: list[Any], event: EventType) -> dict[int, Choice]:
    """Each person's choice for `event`: their preference row, else the event's default."""
    rows = Preference.objects.filter(user__in=[p.pk for p in people], event=event.name)
    chosen = {row.user_id: Choice(in_app=row.in_app, email=row.email) for row in rows}
    fallback = default_choice(event)
    return {person.pk: chosen.get(person.pk, fallback) for person in people}


def unique_people(recipients: Iterable[Any]) -> list[Any]:
    """Recipients in their given order without duplicates or empty entries."""
    seen: set[int] = set()
    people = []
    for person in recipients:
        if person is None or getattr(person, "pk", None) is None or person.pk in seen:
            continue
        seen.add(person.pk)
        people.append(person)
    return people


def lead_ids(people: list[Any]) -> set[int]:
    ids = [person.pk for person in people]
    return set(
        Team.objects.filter(lead_id__in=ids, is_active=True).values_list("lead_id", flat=True)
    )


def audiences_of(person: Any, leads: set[int]) -> set[str]:
    audiences = set()
    if person.is_requester:
        audiences.add("requester")
    if person.is_agent or person.is_admin:
        audiences.add("agent")
    if person.pk in leads:
        audiences.add("lead")
    return audiences


def skip_reason(
    event: EventType, person: Any, *, actor: Any, subject: Any, leads: set[int]
) -> str | None:
    """Why `person` gets nothing, or None when they may be notified."""
    if not person.is_active:
        return "inactive"
    if actor is not None and getattr(actor, "pk", None) == person.pk:
        return "actor"
    if not audiences_of(person, leads) & set(event.audience):
        return "audience"
    if (
        event.visible_to is not None
        and subject is not None
        and not event.visible_to(subject, person)
    ):
        return "cannot_see"
    return None
