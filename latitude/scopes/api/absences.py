"""The caller's own absences: while one lasts, decision requests routed to them move on to the
next holder (those already waiting at once, as on the My latitude page)."""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status

from latitude.api.auth import actor_of
from latitude.api.schemas import PathId, problems
from latitude.core.errors import NotFound
from latitude.people.actions import end_absence
from latitude.people.models import Absence
from latitude.people.selectors import absences_of
from latitude.scopes.actions.away import go_away
from latitude.scopes.api.schemas.requests import AbsenceIn, AbsenceOut

router = Router(tags=["absences"])


@router.get(
    "/me/absences", response={200: list[AbsenceOut], **problems()}, operation_id="listMyAbsences"
)
def list_absences(request: HttpRequest) -> list[Absence]:
    """Current and coming absences, soonest first."""
    return list(absences_of(actor_of(request), timezone.now()))


@router.post(
    "/me/absences", response={201: AbsenceOut, **problems()}, operation_id="recordMyAbsence"
)
def add_absence(
    request: HttpRequest, payload: AbsenceIn, response: HttpResponse
) -> Status[Absence]:
    """Record an absence; requests already waiting for the caller move on if it has begun."""
    actor = actor_of(request)
    absence, _moved = go_away(
        actor=actor,
        person=actor,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        note=payload.note,
    )
    response["Location"] = f"{request.path.rstrip('/')}/{absence.pk}"
    return Status(201, absence)


@router.delete(
    "/me/absences/{absence_id}",
    response={200: AbsenceOut, **problems(404)},
    operation_id="endMyAbsence",
)
def stop_absence(request: HttpRequest, absence_id: PathId) -> Absence:
    """End the absence now (one that has not begun is dropped: it ends as it starts)."""
    actor = actor_of(request)
    if not Absence.objects.filter(pk=absence_id, person=actor).exists():
        raise NotFound(_("No such absence."))
    return end_absence(actor=actor, absence_id=absence_id)
