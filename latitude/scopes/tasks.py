"""Background work for decision requests: expire the overdue, move on from absent holders.

Both sweeps read only pending requests through an index and call one idempotent action per
request, so running them twice, or on two workers at once, changes nothing more.
"""

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from latitude.people.models import Absence
from latitude.scopes.actions import expire_request, reroute_request
from latitude.scopes.models import DecisionRequest, DecisionRoute, RequestStatus
from latitude.scopes.trust import suggest


def expire_overdue_requests() -> int:
    overdue = DecisionRequest.objects.filter(
        status=RequestStatus.PENDING, expires_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    return sum(expire_request(request_id=pk) for pk in list(overdue))


def reroute_from_absent_holders() -> int:
    now = timezone.now()
    away = Absence.objects.filter(starts_at__lte=now, ends_at__gt=now).values("person_id")
    stuck = (
        DecisionRoute.objects.filter(active=True, request__status=RequestStatus.PENDING)
        .filter(Q(person_id__in=away) | Q(person__is_active=False))
        .values_list("request_id", flat=True)
        .distinct()
    )
    return sum(reroute_request(request_id=pk) for pk in list(stuck))


@task()
def expire_requests() -> int:
    return expire_overdue_requests()


@task()
def reroute_requests() -> int:
    return reroute_from_absent_holders()


@task()
def review_scopes() -> int:
    """Open (or refresh) scope review suggestions from the trust metrics of the period."""
    return suggest.review_scopes()
