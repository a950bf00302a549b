"""Ownership and team: one accountable owner; hand-offs between teams are explicit."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from latitude.core.decisions import check_decision, guarded
from latitude.core.errors import Conflict, InvalidInput, InvalidTransition
from latitude.people.models import Team, TeamMembership, User
from latitude.sla import hooks as sla_clocks
from latitude.tickets import events
from latitude.tickets import notification_events as notices
from latitude.tickets.actions.base import lock_workable, save_ticket
from latitude.tickets.choices import Status
from latitude.tickets.models import Ticket


def _check_owner(owner: User | None, team_id: int | None) -> None:
    if owner is None:
        return
    if not owner.is_active or not owner.is_agent:
        raise InvalidInput(_("The owner must be an active agent."), field="owner")
    if team_id and not TeamMembership.objects.filter(team_id=team_id, user=owner).exists():
        raise InvalidInput(_("The owner must be a member of the ticket's team."), field="owner")


def _set_owner(actor: Any, ticket: Ticket, owner: User | None) -> Ticket:
    previous = ticket.owner_id
    if previous == (owner.pk if owner else None):
        return ticket
    ticket.owner = owner
    fields = ["owner"]
    if owner is not None and ticket.status == Status.NEW:
        ticket.status = Status.IN_PROGRESS
        fields.append("status")
    save_ticket(ticket, fields)
    changes: dict[str, Any] = {"owner": (previous, ticket.owner_id)}
    if "status" in fields:
        changes["status"] = (Status.NEW, Status.IN_PROGRESS)
    events.ticket_changed(actor=actor, ticket=ticket, verb=events.OWNER_CHANGED, changes=changes)
    notices.owner_changed(actor=actor, ticket=ticket)
    sla_clocks.ticket_changed(actor=actor, ticket=ticket)
    return ticket


@transaction.atomic
def assign_owner(
    *, actor: Any, ticket_id: int, owner: User | None, expected_version: int | None = None
) -> Ticket:
    """Make `owner` the accountable agent (None releases the ticket back to its team)."""
    ticket = lock_workable(actor, ticket_id, expected_version=expected_version)
    _check_owner(owner, ticket.team_id)
    return _set_owner(actor, ticket, owner)


@transaction.atomic
def take_ticket(*, actor: Any, ticket_id: int) -> Ticket:
    """The actor takes an unowned ticket; if someone else was faster, it is a conflict."""
    ticket = lock_workable(actor, ticket_id)
    if ticket.owner_id is not None and ticket.owner_id != actor.pk:
        raise Conflict(_("%(owner)s already owns this ticket.") % {"owner": ticket.owner})
    _check_owner(actor, ticket.team_id)
    return _set_owner(actor, ticket, actor)


@guarded
def transfer_team(
    *,
    actor: Any,
    ticket_id: int,
    team: Team,
    reason: str = "",
    keep_owner: bool = False,
    expected_version: int | None = None,
) -> Ticket:
    """Hand the ticket to another team (a hand-off, measured). The owner is released unless
    they are a member of the new team and `keep_owner` is set."""
    ticket = lock_workable(actor, ticket_id, expected_version=expected_version)
    if not team.is_active:
        raise InvalidInput(_("This team is inactive."), field="team")
    if ticket.team_id == team.pk:
        return ticket
    if not ticket.is_open:
        raise InvalidTransition(_("A resolved or closed ticket cannot be handed to another team."))
    check_decision(
        actor,
        "ticket.transfer_team",
        ticket,
        {"from_team": ticket.team_id, "to_team": team.pk, "priority": ticket.priority},
        rationale=reason,
    )
    previous_team, previous_owner = ticket.team_id, ticket.owner_id
    ticket.team = team
    owner_stays = (
        keep_owner
        and ticket.owner_id
        and TeamMembership.objects.filter(team=team, user_id=ticket.owner_id).exists()
    )
    if not owner_stays:
        ticket.owner = None
    save_ticket(ticket, ["team", "owner"])
    changes: dict[str, Any] = {"team": (previous_team, team.pk)}
    if previous_owner != ticket.owner_id:
        changes["owner"] = (previous_owner, ticket.owner_id)
    events.ticket_changed(
        actor=actor,
        ticket=ticket,
        verb=events.TEAM_CHANGED,
        changes=changes,
        context={"reason": reason} if reason else None,
    )
    sla_clocks.ticket_changed(actor=actor, ticket=ticket)
    return ticket
