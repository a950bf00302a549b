"""Reads about tickets; every one takes the actor and sees only what the actor may see."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from latitude.core.audit import subject_type_of
from latitude.core.errors import InvalidInput, NotFound
from latitude.core.models import AuditEntry
from latitude.core.pagination import KeysetPage, keyset_page
from latitude.tickets import events
from latitude.tickets.choices import OPEN_STATUSES, Status
from latitude.tickets.models import Attachment, Comment, Goodwill, Ticket, TicketLink
from latitude.tickets.search import matching_ticket_ids
from latitude.tickets.visibility import visibility_filter, works_on_filter

LIST_RELATED = ("requester", "owner", "team", "service")
TICKET_RELATED = (*LIST_RELATED, "category")

SORTS: dict[str, list[str]] = {
    "updated": ["-updated_at", "-id"],
    "-updated": ["updated_at", "id"],
    "created": ["-created_at", "-id"],
    "-created": ["created_at", "id"],
    "priority": ["priority", "-id"],
    "-priority": ["-priority", "-id"],
    "number": ["-id"],
    "-number": ["id"],
}

QUEUES = ("mine", "team", "unassigned", "all", "requested", "unit")
FINISHED_STATUSES = (Status.RESOLVED, Status.CLOSED)
# Queue tabs count up to this many tickets and then show "999+": an exact COUNT(*) of a big
# queue reads every matching row on every page view.
COUNT_CAP = 1000


@dataclass(frozen=True)
class TicketFilters:
    """Validated list filters shared by the workspace, the portal and the API."""

    queue: str = "all"
    status: str = ""
    kind: str = ""
    priority: int | None = None
    team_id: int | None = None
    owner_id: int | None = None
    service_id: int | None = None
    requester_id: int | None = None
    text: str = ""
    sort: str = "updated"
    open_only: bool = False
    finished_only: bool = False

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise InvalidInput(f"Sort by one of: {', '.join(SORTS)}.", field="sort")
        if self.queue not in QUEUES:
            raise InvalidInput(f"Queue is one of: {', '.join(QUEUES)}.", field="queue")
        if self.open_only and self.finished_only:
            raise InvalidInput("Ask for open or finished tickets, not both.", field="open_only")


def visible_tickets(actor: Any) -> QuerySet[Ticket]:
    return Ticket.objects.filter(visibility_filter(actor))


def workable_tickets(actor: Any) -> QuerySet[Ticket]:
    return Ticket.objects.filter(works_on_filter(actor))


def _ticket_lookup(ticket_id: int | str) -> Q:
    """An id (only ASCII digits: int() also reads '٣') or else a ticket number."""
    if isinstance(ticket_id, str) and not (ticket_id.isascii() and ticket_id.isdigit()):
        return Q(number=ticket_id.upper())
    return Q(pk=int(ticket_id))


def get_ticket_for(actor: Any, ticket_id: int | str, *, for_update: bool = False) -> Ticket:
    """The ticket if the actor may see it; NotFound otherwise (absent and hidden look alike)."""
    queryset = visible_tickets(actor)
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    # Parent, merged-into and approver are rarely set and load on access: joining them too made
    # PostgreSQL plan nine joins (4-5 ms of planning on every ticket page and every action).
    ticket = queryset.filter(_ticket_lookup(ticket_id)).select_related(*TICKET_RELATED).first()
    if ticket is None:
        raise NotFound("No such ticket.")
    return ticket


def _queue_filter(actor: Any, queue: str) -> Q:
    from latitude.people.selectors import team_ids_of

    if queue == "mine":
        return Q(owner_id=actor.pk)
    if queue == "team":
        return Q(team_id__in=team_ids_of(actor))
    if queue == "unassigned":
        return Q(owner__isnull=True) & Q(status__literal_in=OPEN_STATUSES)
    if queue == "requested":
        return Q(requester_id=actor.pk)
    if queue == "unit":
        return _shared_unit_filter(actor)
    return Q()


def _shared_unit_filter(actor: Any) -> Q:
    """Tickets raised within the actor's unit, only where the unit shares its tickets."""
    if actor.unit_id is None or not actor.unit.shares_tickets:
        return Q(pk__in=[])
    return Q(requester__unit_id=actor.unit_id)


def _queue_is_visible(actor: Any, queue: str) -> bool:
    """Whether every ticket of the queue is visible to the actor by its own condition.

    The visibility filter is an OR across the requester, watchers, unit and teams that no index
    can serve; repeating it on a queue it already contains makes the database read the whole
    queue. Anonymous and deactivated people always go through the filter (it shows them nothing).
    """
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    if actor.is_admin:
        return True
    if queue in ("requested", "unit"):
        return True
    return bool(actor.is_agent) and queue in ("mine", "team")


def filtered_tickets(actor: Any, filters: TicketFilters) -> QuerySet[Ticket]:
    queue = _queue_filter(actor, filters.queue)
    if _queue_is_visible(actor, filters.queue):
        queryset = Ticket.objects.filter(queue)
    else:
        queryset = visible_tickets(actor).filter(queue)
    exact = {
        "status": filters.status,
        "kind": filters.kind,
        "priority": filters.priority,
        "team_id": filters.team_id,
        "owner_id": filters.owner_id,
        "service_id": filters.service_id,
        "requester_id": filters.requester_id,
    }
    queryset = queryset.filter(
        **{key: value for key, value in exact.items() if value not in ("", None)}
    )
    if filters.open_only:
        queryset = queryset.filter(status__literal_in=OPEN_STATUSES)
    if filters.finished_only:
        queryset = queryset.filter(status__in=FINISHED_STATUSES)
    if filters.text.strip():
        queryset = queryset.filter(matching_ticket_ids(filters.text))
    return queryset


def ticket_page(
    actor: Any, filters: TicketFilters, *, cursor: str | None, size: int
) -> KeysetPage[Ticket]:
    """A page of tickets in a fixed number of queries, whatever the page size or depth."""
    queryset = filtered_tickets(actor, filters).select_related(*LIST_RELATED)
    return keyset_page(queryset, ordering=SORTS[filters.sort], cursor=cursor, size=size)


def count_tickets(actor: Any, filters: TicketFilters, *, cap: int | None = None) -> int:
    """How many tickets match, or `cap` when there are at least that many (a LIMIT-ed count)."""
    queryset = filtered_tickets(actor, filters)
    if cap is None:
        return queryset.count()
    return queryset.order_by().values("pk")[:cap].count()


def can_work_on(actor: Any, ticket: Ticket) -> bool:
    """Agent rights on this ticket, judged against the database row."""
    return Ticket.objects.filter(works_on_filter(actor), pk=ticket.pk).exists()


def comments_for(actor: Any, ticket: Ticket, *, working: bool | None = None) -> QuerySet[Comment]:
    """The conversation as the actor may read it: requesters never get internal notes.
    `working`: `can_work_on(actor, ticket)` when the caller has already asked it."""
    queryset = ticket.comments.select_related("author").prefetch_related(
        Prefetch(
            "attachments", queryset=attachments_visible_filter(actor, Attachment.objects.all())
        )
    )
    if not (can_work_on(actor, ticket) if working is None else working):
        queryset = queryset.filter(is_internal=False)
    return queryset


def attachments_visible_filter(actor: Any, queryset: QuerySet[Attachment]) -> QuerySet[Attachment]:
    if getattr(actor, "is_admin", False) or getattr(actor, "is_agent", False):
        return queryset.filter(
            Q(is_internal=False) | Q(ticket__in=Ticket.objects.filter(works_on_filter(actor)))
        )
    return queryset.filter(is_internal=False)


def get_attachment_for(actor: Any, attachment_id: int) -> Attachment:
    queryset = Attachment.objects.filter(ticket__in=visible_tickets(actor))
    attachment = attachments_visible_filter(actor, queryset).filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound("No such attachment.")
    return attachment


def related_tickets_for(actor: Any, ticket: Ticket) -> QuerySet[Ticket]:
    """Tickets linked to `ticket` that the actor may see.

    The link ids are read first (two indexed lookups) instead of joining every visible ticket
    to the link table, which cost most of a second at 100,000 tickets.
    """
    pairs = TicketLink.objects.filter(Q(source_id=ticket.pk) | Q(target_id=ticket.pk)).values_list(
        "source_id", "target_id"
    )
    other_ids = {target if source == ticket.pk else source for source, target in pairs}
    return visible_tickets(actor).filter(pk__in=other_ids).order_by("id")


def goodwill_for(actor: Any, ticket: Ticket) -> QuerySet[Goodwill]:
    """The goodwill credits on a ticket the actor may see (granted and revoked, oldest first)."""
    if not Ticket.objects.filter(visibility_filter(actor), pk=ticket.pk).exists():
        return Goodwill.objects.none()
    return Goodwill.objects.filter(ticket=ticket).select_related("granted_by", "revoked_by")


def merge_entry(ticket: Ticket) -> AuditEntry | None:
    """The audit entry of the ticket's latest merge into another (what an unmerge undoes)."""
    return (
        AuditEntry.objects.for_subject(subject_type_of(ticket), ticket.pk)
        .filter(verb=events.MERGED)
        .order_by("-occurred_at", "-id")
        .first()
    )


def merged_by(entry: AuditEntry | None, actor: Any) -> bool:
    """Whether the actor merged it (themself, or through a request someone approved)."""
    if entry is None:
        return False
    return getattr(actor, "pk", None) in (entry.actor_id, entry.on_behalf_of_id)
