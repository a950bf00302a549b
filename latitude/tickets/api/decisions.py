"""Approving service requests, goodwill credits and undoing merges. Each endpoint calls one
guarded action; a decision outside the caller's scope answers 403 `out_of_scope` with the
decision request it opened (see latitude.api.errors)."""

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from latitude.api.auth import actor_of
from latitude.api.schemas import PathId, problems
from latitude.people.models import User
from latitude.tickets import actions
from latitude.tickets.api.common import expected_version, with_etag
from latitude.tickets.models import Goodwill, Ticket
from latitude.tickets.schemas import (
    ApproveIn,
    CostIn,
    DecisionReasonIn,
    GoodwillIn,
    GoodwillOut,
    TicketOut,
)
from latitude.tickets.selectors import get_ticket_for, goodwill_for

router = Router(tags=["ticket decisions"])

WRITE_PROBLEMS = problems(403, 404, 409, 412)


@router.post(
    "/tickets/{ticket_id}/approval/approve",
    response={200: TicketOut, **WRITE_PROBLEMS},
    operation_id="approveRequest",
)
def approve(
    request: HttpRequest, ticket_id: PathId, payload: ApproveIn, response: HttpResponse
) -> Ticket:
    """Approve a service request waiting for approval (`request.approve`)."""
    ticket = actions.approve_request_ticket(
        actor=actor_of(request),
        ticket_id=ticket_id,
        note=payload.note,
        expected_version=expected_version(request, ticket_id),
    )
    return with_etag(response, ticket)


@router.post(
    "/tickets/{ticket_id}/approval/reject",
    response={200: TicketOut, **WRITE_PROBLEMS},
    operation_id="rejectRequest",
)
def reject(
    request: HttpRequest, ticket_id: PathId, payload: DecisionReasonIn, response: HttpResponse
) -> Ticket:
    """Reject it, with a reason the requester reads (the authority of `request.approve`)."""
    ticket = actions.reject_request_ticket(
        actor=actor_of(request),
        ticket_id=ticket_id,
        reason=payload.reason,
        expected_version=expected_version(request, ticket_id),
    )
    return with_etag(response, ticket)


@router.post(
    "/tickets/{ticket_id}/approval/revoke",
    response={200: TicketOut, **WRITE_PROBLEMS},
    operation_id="revokeApproval",
)
def revoke(
    request: HttpRequest, ticket_id: PathId, payload: DecisionReasonIn, response: HttpResponse
) -> Ticket:
    """Revoke the approval of an open request (`request.revoke_approval`)."""
    ticket = actions.revoke_approval(
        actor=actor_of(request),
        ticket_id=ticket_id,
        reason=payload.reason,
        expected_version=expected_version(request, ticket_id),
    )
    return with_etag(response, ticket)


@router.put(
    "/tickets/{ticket_id}/cost",
    response={200: TicketOut, **WRITE_PROBLEMS},
    operation_id="setRequestCost",
)
def set_cost(
    request: HttpRequest, ticket_id: PathId, payload: CostIn, response: HttpResponse
) -> Ticket:
    """Correct what a request costs; refused (409) once it is approved."""
    ticket = actions.set_request_cost(
        actor=actor_of(request),
        ticket_id=ticket_id,
        amount=payload.cost_amount,
        currency=payload.cost_currency,
        expected_version=expected_version(request, ticket_id),
    )
    return with_etag(response, ticket)


def _credits(actor: User, ticket_id: int) -> list[Goodwill]:
    return list(goodwill_for(actor, get_ticket_for(actor, ticket_id)))


@router.get(
    "/tickets/{ticket_id}/goodwill",
    response={200: list[GoodwillOut], **problems(404)},
    operation_id="listGoodwill",
)
def list_goodwill(request: HttpRequest, ticket_id: PathId) -> list[Goodwill]:
    """The credits on the ticket, granted and revoked, oldest first."""
    return _credits(actor_of(request), ticket_id)


@router.post(
    "/tickets/{ticket_id}/goodwill",
    response={201: GoodwillOut, **WRITE_PROBLEMS},
    operation_id="grantGoodwill",
)
def grant_goodwill(
    request: HttpRequest, ticket_id: PathId, payload: GoodwillIn
) -> Status[Goodwill]:
    """Grant the requester a credit (`ticket.goodwill`; amount and currency are its facts)."""
    goodwill = actions.grant_goodwill(
        actor=actor_of(request),
        ticket_id=ticket_id,
        amount=payload.amount,
        currency=payload.currency,
        reason=payload.reason,
    )
    return Status(201, goodwill)


@router.post(
    "/tickets/{ticket_id}/goodwill/{goodwill_id}/revoke",
    response={200: GoodwillOut, **WRITE_PROBLEMS},
    operation_id="revokeGoodwill",
)
def revoke_goodwill(
    request: HttpRequest, ticket_id: PathId, goodwill_id: PathId, payload: DecisionReasonIn
) -> Goodwill:
    """Revoke a credit (`ticket.revoke_goodwill`); it stays on record, marked revoked."""
    return actions.revoke_goodwill(
        actor=actor_of(request),
        ticket_id=ticket_id,
        goodwill_id=goodwill_id,
        reason=payload.reason,
    )


@router.post(
    "/tickets/{ticket_id}/unmerge",
    response={200: TicketOut, **WRITE_PROBLEMS},
    operation_id="unmergeTicket",
)
def unmerge(
    request: HttpRequest, ticket_id: PathId, payload: DecisionReasonIn, response: HttpResponse
) -> Ticket:
    """Undo a merge: the duplicate reopens in the status it had (`ticket.unmerge`)."""
    ticket = actions.unmerge_ticket(
        actor=actor_of(request), ticket_id=ticket_id, reason=payload.reason
    )
    return with_etag(response, ticket)
