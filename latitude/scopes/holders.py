"""Who holds a grant: matching an actor against a version's holder, and listing the people."""

import operator
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.db.models import Q, QuerySet

from latitude.people.models import Team, User
from latitude.people.selectors import team_ids_of
from latitude.scopes.choices import UNSUPPORTED_HOLDER_KINDS, HolderKind, Role, TeamScope
from latitude.scopes.models import GrantVersion


@dataclass(frozen=True)
class ActorProfile:
    """What holder matching needs to know about an actor, read once per request."""

    pk: int | None
    active: bool
    roles: frozenset[str]
    team_ids: frozenset[int]
    led_team_ids: frozenset[int]


def profile_of(actor: Any) -> ActorProfile:
    cached: ActorProfile | None = getattr(actor, "_latitude_scope_profile", None)
    if cached is not None:
        return cached
    profile = _build_profile(actor)
    if isinstance(actor, User):
        actor._latitude_scope_profile = profile  # type: ignore[attr-defined]
    return profile


def _build_profile(actor: Any) -> ActorProfile:
    if not isinstance(actor, User) or actor.pk is None:
        return ActorProfile(None, False, frozenset(), frozenset(), frozenset())
    led = list(Team.objects.filter(lead=actor, is_active=True).values_list("pk", flat=True))
    teams = frozenset(team_ids_of(actor))
    return ActorProfile(actor.pk, actor.is_active, _roles(actor, bool(led)), teams, frozenset(led))


def _roles(person: User, leads: bool) -> frozenset[str]:
    flags = (
        (Role.REQUESTER, person.is_requester),
        (Role.AGENT, person.is_agent),
        (Role.LEAD, leads and person.is_agent),
        (Role.ADMIN, person.is_admin),
    )
    return frozenset(role for role, flag in flags if flag)


def holds(profile: ActorProfile, version: GrantVersion) -> bool:
    """Whether the actor is the version's holder (period and revocation are checked elsewhere)."""
    if not profile.active or version.holder_kind in UNSUPPORTED_HOLDER_KINDS:
        return False
    if version.holder_kind == HolderKind.PERSON:
        return version.holder_person_id == profile.pk
    if version.holder_kind == HolderKind.TEAM:
        if version.team_scope == TeamScope.LEAD:
            return version.holder_team_id in profile.led_team_ids
        return version.holder_team_id in profile.team_ids
    if version.holder_kind == HolderKind.ROLE:
        return version.holder_role in profile.roles
    return False


def people_holding(version: GrantVersion) -> QuerySet[User]:
    """Active people the version names as its holder (none for unsupported holder kinds)."""
    people = User.objects.filter(is_active=True).filter(holding_any([version]))
    return people.distinct() if version.holder_kind == HolderKind.ROLE else people


def holding_any(versions: Iterable[GrantVersion]) -> Q:
    """A Q over User matching the holders of any of the versions, with one clause per kind of
    holder rather than per version: a filter of a hundred OR-ed clauses cost Django ~20 ms."""
    persons: set[int] = set()
    members: set[int] = set()
    leads: set[int] = set()
    roles: set[str] = set()
    for version in versions:
        person, team = version.holder_person_id, version.holder_team_id
        if version.holder_kind == HolderKind.PERSON and person is not None:
            persons.add(person)
        elif version.holder_kind == HolderKind.TEAM and team is not None:
            (leads if version.team_scope == TeamScope.LEAD else members).add(team)
        elif version.holder_kind == HolderKind.ROLE:
            roles.add(version.holder_role)
    clauses = [_ROLE_FLAGS[role] for role in sorted(roles)]
    clauses += [Q(pk__in=sorted(persons))] if persons else []
    clauses += [Q(memberships__team_id__in=sorted(members))] if members else []
    clauses += [Q(led_teams__in=sorted(leads), led_teams__is_active=True)] if leads else []
    return reduce(operator.or_, clauses, Q(pk__in=[]))


def profile_of_prefetched(person: User) -> ActorProfile:
    """`profile_of` for a person read with `led_teams` and `memberships` prefetched (no query)."""
    led = frozenset(team.pk for team in person.led_teams.all() if team.is_active)
    teams = frozenset(membership.team_id for membership in person.memberships.all())
    return ActorProfile(person.pk, person.is_active, _roles(person, bool(led)), teams, led)


_ROLE_FLAGS: dict[str, Q] = {
    Role.REQUESTER: Q(is_requester=True),
    Role.AGENT: Q(is_agent=True),
    Role.LEAD: Q(is_agent=True, led_teams__is_active=True),
    Role.ADMIN: Q(is_admin=True),
}
