"""Reads about decision requests for the pages that show them: the holder's inbox, the
requests a person sent, what was decided, and the requests waiting on one subject.

Every list is one query for its rows (requester and decider joined) plus one for the people
each request went to, whatever its length.
"""

from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from latitude.core.audit import subject_type_of
from latitude.core.errors import NotFound
from latitude.scopes.models import DecisionRequest, DecisionRoute, RequestStatus

INBOX, SENT, DECIDED, ALL_PENDING = "inbox", "sent", "decided", "all"
ORDERING = ["-created_at", "-id"]


def pending_count(person: Any) -> int:
    """Requests waiting for the person: the number on the header's badge."""
    if not getattr(person, "is_authenticated", False) or not person.is_active:
        return 0
    return DecisionRoute.objects.filter(
        person_id=person.pk, active=True, request__status=RequestStatus.PENDING
    ).count()


def _with_people(queryset: QuerySet[DecisionRequest]) -> QuerySet[DecisionRequest]:
    routes = DecisionRoute.objects.select_related("person").order_by("rank", "id")
    return queryset.select_related("requester", "decided_by").prefetch_related(
        Prefetch("routes", queryset=routes)
    )


def routed_to(person: Any) -> Q:
    return Q(Exists(DecisionRoute.objects.filter(request=OuterRef("pk"), person_id=person.pk)))


def visible_to(actor: Any) -> Q:
    """The same people as `actions.requests.visible_requests_filter` (requester, routed people,
    administrators), as an EXISTS so that a request with several routes is one row."""
    if not getattr(actor, "is_active", False) or getattr(actor, "pk", None) is None:
        return Q(pk__in=[])
    if actor.is_admin:
        return Q()
    return Q(requester_id=actor.pk) | routed_to(actor)


def requests_in(person: Any, box: str) -> QuerySet[DecisionRequest]:
    """The requests of one tab: waiting for me, sent by me, decided, or (admins) all pending."""
    pending = Q(status=RequestStatus.PENDING)
    active_route = DecisionRoute.objects.filter(
        request=OuterRef("pk"), person_id=person.pk, active=True
    )
    filters = {
        INBOX: pending & Q(Exists(active_route)),
        SENT: Q(requester_id=person.pk),
        DECIDED: ~pending & (routed_to(person) | Q(decided_by_id=person.pk)),
        ALL_PENDING: pending if person.is_admin else Q(pk__in=[]),
    }
    queryset = DecisionRequest.objects.filter(visible_to(person)).filter(filters[box])
    return _with_people(queryset)


def request_for(actor: Any, request_id: int) -> DecisionRequest:
    """One request the actor may see (requester, routed people, administrators), or NotFound."""
    found = (
        _with_people(DecisionRequest.objects.filter(visible_to(actor)))
        .filter(pk=request_id)
        .first()
    )
    if found is None:
        raise NotFound("No such decision request.")
    return found


def pending_on(actor: Any, subject: models.Model) -> list[DecisionRequest]:
    """Requests still waiting on the subject (one query); `involves_me` tells whether the
    actor may open each one."""
    involved = DecisionRequest.objects.filter(visible_to(actor), pk=OuterRef("pk"))
    return list(
        DecisionRequest.objects.filter(
            subject_type=subject_type_of(subject),
            subject_id=subject.pk,
            status=RequestStatus.PENDING,
        )
        .select_related("requester")
        .annotate(involves_me=Exists(involved))
        .order_by(*ORDERING)
    )


def routed_people(request_id: int) -> list[DecisionRoute]:
    """Whom a request went to, nearest first (the active routes)."""
    return list(
        DecisionRoute.objects.filter(request_id=request_id, active=True)
        .select_related("person")
        .order_by("rank", "id")
    )
