"""The decision events people can be notified of, and who gets which.

Holders hear of a request routed to them (at opening and when it moves on to them from someone
away); the requester hears of the answer (approved, declined) and of an expiry; the people a
'decide and inform' grant names hear of each decision taken under it. The notification's subject
is the decision request (or record), so its link opens the request and visibility follows it.
"""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from latitude.notifications.actions import notify
from latitude.notifications.registry import EventType, register_event
from latitude.people.models import User
from latitude.scopes.models import DecisionRecord, DecisionRequest, RequestStatus


def _may_see_request(request: Any, person: Any) -> bool:
    from latitude.scopes.actions.requests import visible_requests_filter

    return DecisionRequest.objects.filter(visible_requests_filter(person), pk=request.pk).exists()


def _request_link(request: Any, person: Any) -> str:
    return reverse("scopes:request", kwargs={"request_id": request.pk})


def _is_ticket(subject: Any) -> bool:
    return getattr(subject, "_meta", None) is not None and subject._meta.label == "tickets.Ticket"


def _may_see_subject(subject: Any, person: Any) -> bool:
    """The decided subject: a ticket by the ticket visibility; grants are read by all staff."""
    if _is_ticket(subject):
        from latitude.tickets.notification_events import can_see

        return can_see(subject, person)
    return True


def _subject_link(subject: Any, person: Any) -> str:
    if _is_ticket(subject):
        from latitude.tickets.notification_events import link_for

        return link_for(subject, person)
    return reverse("scopes:mine")


def _event(name: str, label: Any, **options: Any) -> str:
    register_event(
        EventType(
            name=name,
            label=label,
            audience=("agent", "lead"),
            default_channels=("in_app", "email"),
            template=f"scopes/notifications/{name.removeprefix('scopes.')}",
            **options,
        )
    )
    return name


ROUTED = _event(
    "scopes.request_routed",
    _("A decision request waits for you"),
    visible_to=_may_see_request,
    link=_request_link,
)
ANSWERED = _event(
    "scopes.request_answered",
    _("Your decision request was answered"),
    visible_to=_may_see_request,
    link=_request_link,
)
EXPIRED = _event(
    "scopes.request_expired",
    _("Your decision request expired"),
    visible_to=_may_see_request,
    link=_request_link,
)
INFORMED = _event(
    "scopes.decision_informed",
    _("A decision you are to be informed of was taken"),
    visible_to=_may_see_subject,
    link=_subject_link,
)


def _context(request: DecisionRequest, **extra: Any) -> dict[str, Any]:
    return {
        "decision": request.decision,
        "about": request.subject_repr,
        "requester_name": str(request.requester),
        **extra,
    }


def routed(*, actor: Any, request: DecisionRequest, after_rank: int = 0) -> None:
    """The people the request was routed to (those ranked after `after_rank`) hear of it."""
    routes = request.routes.filter(active=True, rank__gt=after_rank).select_related("person")
    people = [route.person for route in routes]
    last_rank = max((route.rank for route in routes), default=after_rank)
    notify(
        event=ROUTED,
        recipients=people,
        subject=request,
        actor=actor,
        context=_context(request, rationale=request.rationale[:500]),
        dedupe_key=f"{ROUTED}:{request.pk}:{after_rank}-{last_rank}",
    )


def answered(*, actor: Any, request: DecisionRequest) -> None:
    """The requester hears whether the request was approved or declined, and the note."""
    notify(
        event=ANSWERED,
        recipients=[request.requester],
        subject=request,
        actor=actor,
        context=_context(
            request,
            approved=request.status == RequestStatus.APPROVED,
            note=request.decision_note[:1000],
            decided_by_name=str(actor),
        ),
        dedupe_key=f"{ANSWERED}:{request.pk}",
    )


def expired(*, request: DecisionRequest) -> None:
    notify(
        event=EXPIRED,
        recipients=[request.requester],
        subject=request,
        context=_context(request),
        dedupe_key=f"{EXPIRED}:{request.pk}",
    )


def informed(*, record: DecisionRecord, subject: Any, people: list[User]) -> None:
    """People a 'decide and inform' grant names hear of the decision taken under it; the link
    opens what was decided (the ticket), for those who may see it."""
    notify(
        event=INFORMED,
        recipients=people,
        subject=subject,
        actor=record.actor,
        context={
            "decision": record.decision,
            "about": record.subject_repr,
            "decided_by_name": record.actor_repr,
            "rationale": record.rationale[:500],
        },
        dedupe_key=f"{INFORMED}:{record.pk}",
    )
