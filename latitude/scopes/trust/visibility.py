"""Who sees whose trust metrics: an agent their own and their teams', a team lead also the
members of the teams they lead, administrators everyone. Anyone else is told nothing exists."""

from typing import Any

from django.db.models import Q, QuerySet

from latitude.core.errors import NotFound
from latitude.people.models import Team, TeamMembership, User
from latitude.tickets.views.access import is_desk_user


def _led(actor: Any) -> QuerySet[Team]:
    return Team.objects.filter(lead=actor, is_active=True)


def visible_teams(actor: Any) -> QuerySet[Team]:
    if not is_desk_user(actor) or not actor.is_active:
        return Team.objects.none()
    if actor.is_admin:
        return Team.objects.filter(is_active=True)
    own = Q(memberships__user=actor) | Q(lead=actor)
    return Team.objects.filter(own, is_active=True).distinct()


def visible_people(actor: Any) -> QuerySet[User]:
    if not is_desk_user(actor) or not actor.is_active:
        return User.objects.none()
    if actor.is_admin:
        return User.objects.all()
    members = TeamMembership.objects.filter(team__in=_led(actor)).values("user_id")
    return User.objects.filter(Q(pk=actor.pk) | Q(pk__in=members))


def team_for(actor: Any, team_id: int) -> Team:
    team = visible_teams(actor).filter(pk=team_id).first()
    if team is None:
        raise NotFound("team")
    return team


def person_for(actor: Any, person_id: int) -> User:
    person = visible_people(actor).filter(pk=person_id).first()
    if person is None:
        raise NotFound("person")
    return person
