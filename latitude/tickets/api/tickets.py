"""Tickets as a resource: list, open, read, correct fields, change priority."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from latitude.api.auth import actor_of
from latitude.api.pagination import PAGE_PARAMS, PageQuery, as_page, reject_unknown_params
from latitude.api.schemas import PathId, guarded_problems, problems
from latitude.core.errors import InvalidInput
from latitude.tickets import actions
from latitude.tickets.api.common import (
    category_or_none,
    expected_version,
    person_or_none,
    service_or_none,
    team_or_none,
    with_etag,
)
from latitude.tickets.models import Ticket
from latitude.tickets.schemas import (
    PriorityIn,
    TicketIn,
    TicketListQuery,
    TicketOut,
    TicketPage,
    TicketPatch,
)
from latitude.tickets.selectors import TicketFilters, get_ticket_for, ticket_page

router = Router(tags=["tickets"])

LIST_PARAMS = {*TicketListQuery.model_fields, *PAGE_PARAMS}


def _filters(query: TicketListQuery) -> TicketFilters:
    return TicketFilters(
        queue=query.queue,
        status=query.status or "",
        kind=query.kind or "",
        priority=query.priority,
        team_id=query.team,
        owner_id=query.owner,
        service_id=query.service,
        requester_id=query.requester,
        text=query.q,
        sort=query.sort,
        open_only=query.open_only,
    )


@router.get("/tickets", response={200: TicketPage, **problems()}, operation_id="listTickets")
def list_tickets(
    request: HttpRequest, query: Query[TicketListQuery], page: Query[PageQuery]
) -> dict[str, Any]:
    """Tickets the caller may see, filtered and sorted, one cursor page at a time."""
    reject_unknown_params(request, LIST_PARAMS)
    found = ticket_page(actor_of(request), _filters(query), cursor=page.cursor, size=page.size)
    return as_page(found)


@router.post("/tickets", response={201: TicketOut, **problems(403)}, operation_id="createTicket")
def create_ticket(
    request: HttpRequest, payload: TicketIn, response: HttpResponse
) -> Status[Ticket]:
    """Open an incident or a service request; it is routed to the service's team or triage."""
    actor = actor_of(request)
    ticket = actions.open_ticket(
        actor=actor,
        kind=payload.kind,
        subject=payload.subject,
        description=payload.description,
        requester=person_or_none(actor, payload.requester_id, "requester_id"),
        service=service_or_none(payload.service_id),
        category=category_or_none(payload.category_id),
        impact=payload.impact,
        urgency=payload.urgency,
        team=team_or_none(actor, payload.team_id),
        cost_amount=payload.cost_amount,
        cost_currency=payload.cost_currency,
    )
    response["Location"] = f"{request.path.rstrip('/')}/{ticket.pk}"
    return Status(201, with_etag(response, ticket))


@router.get(
    "/tickets/{ticket_id}", response={200: TicketOut, **problems(404)}, operation_id="getTicket"
)
def get_ticket(request: HttpRequest, ticket_id: PathId, response: HttpResponse) -> Ticket:
    """One ticket; the ETag header carries its version for If-Match."""
    return with_etag(response, get_ticket_for(actor_of(request), ticket_id))


@router.patch(
    "/tickets/{ticket_id}",
    response={200: TicketOut, **problems(403, 404, 412)},
    operation_id="updateTicket",
)
def update_ticket(
    request: HttpRequest, ticket_id: PathId, payload: TicketPatch, response: HttpResponse
) -> Ticket:
    """Correct subject, description, service or category (agents working on the ticket).

    Only the fields present in the body change; `null` clears service or category. Any other
    field (status, owner, priority ...) is refused with 422 naming it.
    """
    actor = actor_of(request)
    get_ticket_for(actor, ticket_id)
    given = payload.model_fields_set
    for name in ("subject", "description"):
        if name in given and getattr(payload, name) is None:
            raise InvalidInput(_("This field cannot be null."), field=name)
    changes: dict[str, Any] = {
        name: getattr(payload, name) for name in ("subject", "description") if name in given
    }
    if "service_id" in given:
        changes["service"] = service_or_none(payload.service_id)
    if "category_id" in given:
        changes["category"] = category_or_none(payload.category_id)
    ticket = actions.update_ticket(
        actor=actor,
        ticket_id=ticket_id,
        expected_version=expected_version(request, ticket_id),
        **changes,
    )
    return with_etag(response, ticket)


@router.post(
    "/tickets/{ticket_id}/priority",
    response={200: TicketOut, **guarded_problems(404, 412)},
    operation_id="changeTicketPriority",
)
def change_priority(
    request: HttpRequest, ticket_id: PathId, payload: PriorityIn, response: HttpResponse
) -> Ticket:
    """Re-rate impact and urgency (priority follows the matrix) or set the priority directly."""
    ticket = actions.change_priority(
        actor=actor_of(request),
        ticket_id=ticket_id,
        impact=payload.impact,
        urgency=payload.urgency,
        priority=payload.priority,
        reason=payload.reason,
        expected_version=expected_version(request, ticket_id),
    )
    return with_etag(response, ticket)
