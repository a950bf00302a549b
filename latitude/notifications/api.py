"""The caller's own notifications and notification preferences under /api/v1/me."""

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from latitude.api.auth import actor_of
from latitude.api.pagination import PAGE_PARAMS, Page, PageQuery, page_of, reject_unknown_params
from latitude.api.schemas import PathId, problems
from latitude.notifications import actions, selectors
from latitude.notifications.models import Notification
from latitude.notifications.recipients import Choice
from latitude.notifications.rendering import absolute, headline

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    event: str
    headline: str
    subject_type: str
    subject_id: int | None
    link: str
    actor: str
    created_at: datetime
    read_at: datetime | None

    @staticmethod
    def resolve_event(obj: Notification) -> str:
        return obj.occurrence.event

    @staticmethod
    def resolve_headline(obj: Notification) -> str:
        return headline(obj.occurrence, link=obj.link)

    @staticmethod
    def resolve_subject_type(obj: Notification) -> str:
        return obj.occurrence.subject_type

    @staticmethod
    def resolve_subject_id(obj: Notification) -> int | None:
        return obj.occurrence.subject_id

    @staticmethod
    def resolve_link(obj: Notification) -> str:
        return absolute(obj.link)

    @staticmethod
    def resolve_actor(obj: Notification) -> str:
        return obj.occurrence.actor_repr


class NotificationPage(Page[NotificationOut]):
    unread: int


class NotificationQuery(Schema):
    unread: bool = Field(False, description="only unread notifications")


class MarkedOut(Schema):
    marked: int = Field(description="how many notifications changed from unread to read")


EmailChoice = Literal["off", "immediate", "digest"]


class PreferenceOut(Schema):
    event: str
    label: str
    in_app: bool
    email: EmailChoice


class PreferenceIn(Schema):
    event: str = Field(max_length=100)
    in_app: bool
    email: EmailChoice


class PreferencesIn(Schema):
    preferences: list[PreferenceIn] = Field(max_length=200)


@router.get(
    "/me/notifications",
    response={200: NotificationPage, **problems()},
    operation_id="listMyNotifications",
)
def list_notifications(
    request: HttpRequest, query: Query[NotificationQuery], page: Query[PageQuery]
) -> dict[str, object]:
    """The caller's notifications, newest first, with the unread count."""
    reject_unknown_params(request, {*NotificationQuery.model_fields, *PAGE_PARAMS})
    actor = actor_of(request)
    rows = selectors.notifications_of(actor)
    if query.unread:
        rows = rows.filter(read_at__isnull=True)
    return {**page_of(rows, ["-created_at", "-id"], page), "unread": selectors.unread_count(actor)}


@router.post(
    "/me/notifications/{notification_id}/read",
    response={200: MarkedOut, **problems(404)},
    operation_id="markMyNotificationRead",
)
def mark_read(request: HttpRequest, notification_id: PathId) -> dict[str, int]:
    """Mark one of the caller's notifications read (someone else's: 404)."""
    return {"marked": actions.mark_read(actor=actor_of(request), notification_id=notification_id)}


@router.post(
    "/me/notifications/read-all",
    response={200: MarkedOut, **problems()},
    operation_id="markAllMyNotificationsRead",
)
def mark_all_read(request: HttpRequest) -> dict[str, int]:
    return {"marked": actions.mark_all_read(actor=actor_of(request))}


def _preferences(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {"event": event.name, "label": str(event.label), "in_app": c.in_app, "email": c.email}
        for event, c in selectors.choices_of(actor_of(request))
    ]


@router.get(
    "/me/notification-preferences",
    response={200: list[PreferenceOut], **problems()},
    operation_id="listMyNotificationPreferences",
)
def get_preferences(request: HttpRequest) -> list[dict[str, object]]:
    """Every event type the caller may receive, with their choice (or the default)."""
    return _preferences(request)


@router.put(
    "/me/notification-preferences",
    response={200: list[PreferenceOut], **problems()},
    operation_id="setMyNotificationPreferences",
)
def put_preferences(request: HttpRequest, payload: PreferencesIn) -> list[dict[str, object]]:
    """Set the choice for the named event types; others keep theirs."""
    choices = {
        item.event: Choice(in_app=item.in_app, email=item.email) for item in payload.preferences
    }
    actions.update_preferences(actor=actor_of(request), choices=choices)
    return _preferences(request)
