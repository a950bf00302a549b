"""Every write about people, teams and API tokens."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from latitude.core import audit
from latitude.core.errors import InvalidInput, NotFound, NotPermitted
from latitude.people.models import Absence, ApiToken, Team, TeamMembership, User

TOKEN_PREFIX = "lat_"


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str


@transaction.atomic
def create_api_token(
    *, actor: object, user: User, name: str, expires_at: datetime | None = None
) -> IssuedToken:
    """Issue a personal API token; the secret is returned once and stored only as a digest."""
    if getattr(actor, "pk", None) not in (None, user.pk) and not getattr(actor, "is_admin", False):
        raise NotPermitted("You may only create tokens for yourself.")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100] or "token",
        prefix=secret[:12],
        digest=token_digest(secret),
        expires_at=expires_at,
    )
    audit.record(actor=actor, verb="people.token_created", subject=token, context={"user": user.pk})
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def revoke_api_token(*, actor: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
    if token is None or (token.user_id != actor.pk and not actor.is_admin):
        raise NotFound("No such token.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor=actor, verb="people.token_revoked", subject=token)
    return token


def user_for_token(secret: str) -> User | None:
    """The active owner of a usable token, checked afresh on every request."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=token_digest(secret)).first()
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def add_team_member(*, actor: object, team: Team, user: User) -> TeamMembership:
    membership, created = TeamMembership.objects.get_or_create(team=team, user=user)
    if created:
        audit.record(
            actor=actor,
            verb="people.member_added",
            subject=team,
            changes={"member": [None, user.pk]},
        )
    return membership


PREFERENCE_FIELDS = ("language", "time_zone")


def _check_preferences(user: User) -> None:
    """Validate only the preferences, so an unrelated field cannot block the change; the
    error is a domain error naming the field, like every other refused action."""
    others = [field.name for field in user._meta.fields if field.name not in PREFERENCE_FIELDS]
    try:
        user.clean_fields(exclude=others)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise InvalidInput(" ".join(messages), field=field) from exc


@transaction.atomic
def update_preferences(*, actor: User, language: str, time_zone: str) -> User:
    user = User.objects.select_for_update().get(pk=actor.pk)
    before = {"language": user.language, "time_zone": user.time_zone}
    user.language, user.time_zone = language, time_zone
    _check_preferences(user)
    user.save(update_fields=["language", "time_zone"])
    audit.record(
        actor=actor,
        verb="people.preferences_changed",
        subject=user,
        changes=audit.diff(before, {"language": language, "time_zone": time_zone}),
    )
    return user


def _may_manage_absence(actor: Any, person: User) -> bool:
    if getattr(actor, "pk", None) == person.pk or getattr(actor, "is_admin", False):
        return True
    return Team.objects.filter(lead=actor, is_active=True, memberships__user=person).exists()


@transaction.atomic
def record_absence(
    *, actor: Any, person: User, starts_at: datetime, ends_at: datetime, note: str = ""
) -> Absence:
    """A person is away (declared by themself, their team lead or an administrator); decision
    requests routed to them move on to the next holder while it lasts."""
    if not _may_manage_absence(actor, person):
        raise NotPermitted(_("You may not record absences for this person."))
    if ends_at <= starts_at:
        raise InvalidInput(_("The absence must end after it starts."), field="ends_at")
    if ends_at <= timezone.now():
        raise InvalidInput(_("The absence must end in the future."), field="ends_at")
    absence = Absence.objects.create(
        person=person, starts_at=starts_at, ends_at=ends_at, note=note.strip()[:200]
    )
    audit.record(
        actor=actor,
        verb="people.absence_recorded",
        subject=person,
        changes={"away": [None, [starts_at.isoformat(), ends_at.isoformat()]]},
    )
    return absence


@transaction.atomic
def end_absence(*, actor: Any, absence_id: int) -> Absence:
    """End an absence now (or drop one that has not begun)."""
    absence = Absence.objects.select_for_update().filter(pk=absence_id).first()
    if absence is None or not _may_manage_absence(actor, absence.person):
        raise NotFound(_("No such absence."))
    now = timezone.now()
    if absence.ends_at <= now:
        raise InvalidInput(_("This absence is already over."))
    absence.ends_at = max(now, absence.starts_at + timedelta(seconds=1))
    absence.save(update_fields=["ends_at"])
    audit.record(
        actor=actor,
        verb="people.absence_ended",
        subject=absence.person,
        changes={"away_until": [None, absence.ends_at.isoformat()]},
    )
    return absence
