"""Notification event types, declared by each app in `<app>/notification_events.py`.

An event type names what happened ("ticket.answered"), who may subscribe to it, which channels a
person gets when they have not chosen, and the templates that render it
(`<template>.subject.txt`, `<template>.body.txt`, optionally `<template>.html`).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

AUDIENCES = frozenset({"agent", "requester", "lead"})
CHANNELS = frozenset({"in_app", "email"})

# (subject, recipient) -> whether the recipient may still see the subject.
VisibleTo = Callable[[Any, Any], bool]
# (subject, recipient) -> the path of the page to open (without scheme and host).
LinkFor = Callable[[Any, Any], str]


@dataclass(frozen=True)
class EventType:
    name: str
    label: str | Promise
    audience: tuple[str, ...]
    default_channels: tuple[str, ...]
    template: str
    visible_to: VisibleTo | None = None
    link: LinkFor | None = None

    def __post_init__(self) -> None:
        if not self.name or len(self.name) > 100:
            raise ValueError("an event type needs a name of at most 100 characters")
        if not self.audience or not set(self.audience) <= AUDIENCES:
            raise ValueError(f"{self.name}: audience must be some of {sorted(AUDIENCES)}")
        if not set(self.default_channels) <= CHANNELS:
            raise ValueError(f"{self.name}: channels must be some of {sorted(CHANNELS)}")
        if not self.template:
            raise ValueError(f"{self.name}: a template is required")


_registry: dict[str, EventType] = {}


def register_event(event: EventType) -> EventType:
    """Register an event type; registering the same declaration twice is harmless."""
    existing = _registry.get(event.name)
    if existing is not None and existing != event:
        raise ValueError(f"notification event {event.name!r} is registered twice")
    _registry[event.name] = event
    return event


def get_event(name: str) -> EventType:
    try:
        return _registry[name]
    except KeyError:
        raise LookupError(f"unknown notification event {name!r}") from None


def all_events() -> list[EventType]:
    return sorted(_registry.values(), key=lambda event: event.name)


def events_for(audiences: Iterable[str]) -> list[EventType]:
    """Event types a person with these audiences may subscribe to."""
    wanted = set(audiences)
    return [event for event in all_events() if wanted & set(event.audience)]
