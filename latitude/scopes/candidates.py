"""Who could take a decision the actor may not: the nearest holders first.

Nearness: the lead of one of the actor's own teams, then people of the teams closest to the
subject (for a ticket: its team, then the team owning its service), then other people named by
a person or team grant, and last people covered only by a broad role grant (a few, not all).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from latitude.people.models import User
from latitude.scopes import cache
from latitude.scopes.choices import ALLOWING_EFFECTS, HolderKind
from latitude.scopes.holders import ActorProfile, people_holding
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
    found: dict[int, Candidate] = {}
    for grant in _covering(decision, facts, now):
        for person in _people(grant.version, profile, teams):
            candidate = _rank(person, grant.version, profile, teams)
            best = found.get(person.pk)
            nearer = best is None or (candidate.rank, candidate.distance) < (
                best.rank,
                best.distance,
            )
            if person.pk != profile.pk and nearer:
                found[person.pk] = candidate
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


def _people(version: GrantVersion, profile: ActorProfile, teams: list[Any]) -> list[User]:
    holders = people_holding(version).prefetch_related("led_teams", "memberships")
    if version.holder_kind != HolderKind.ROLE:
        return list(holders.distinct())
    near = Q(led_teams__in=profile.team_ids) | Q(memberships__team__in=[t.pk for t in teams])
    close = list(holders.filter(near).distinct())
    others = holders.exclude(pk__in=[p.pk for p in close]).order_by("full_name", "pk")
    return close + list(others[:BROAD_SAMPLE])


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
