"""A ticket's SLA clocks with their timelines, and waiving or extending one."""

from dataclasses import fields

from django.http import HttpRequest
from ninja import Router

from latitude.api.auth import actor_of
from latitude.api.schemas import PathId, guarded_problems, problems
from latitude.sla import actions, selectors
from latitude.sla.api.schemas import ClockOut, ExtendIn, WaiveIn
from latitude.sla.selectors import ClockDetail

router = Router(tags=["sla"])


def clock_out(detail: ClockDetail) -> dict[str, object]:
    result = detail.result
    body = {f.name: getattr(result, f.name) for f in fields(result) if f.name != "timeline"}
    body["timeline"] = [
        {
            "at": item.at,
            "what": item.what,
            "text": selectors.timeline_text(item),
            "minutes": item.minutes,
            "detail": item.detail,
        }
        for item in result.timeline
    ]
    if detail.clock is not None:  # the sweep's recorded breach counts even before a recompute
        body["breached_at"] = result.breached_at or detail.clock.breached_at
    return body


def _details(request: HttpRequest, ticket_id: int) -> list[dict[str, object]]:
    return [clock_out(d) for d in selectors.clock_details(actor_of(request), ticket_id)]


def _one(request: HttpRequest, ticket_id: int, kind: str) -> dict[str, object]:
    return next(c for c in _details(request, ticket_id) if c["kind"] == kind)


@router.get(
    "/tickets/{ticket_id}/sla-clocks",
    response={200: list[ClockOut], **problems(404)},
    operation_id="listTicketSlaClocks",
)
def list_ticket_clocks(request: HttpRequest, ticket_id: PathId) -> list[dict[str, object]]:
    """The ticket's clocks computed from its trail now, each with its explained timeline.
    Only agents working on the ticket see them; everyone else gets 404."""
    return _details(request, ticket_id)


@router.post(
    "/tickets/{ticket_id}/sla-clocks/extensions",
    response={200: ClockOut, **guarded_problems(404, 409)},
    operation_id="extendTicketSlaClock",
)
def extend_clock(request: HttpRequest, ticket_id: PathId, payload: ExtendIn) -> dict[str, object]:
    """Give a running or paused clock more business minutes (the decision `ticket.waive_sla`;
    out of scope it answers 403 `out_of_scope` with the decision request it opened)."""
    actions.extend_sla(
        actor=actor_of(request),
        ticket_id=ticket_id,
        clock=payload.clock,
        minutes=payload.minutes,
        reason=payload.reason,
    )
    return _one(request, ticket_id, payload.clock)


@router.post(
    "/tickets/{ticket_id}/sla-clocks/waivers",
    response={200: ClockOut, **guarded_problems(404, 409)},
    operation_id="waiveTicketSlaClock",
)
def waive_clock(request: HttpRequest, ticket_id: PathId, payload: WaiveIn) -> dict[str, object]:
    """Stop a clock for good, with a reason (the decision `ticket.waive_sla`)."""
    actions.waive_sla(
        actor=actor_of(request), ticket_id=ticket_id, clock=payload.clock, reason=payload.reason
    )
    return _one(request, ticket_id, payload.clock)
