"""Being away: the absence is recorded (people.actions) and the decision requests waiting for
the person move on to the next available holders at once, not at the next periodic run."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from latitude.people.actions import record_absence
from latitude.people.models import Absence, User
from latitude.scopes.actions.requests import reroute_request
from latitude.scopes.models import DecisionRoute, RequestStatus


@transaction.atomic
def go_away(
    *, actor: Any, person: User, starts_at: datetime, ends_at: datetime, note: str = ""
) -> tuple[Absence, int]:
    """Record the absence; if it has begun, re-route the person's pending requests.
    Returns the absence and how many requests moved on."""
    absence = record_absence(
        actor=actor, person=person, starts_at=starts_at, ends_at=ends_at, note=note
    )
    if absence.starts_at > timezone.now():
        return absence, 0
    return absence, reroute_waiting_for(person)


def reroute_waiting_for(person: User) -> int:
    waiting = (
        DecisionRoute.objects.filter(
            person=person, active=True, request__status=RequestStatus.PENDING
        )
        .values_list("request_id", flat=True)
        .distinct()
    )
    return sum(1 for request_id in list(waiting) if reroute_request(request_id=request_id))
