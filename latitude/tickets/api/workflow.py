"""Moving tickets: lifecycle transitions, the requester's accept/reopen, owner and team."""

from django.http import HttpRequest, HttpResponse
from ninja import Router

from latitude.api.auth import actor_of
from latitude.api.schemas import PathId, guarded_problems, problems
from latitude.tickets import actions
from latitude.tickets.api.common import expected_version, person_or_none, required_team, with_etag
from latitude.tickets.models import Ticket
from latitude.tickets.schemas import AssignmentIn, ReopenIn, TeamTransferIn, TicketOut, TransitionIn
from latitude.tickets.selectors import get_ticket_for

router = Router(tags=["ticket workflow"])

WRITE_PROBLEMS = problems(403, 404, 409, 412)
# Operations that take a guarded decision: their 403 may be `out_of_scope`.
GUARDED_PROBLEMS = guarded_problems(404, 409, 412)


@router.post(
    "/tickets/{ticket_id}/transitions",
    response={200: TicketOut, **GUARDED_PROBLEMS},
    operation_id="transitionTicket",
)
def transition_ticket(
    request: HttpRequest, ticket_id: PathId, payload: TransitionIn, response: HttpResponse
) -> Ticket:
    """Move the ticket to another status. An illegal move is refused (409) with the reason;
    resolving needs a resolution; resolving a parent with open children needs
    `confirm_open_children` (409 `confirmation_required` otherwise)."""
    ticket = actions.change_status(
        actor=actor_of(request),
        ticket_id=ticket_id,
        status=payload.status,
        resolution=payload.resolution,
        reason=payload.reason,
        confirm_open_children=payload.confirm_open_children,
        expected_version=expected_version(request, ticket_id),
    )
    return with_etag(response, ticket)


@router.post(
    "/tickets/{ticket_id}/accept",
    response={200: TicketOut, **WRITE_PROBLEMS},
    operation_id="acceptResolution",
)
def accept_resolution(request: HttpRequest, ticket_id: PathId, response: HttpResponse) -> Ticket:
    """The requester accepts the resolution, which closes the ticket."""
    ticket = actions.accept_resolution(actor=actor_of(request), ticket_id=ticket_id)
    return with_etag(response, ticket)


@router.post(
    "/tickets/{ticket_id}/reopen",
    response={200: TicketOut, **GUARDED_PROBLEMS},
    operation_id="reopenTicket",
)
def reopen_ticket(
    request: HttpRequest, ticket_id: PathId, payload: ReopenIn, response: HttpResponse
) -> Ticket:
    """Reopen a resolved ticket, or a recently closed one, saying why."""
    ticket = actions.reopen_ticket(
        actor=actor_of(request), ticket_id=ticket_id, reason=payload.reason
    )
    return with_etag(response, ticket)


@router.post(
    "/tickets/{ticket_id}/assignment",
    response={200: TicketOut, **WRITE_PROBLEMS},
    operation_id="assignTicket",
)
def assign_ticket(
    request: HttpRequest, ticket_id: PathId, payload: AssignmentIn, response: HttpResponse
) -> Ticket:
    """Make an agent of the ticket's team its owner, or release it with `owner_id: null`."""
    actor = actor_of(request)
    get_ticket_for(actor, ticket_id)
    owner = person_or_none(actor, payload.owner_id, "owner_id")
    ticket = actions.assign_owner(
        actor=actor,
        ticket_id=ticket_id,
        owner=owner,
        expected_version=expected_version(request, ticket_id),
    )
    return with_etag(response, ticket)


@router.post(
    "/tickets/{ticket_id}/take",
    response={200: TicketOut, **WRITE_PROBLEMS},
    operation_id="takeTicket",
)
def take_ticket(request: HttpRequest, ticket_id: PathId, response: HttpResponse) -> Ticket:
    """Take an unowned ticket; 409 if someone else already owns it."""
    ticket = actions.take_ticket(actor=actor_of(request), ticket_id=ticket_id)
    return with_etag(response, ticket)


@router.post(
    "/tickets/{ticket_id}/team",
    response={200: TicketOut, **GUARDED_PROBLEMS},
    operation_id="transferTicketTeam",
)
def transfer_team(
    request: HttpRequest, ticket_id: PathId, payload: TeamTransferIn, response: HttpResponse
) -> Ticket:
    """Hand the ticket to another team; the owner is released unless kept and a member."""
    actor = actor_of(request)
    get_ticket_for(actor, ticket_id)
    team = required_team(actor, payload.team_id)
    ticket = actions.transfer_team(
        actor=actor,
        ticket_id=ticket_id,
        team=team,
        reason=payload.reason,
        keep_owner=payload.keep_owner,
        expected_version=expected_version(request, ticket_id),
    )
    return with_etag(response, ticket)
