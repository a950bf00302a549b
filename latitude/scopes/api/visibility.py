"""Who may read which grants, decision requests and decision records over the API.

- Grants: the desk's latitude is meant to be visible, so agents and administrators read every
  grant; anyone else (a requester) only the grants they hold now. Drafts (a grant whose first
  version waits for a decision request) are nobody's to read.
- Decision requests: the requester, the people it was routed to, administrators (the same
  filter as the inbox pages, `inbox.visible_to`).
- Decision records are internal to the desk: administrators read all; agents those on subjects
  they may see (tickets by the ticket visibility, grants all) and their own; anyone else only
  the records of decisions they took or that were taken on their behalf.
"""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from latitude.core.errors import NotFound
from latitude.scopes.choices import HolderKind, TeamScope
from latitude.scopes.holders import profile_of
from latitude.scopes.inbox import visible_to
from latitude.scopes.models import (
    DecisionRecord,
    DecisionRequest,
    Grant,
    GrantVersion,
)
from latitude.tickets.selectors import visible_tickets

TICKET = "tickets.ticket"
GRANT = "scopes.grant"


def _active(actor: Any) -> bool:
    return bool(getattr(actor, "is_active", False)) and getattr(actor, "pk", None) is not None


def reads_all_grants(actor: Any) -> bool:
    return _active(actor) and bool(actor.is_agent or actor.is_admin)


def held_by(actor: Any) -> Q:
    """A Q over GrantVersion: the versions whose holder the actor is."""
    profile = profile_of(actor)
    return (
        Q(holder_kind=HolderKind.PERSON, holder_person_id=profile.pk)
        | Q(
            holder_kind=HolderKind.TEAM,
            team_scope=TeamScope.MEMBERS,
            holder_team_id__in=profile.team_ids,
        )
        | Q(
            holder_kind=HolderKind.TEAM,
            team_scope=TeamScope.LEAD,
            holder_team_id__in=profile.led_team_ids,
        )
        | Q(holder_kind=HolderKind.ROLE, holder_role__in=profile.roles)
    )


def current_versions_for(actor: Any) -> QuerySet[GrantVersion]:
    """The current version of every grant the actor may read."""
    versions = GrantVersion.objects.current()
    if reads_all_grants(actor):
        return versions
    if not _active(actor):
        return versions.none()
    return versions.filter(held_by(actor))


def visible_grants(actor: Any) -> QuerySet[Grant]:
    current = current_versions_for(actor).filter(grant_id=OuterRef("pk"))
    return Grant.objects.filter(current_version__gt=0).filter(Exists(current))


def get_grant_for(actor: Any, grant_id: int) -> Grant:
    grant = visible_grants(actor).select_related("delegated_from").filter(pk=grant_id).first()
    if grant is None:
        raise NotFound(_("No such grant."))
    return grant


def visible_requests(actor: Any) -> QuerySet[DecisionRequest]:
    return DecisionRequest.objects.filter(visible_to(actor))


def get_request_for(actor: Any, request_id: int) -> DecisionRequest:
    found = visible_requests(actor).filter(pk=request_id).first()
    if found is None:
        raise NotFound(_("No such decision request."))
    return found


def records_visible_to(actor: Any) -> Q:
    if not _active(actor):
        return Q(pk__in=[])
    if actor.is_admin:
        return Q()
    own = Q(actor_id=actor.pk) | Q(on_behalf_of_id=actor.pk)
    if not actor.is_agent:
        return own
    tickets = Q(subject_type=TICKET, subject_id__in=visible_tickets(actor).values("pk"))
    return own | tickets | Q(subject_type=GRANT)


def visible_records(actor: Any) -> QuerySet[DecisionRecord]:
    return DecisionRecord.objects.filter(records_visible_to(actor))
