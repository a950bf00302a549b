"""Who holds a grant: matching an actor against a version's holder, and listing the people."""

from dataclasses import dataclass
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
    roles = {
        role
        for role, flag in (
            (Role.REQUESTER, actor.is_requester),
            (Role.AGENT, actor.is_agent),
            (Role.LEAD, bool(led) and actor.is_agent),
            (Role.ADMIN, actor.is_admin),
        )
        if flag
    }
    return ActorProfile(
        actor.pk, actor.is_active, frozenset(roles), frozenset(team_ids_of(actor)), frozenset(led)
    )


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
    people = User.objects.filter(is_active=True)
    person, team = version.holder_person_id, version.holder_team_id
    if version.holder_kind == HolderKind.PERSON and person is not None:
        return people.filter(pk=person)
    if version.holder_kind == HolderKind.TEAM and team is not None:
        if version.team_scope == TeamScope.LEAD:
            return people.filter(led_teams=team, led_teams__is_active=True)
        return people.filter(memberships__team_id=team)
    if version.holder_kind == HolderKind.ROLE:
        return people.filter(_ROLE_FLAGS[version.holder_role]).distinct()
    return people.none()


_ROLE_FLAGS: dict[str, Q] = {
    Role.REQUESTER: Q(is_requester=True),
    Role.AGENT: Q(is_agent=True),
    Role.LEAD: Q(is_agent=True, led_teams__is_active=True),
    Role.ADMIN: Q(is_admin=True),
}
