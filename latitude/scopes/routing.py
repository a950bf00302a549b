"""Who a decision request goes to: the nearest holders who are active and not away."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import timezone

from latitude.people.selectors import away_ids
from latitude.scopes import registry
from latitude.scopes.candidates import Candidate, nearest_holders
from latitude.scopes.holders import profile_of
from latitude.scopes.models import DecisionRequest, DecisionRoute


def fan_out() -> int:
    return int(settings.LATITUDE_DECISION_ROUTE_FANOUT)


def available(candidates: Iterable[Candidate], skip: set[int], limit: int) -> list[Candidate]:
    """The first `limit` candidates who are neither skipped nor away now."""
    listed = [c for c in candidates if c.person.pk not in skip and c.person.is_active]
    away = away_ids([c.person.pk for c in listed], timezone.now())
    return [c for c in listed if c.person.pk not in away][:limit]


def add_routes(request: DecisionRequest, chosen: Iterable[Candidate], start_rank: int) -> int:
    now = timezone.now()
    routes = [
        DecisionRoute(
            request=request,
            person=candidate.person,
            rank=start_rank + offset,
            reason=candidate.reason[:200],
            routed_at=now,
        )
        for offset, candidate in enumerate(chosen)
    ]
    DecisionRoute.objects.bulk_create(routes)
    return len(routes)


def current_candidates(request: DecisionRequest, subject: Any) -> list[Candidate]:
    """Nearest holders for the request as the subject is now (for re-routing)."""
    decision = registry.get(request.decision)
    return nearest_holders(
        profile_of(request.requester), decision, subject, request.facts, timezone.now(), limit=25
    )


def reroute_away(request: DecisionRequest, subject: Any) -> list[DecisionRoute]:
    """Replace routes to people who are away or inactive by the next available holders."""
    active = list(request.routes.filter(active=True).select_related("person"))
    away = away_ids([route.person_id for route in active], timezone.now())
    gone = [route for route in active if route.person_id in away or not route.person.is_active]
    if not gone:
        return []
    for route in gone:
        route.active = False
        route.ended_because = "away" if route.person_id in away else "inactive"
    DecisionRoute.objects.bulk_update(gone, ["active", "ended_because"])
    routed = set(request.routes.values_list("person_id", flat=True))
    replacements = available(current_candidates(request, subject), routed, len(gone))
    last_rank = max((route.rank for route in request.routes.all()), default=0)
    add_routes(request, replacements, last_rank + 1)
    return gone
