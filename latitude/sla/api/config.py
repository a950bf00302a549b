"""SLA policies, business calendars, their assignment and the due-time preview.

Agents and administrators read; administrators write (403 `not_permitted` for agents);
requesters get 404, as if the resources did not exist.
"""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status

from latitude.api.auth import actor_of
from latitude.api.pagination import PAGE_PARAMS, Page, PageQuery, page_of, reject_unknown_params
from latitude.api.schemas import PathId, problems
from latitude.core.errors import NotFound
from latitude.sla import actions, selectors
from latitude.sla.api.schemas import (
    AssignmentIn,
    AssignmentOut,
    CalendarIn,
    CalendarOut,
    CalendarPatch,
    DefaultCalendarIn,
    PolicyIn,
    PolicyOut,
    PolicyPatch,
    PreviewOut,
    PreviewQuery,
)
from latitude.sla.models import BusinessCalendar, CalendarAssignment, SlaPolicy
from latitude.sla.preview import Preview

router = Router(tags=["sla"])
WRITE = problems(403, 404)


class PolicyPage(Page[PolicyOut]):
    pass


class CalendarPage(Page[CalendarOut]):
    pass


def _set(payload: Any) -> dict[str, Any]:
    return payload.model_dump(exclude_unset=True)


@router.get(
    "/sla/policies", response={200: PolicyPage, **problems(404)}, operation_id="listSlaPolicies"
)
def list_policies(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    """Policies in the order they are tried: the first that matches a ticket applies."""
    reject_unknown_params(request, PAGE_PARAMS)
    return page_of(selectors.list_policies(actor_of(request)), ["position", "id"], page)


@router.get(
    "/sla/policies/{policy_id}",
    response={200: PolicyOut, **problems(404)},
    operation_id="getSlaPolicy",
)
def get_policy(request: HttpRequest, policy_id: PathId) -> SlaPolicy:
    return selectors.get_policy(actor_of(request), policy_id)


@router.post("/sla/policies", response={201: PolicyOut, **WRITE}, operation_id="createSlaPolicy")
def create_policy(request: HttpRequest, payload: PolicyIn) -> Status[Any]:
    """Validated on save: a target of zero, no target at all or a position behind a policy that
    matches everything are refused (422 with the field)."""
    _staff(request)
    return Status(201, actions.create_policy(actor=actor_of(request), **_set(payload)))


@router.patch(
    "/sla/policies/{policy_id}", response={200: PolicyOut, **WRITE}, operation_id="updateSlaPolicy"
)
def update_policy(request: HttpRequest, policy_id: PathId, payload: PolicyPatch) -> SlaPolicy:
    """Every change raises the policy's version."""
    selectors.get_policy(actor_of(request), policy_id)
    return actions.update_policy(actor=actor_of(request), policy_id=policy_id, **_set(payload))


def _staff(request: HttpRequest) -> None:
    selectors.list_policies(actor_of(request))  # requesters: 404


def calendar_out(calendar: BusinessCalendar) -> dict[str, Any]:
    return {
        **{f: getattr(calendar, f) for f in ("id", "name", "time_zone", "is_active", "is_default")},
        "holiday_country": calendar.holiday_country,
        "holiday_subdivision": calendar.holiday_subdivision,
        "hours": [
            {"weekday": p.weekday, "start": p.start, "end": p.end}
            for p in calendar.working_periods.all()
        ],
        "exceptions": [
            {
                "id": e.pk,
                "date": e.date.isoformat(),
                "kind": e.kind,
                "start": e.start,
                "end": e.end,
                "note": e.note,
            }
            for e in calendar.exceptions.all()
        ],
    }


def _calendars(request: HttpRequest) -> Any:
    _staff(request)
    return selectors.list_calendars(include_inactive=True).prefetch_related(
        "working_periods", "exceptions"
    )


@router.get(
    "/sla/calendars", response={200: CalendarPage, **problems(404)}, operation_id="listSlaCalendars"
)
def list_calendars(request: HttpRequest, page: Query[PageQuery]) -> dict[str, object]:
    reject_unknown_params(request, PAGE_PARAMS)
    found = page_of(_calendars(request), ["name", "id"], page)
    found["items"] = [calendar_out(c) for c in found["items"]]
    return found


@router.get(
    "/sla/calendars/{calendar_id}",
    response={200: CalendarOut, **problems(404)},
    operation_id="getSlaCalendar",
)
def get_calendar(request: HttpRequest, calendar_id: PathId) -> dict[str, Any]:
    calendar = _calendars(request).filter(pk=calendar_id).first()
    if calendar is None:
        raise NotFound(selectors.get_calendar.__doc__ or "Not found.")
    return calendar_out(calendar)


def _hours(periods: list[Any]) -> dict[int, list[tuple[Any, Any]]]:
    hours: dict[int, list[tuple[Any, Any]]] = {}
    for period in periods:
        hours.setdefault(period.weekday, []).append((period.start, period.end))
    return hours


@router.post(
    "/sla/calendars", response={201: CalendarOut, **WRITE}, operation_id="createSlaCalendar"
)
def create_calendar(request: HttpRequest, payload: CalendarIn) -> Status[Any]:
    """Overlapping periods, a week without working time, an unknown zone or holiday region
    are refused with 422 and the field."""
    _staff(request)
    calendar = actions.create_calendar(
        actor=actor_of(request),
        name=payload.name,
        time_zone=payload.time_zone,
        hours=_hours(payload.hours),
        holiday_country=payload.holiday_country,
        holiday_subdivision=payload.holiday_subdivision,
    )
    return Status(201, get_calendar(request, calendar.pk))


@router.patch(
    "/sla/calendars/{calendar_id}",
    response={200: CalendarOut, **WRITE},
    operation_id="updateSlaCalendar",
)
def update_calendar(
    request: HttpRequest, calendar_id: PathId, payload: CalendarPatch
) -> dict[str, Any]:
    get_calendar(request, calendar_id)
    fields = _set(payload)
    hours = fields.pop("hours", None)
    if fields:
        actions.update_calendar(actor=actor_of(request), calendar_id=calendar_id, **fields)
    if hours is not None:
        actions.set_working_hours(
            actor=actor_of(request), calendar_id=calendar_id, hours=_hours(payload.hours or [])
        )
    return get_calendar(request, calendar_id)


def assignment_out(row: CalendarAssignment) -> dict[str, Any]:
    return {
        "id": row.pk,
        "calendar_id": row.calendar_id,
        "target": row.target_kind,
        "service_id": row.service_id,
        "team_id": row.team_id,
        "unit_id": row.unit_id,
    }


@router.get(
    "/sla/calendar-assignments",
    response={200: list[AssignmentOut], **problems(404)},
    operation_id="listSlaCalendarAssignments",
)
def list_assignments(request: HttpRequest) -> list[dict[str, Any]]:
    """Which calendar each service, team and unit works by. A ticket uses its service's, else
    its team's, else its requester's unit's (or a unit above), else the site default."""
    return [assignment_out(row) for row in selectors.calendar_assignments(actor_of(request))]


@router.post(
    "/sla/calendar-assignments",
    response={200: AssignmentOut, **WRITE},
    operation_id="assignSlaCalendar",
)
def assign_calendar(request: HttpRequest, payload: AssignmentIn) -> dict[str, Any]:
    _staff(request)
    return assignment_out(actions.assign_calendar(actor=actor_of(request), **_set(payload)))


@router.delete(
    "/sla/calendar-assignments/{assignment_id}",
    response={204: None, **WRITE},
    operation_id="unassignSlaCalendar",
)
def unassign_calendar(request: HttpRequest, assignment_id: PathId) -> Status[Any]:
    _staff(request)
    actions.unassign_calendar(actor=actor_of(request), assignment_id=assignment_id)
    return Status(204, None)


@router.put(
    "/sla/default-calendar",
    response={204: None, **WRITE},
    operation_id="setSlaDefaultCalendar",
)
def set_default_calendar(request: HttpRequest, payload: DefaultCalendarIn) -> Status[Any]:
    _staff(request)
    actions.set_default_calendar(actor=actor_of(request), calendar_id=payload.calendar_id)
    return Status(204, None)


@router.get(
    "/sla/preview", response={200: PreviewOut, **problems(404)}, operation_id="previewSlaDueTimes"
)
def preview(request: HttpRequest, query: Query[PreviewQuery]) -> dict[str, Any]:
    """Due times a ticket would get: "a P2 incident opened Friday 16:30 in Munich is due ..."."""
    reject_unknown_params(request, PreviewQuery.model_fields)
    found = selectors.preview(actor_of(request), **query.model_dump())
    return preview_out(found)


def preview_out(found: Preview) -> dict[str, Any]:
    zone_name = found.calendar.time_zone if found.calendar else "UTC"
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(zone_name)
    return {
        "policy_id": found.policy.pk if found.policy else None,
        "policy_name": found.policy.name if found.policy else "",
        "calendar_id": found.calendar.pk if found.calendar else None,
        "calendar_name": found.calendar.name if found.calendar else "",
        "calendar_source": found.calendar_source,
        "time_zone": zone_name,
        "starts_at": found.starts_at,
        "dues": [
            {
                "clock": due.kind,
                "target_minutes": due.target_minutes,
                "due_at": due.due_at,
                "due_local": timezone.localtime(due.due_at, tz).strftime("%a %Y-%m-%d %H:%M"),
            }
            for due in found.dues
        ],
    }
