"""Relations between tickets (parent, related, merge) and the people watching a ticket."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from latitude.api.auth import actor_of
from latitude.api.schemas import PathId, PersonRef, guarded_problems, problems
from latitude.people.models import User
from latitude.people.selectors import visible_people
from latitude.tickets import actions
from latitude.tickets.api.common import required_person, visible_ticket_id, with_etag
from latitude.tickets.models import Ticket
from latitude.tickets.schemas import MergeIn, ParentIn, RelatedIn, TicketOut, TicketRef, WatcherIn
from latitude.tickets.selectors import get_ticket_for, related_tickets_for

router = Router(tags=["ticket links"])

WRITE_PROBLEMS = problems(403, 404, 409)


def _related(actor: User, ticket: Ticket) -> list[Ticket]:
    return list(related_tickets_for(actor, ticket))


def _watchers(actor: User, ticket: Ticket) -> list[User]:
    people = visible_people(actor).filter(watched_tickets=ticket)
    return list(people.order_by("full_name", "id"))


@router.put(
    "/tickets/{ticket_id}/parent",
    response={200: TicketOut, **WRITE_PROBLEMS},
    operation_id="setTicketParent",
)
def set_parent(
    request: HttpRequest, ticket_id: PathId, payload: ParentIn, response: HttpResponse
) -> Ticket:
    """Make the ticket a child of another one, or detach it with `parent_id: null`."""
    actor = actor_of(request)
    get_ticket_for(actor, ticket_id)
    parent_id = None
    if payload.parent_id is not None:
        parent_id = visible_ticket_id(actor, payload.parent_id, "parent_id")
    ticket = actions.set_parent(actor=actor, ticket_id=ticket_id, parent_id=parent_id)
    return with_etag(response, ticket)


@router.get(
    "/tickets/{ticket_id}/related",
    response={200: list[TicketRef], **problems(404)},
    operation_id="listRelatedTickets",
)
def list_related(request: HttpRequest, ticket_id: PathId) -> list[Ticket]:
    """Tickets linked as related that the caller may see."""
    actor = actor_of(request)
    return _related(actor, get_ticket_for(actor, ticket_id))


@router.post(
    "/tickets/{ticket_id}/related",
    response={201: list[TicketRef], **WRITE_PROBLEMS},
    operation_id="linkRelatedTicket",
)
def link_related(
    request: HttpRequest, ticket_id: PathId, payload: RelatedIn
) -> Status[list[Ticket]]:
    actor = actor_of(request)
    ticket = get_ticket_for(actor, ticket_id)
    other_id = visible_ticket_id(actor, payload.ticket_id, "ticket_id")
    actions.link_related(actor=actor, ticket_id=ticket_id, other_id=other_id)
    return Status(201, _related(actor, ticket))


@router.delete(
    "/tickets/{ticket_id}/related/{other_id}",
    response={204: None, **WRITE_PROBLEMS},
    operation_id="unlinkRelatedTicket",
)
def unlink_related(request: HttpRequest, ticket_id: PathId, other_id: PathId) -> Status[None]:
    actor = actor_of(request)
    get_ticket_for(actor, ticket_id)
    get_ticket_for(actor, other_id)
    actions.unlink_related(actor=actor, ticket_id=ticket_id, other_id=other_id)
    return Status(204, None)


@router.post(
    "/tickets/{ticket_id}/merge",
    response={200: TicketOut, **guarded_problems(404, 409)},
    operation_id="mergeTicket",
)
def merge_ticket(
    request: HttpRequest, ticket_id: PathId, payload: MergeIn, response: HttpResponse
) -> Ticket:
    """Close this ticket as a duplicate of `into_id`; its people follow the survivor."""
    actor = actor_of(request)
    get_ticket_for(actor, ticket_id)
    into_id = visible_ticket_id(actor, payload.into_id, "into_id")
    ticket = actions.merge_ticket(
        actor=actor, ticket_id=ticket_id, into_id=into_id, reason=payload.reason
    )
    return with_etag(response, ticket)


@router.get(
    "/tickets/{ticket_id}/watchers",
    response={200: list[PersonRef], **problems(404)},
    operation_id="listTicketWatchers",
)
def list_watchers(request: HttpRequest, ticket_id: PathId) -> list[User]:
    actor = actor_of(request)
    return _watchers(actor, get_ticket_for(actor, ticket_id))


@router.post(
    "/tickets/{ticket_id}/watchers",
    response={200: list[PersonRef], **WRITE_PROBLEMS},
    operation_id="addTicketWatcher",
)
def add_watcher(request: HttpRequest, ticket_id: PathId, payload: WatcherIn) -> list[User]:
    actor = actor_of(request)
    ticket = get_ticket_for(actor, ticket_id)
    user = required_person(actor, payload.user_id, "user_id")
    actions.add_watcher(actor=actor, ticket_id=ticket_id, user=user)
    return _watchers(actor, ticket)


@router.delete(
    "/tickets/{ticket_id}/watchers/{user_id}",
    response={204: None, **WRITE_PROBLEMS},
    operation_id="removeTicketWatcher",
)
def remove_watcher(request: HttpRequest, ticket_id: PathId, user_id: PathId) -> Status[None]:
    """Stop someone watching; anyone may stop watching themself."""
    actor = actor_of(request)
    get_ticket_for(actor, ticket_id)
    user = get_object_or_404(visible_people(actor), pk=user_id)
    actions.remove_watcher(actor=actor, ticket_id=ticket_id, user=user)
    return Status(204, None)
