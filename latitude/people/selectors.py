"""Reads about people and teams that depend on who asks."""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import QuerySet

from latitude.people.models import Absence, ApiToken, Team, User


def team_ids_of(actor: User) -> list[int]:
    """Ids of the active teams the actor belongs to (cached on the instance per request)."""
    cached: list[int] | None = getattr(actor, "_latitude_team_ids", None)
    if cached is None:
        cached = list(
            Team.objects.filter(memberships__user=actor, is_active=True).values_list(
                "id", flat=True
            )
        )
        actor._latitude_team_ids = cached  # type: ignore[attr-defined]
    return cached


def visible_people(actor: User) -> QuerySet[User]:
    """Agents and admins see everyone; a requester sees only themself."""
    if actor.is_agent or actor.is_admin:
        return User.objects.filter(is_active=True)
    return User.objects.filter(pk=actor.pk)


def visible_teams(actor: User) -> QuerySet[Team]:
    return Team.objects.filter(is_active=True)


def agents_of_team(team: Team) -> QuerySet[User]:
    return team.members.filter(is_active=True, is_agent=True)


def tokens_of(actor: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=actor)


def away_ids(person_ids: Iterable[int], moment: datetime) -> set[int]:
    """Which of these people are away at `moment`."""
    return set(
        Absence.objects.filter(
            person_id__in=list(person_ids), starts_at__lte=moment, ends_at__gt=moment
        ).values_list("person_id", flat=True)
    )


def absences_of(person: User, moment: datetime) -> QuerySet[Absence]:
    """Current and coming absences, soonest first."""
    return Absence.objects.filter(person=person, ends_at__gt=moment).order_by("starts_at")
