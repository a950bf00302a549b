"""Rendering notifications in the reader's language and time zone.

Templates receive plain data only (the occurrence's JSON context, the subject's and actor's
names and the link), never model instances, so what an e-mail shows was fixed when it was queued.
"""

import zoneinfo
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from latitude.notifications.models import Occurrence
from latitude.notifications.registry import EventType, get_event

PREFERENCES_PATH = "/notifications/preferences"


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    body_text: str
    body_html: str


def language_of(person: Any) -> str:
    return getattr(person, "language", "") or settings.LANGUAGE_CODE


def time_zone_of(person: Any) -> zoneinfo.ZoneInfo:
    name = getattr(person, "time_zone", "") or settings.TIME_ZONE
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def absolute(link: str) -> str:
    if not link or link.startswith(("http://", "https://")):
        return link
    return settings.LATITUDE_BASE_URL.rstrip("/") + "/" + link.lstrip("/")


def template_context(occurrence: Occurrence, *, link: str, recipient: Any) -> dict[str, Any]:
    return {
        **occurrence.context,
        "event_name": occurrence.event,
        "subject_repr": occurrence.subject_repr,
        "actor_repr": occurrence.actor_repr,
        "occurred_at": occurrence.created_at,
        "link": absolute(link),
        "recipient_name": str(recipient) if recipient is not None else "",
        "site_name": settings.LATITUDE_SITE_NAME,
        "preferences_link": absolute(PREFERENCES_PATH),
    }


def headline(occurrence: Occurrence, *, link: str = "", recipient: Any = None) -> str:
    """The one-line text of a notification, in the active language (lists, bell, digests)."""
    event = get_event(occurrence.event)
    context = template_context(occurrence, link=link, recipient=recipient)
    return _one_line(render_to_string(f"{event.template}.subject.txt", context))


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def _optional(name: str, context: dict[str, Any]) -> str:
    try:
        return render_to_string(name, context)
    except TemplateDoesNotExist:
        return ""


def render_email(
    event: EventType, occurrence: Occurrence, *, recipient: Any, link: str
) -> RenderedEmail:
    """The e-mail for one person, in their language and time zone."""
    with translation.override(language_of(recipient)), timezone.override(time_zone_of(recipient)):
        context = template_context(occurrence, link=link, recipient=recipient)
        return RenderedEmail(
            subject=_one_line(render_to_string(f"{event.template}.subject.txt", context)),
            body_text=render_to_string(f"{event.template}.body.txt", context).strip() + "\n",
            body_html=_optional(f"{event.template}.html", context),
        )


def render_digest(recipient: Any, groups: list[tuple[str, list[dict[str, Any]]]]) -> RenderedEmail:
    """One digest e-mail: `groups` pairs an event label with its items (headline, link, time)."""
    with translation.override(language_of(recipient)), timezone.override(time_zone_of(recipient)):
        context = {
            "groups": groups,
            "count": sum(len(items) for _label, items in groups),
            "recipient_name": str(recipient),
            "site_name": settings.LATITUDE_SITE_NAME,
            "preferences_link": absolute(PREFERENCES_PATH),
        }
        return RenderedEmail(
            subject=_one_line(render_to_string("notifications/email/digest.subject.txt", context)),
            body_text=render_to_string("notifications/email/digest.body.txt", context).strip()
            + "\n",
            body_html=_optional("notifications/email/digest.html", context),
        )
