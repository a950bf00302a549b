"""Who may see which ticket, as one filter used by every surface (pages, API, files, counts)."""

from typing import Any

from django.db.models import Q

from latitude.people.selectors import team_ids_of
from latitude.tickets.models import TicketWatcher


def visibility_filter(actor: Any) -> Q:
    """A Q over Ticket matching exactly the tickets `actor` may see; nothing for anonymous."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return Q(pk__in=[])
    if actor.is_admin:
        return Q()
    # Watchers follow the ticket whatever their role: a requester carried over by a merge or
    # copied in by an agent must be able to read the ticket they were added to.
    condition = Q(requester_id=actor.pk) | _watched_by(actor)
    if actor.unit_id is not None and actor.unit.shares_tickets:
        condition |= Q(requester__unit_id=actor.unit_id)
    if actor.is_agent:
        condition |= Q(team_id__in=team_ids_of(actor)) | Q(owner_id=actor.pk)
    return condition


def works_on_filter(actor: Any) -> Q:
    """Tickets the actor may work on as an agent (change, reply internally, assign)."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return Q(pk__in=[])
    if actor.is_admin:
        return Q()
    if not actor.is_agent:
        return Q(pk__in=[])
    return Q(team_id__in=team_ids_of(actor)) | Q(owner_id=actor.pk) | _watched_by(actor)


def _watched_by(actor: Any) -> Q:
    # One uncorrelated subquery (the person's few watched tickets), not an EXISTS per ticket:
    # inside an OR no index serves a correlated EXISTS, so it ran once for every row counted.
    return Q(pk__in=TicketWatcher.objects.filter(user_id=actor.pk).values("ticket_id"))
