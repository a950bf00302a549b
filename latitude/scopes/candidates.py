"""Who could take a decision the actor may not: the nearest holders first.

Nearness: the lead of one of the actor's own teams, then people of the teams closest to the
subject (for a ticket: its team, then the team owning its service), then other people named by
a person or team grant, and last people covered only by a broad role grant (a few, not all).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, prefetch_related_objects
from django.utils.translation import gettext as _

from latitude.people.models import User
from latitude.scopes import cache
from latitude.scopes.choices import ALLOWING_EFFECTS, HolderKind
from latitude.scopes.holders import (
    ActorProfile,
    holding_any,
    holds,
    profile_of_prefetched,
)
from latitude.scopes.models import GrantVersion
from latitude.scopes.registry import Decision

OWN_LEAD, SUBJECT_TEAM, NAMED, BROAD = range(4)
BROAD_SAMPLE = 5


@dataclass(frozen=True)
class Candidate:
    person: User
    grant_version: GrantVersion
    rank: int
    reason: str
    distance: int = 0


def nearest_holders(
    profile: ActorProfile,
    decision: Decision,
    subject: Any,
    facts: Mapping[str, Any],
    now: datetime,
    limit: int = 10,
) -> list[Candidate]:
    teams = decision.nearest_teams(subject)
    versions = [grant.version for grant in _covering(decision, facts, now)]
    found: dict[int, Candidate] = {}
    for person in _reachable(versions, profile, teams, limit):
        if person.pk != profile.pk:
            found[person.pk] = _best(person, versions, profile, teams)
    ordered = sorted(
        found.values(), key=lambda c: (c.rank, c.distance, c.person.full_name, c.person.pk)
    )
    return ordered[:limit]


def _covering(
    decision: Decision, facts: Mapping[str, Any], now: datetime
) -> list[cache.ActiveGrant]:
    return [
        grant
        for grant in cache.grants_for(decision.name)
        if grant.version.effect in ALLOWING_EFFECTS
        and grant.is_valid_at(now)
        and grant.check(facts)
    ]


def _reachable(
    versions: list[GrantVersion], profile: ActorProfile, teams: list[Any], limit: int
) -> list[User]:
    """Everyone the list could hold, in five queries however many grants cover the decision:
    all holders near the actor or the subject, the first `limit` other named holders by name,
    and a few people covered only by a role (one query each, then their teams for all)."""
    if not versions:
        return []
    holders = User.objects.filter(is_active=True)
    subject_teams = [team.pk for team in teams]
    near_here = (
        Q(led_teams__in=profile.team_ids)
        | Q(led_teams__in=subject_teams)
        | Q(memberships__team__in=subject_teams)
    )
    near = list(holders.filter(holding_any(versions)).filter(near_here).distinct())
    seen = [person.pk for person in near]
    if profile.pk is not None:
        seen.append(profile.pk)  # the actor must not take one of the places
    far = holders.exclude(pk__in=seen).order_by("full_name", "pk")
    named = [v for v in versions if v.holder_kind != HolderKind.ROLE]
    roles = [v for v in versions if v.holder_kind == HolderKind.ROLE]
    people = near + (list(far.filter(holding_any(named)).distinct()[:limit]) if named else [])
    if roles:
        people += list(far.filter(holding_any(roles)).distinct()[:BROAD_SAMPLE])
    prefetch_related_objects(people, "led_teams", "memberships")
    return people


def _best(
    person: User, versions: list[GrantVersion], profile: ActorProfile, teams: list[Any]
) -> Candidate:
    """The person's nearest standing over the covering grants they hold."""
    theirs = profile_of_prefetched(person)
    held = [version for version in versions if holds(theirs, version)] or versions
    ranked = (_rank(person, version, profile, teams) for version in held)
    return min(ranked, key=lambda candidate: (candidate.rank, candidate.distance))


def _rank(
    person: User, version: GrantVersion, profile: ActorProfile, teams: list[Any]
) -> Candidate:
    led = {team.pk: team for team in person.led_teams.all()}
    own = [led[pk] for pk in profile.team_ids if pk in led]
    if own:
        return Candidate(
            person, version, OWN_LEAD, _("lead of your team %(team)s") % {"team": own[0]}
        )
    member_of = {membership.team_id for membership in person.memberships.all()} | set(led)
    for distance, team in enumerate(teams):
        if team.pk in member_of:
            reason = _("in team %(team)s, close to this") % {"team": team}
            return Candidate(person, version, SUBJECT_TEAM, reason, distance)
    rank = BROAD if version.holder_kind == HolderKind.ROLE else NAMED
    return Candidate(person, version, rank, _("holds grant %(grant)s") % {"grant": version.grant})
