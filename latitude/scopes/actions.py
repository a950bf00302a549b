"""The only writers of grants: create, edit, revoke, delegate. Each appends a version."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from latitude.core import audit
from latitude.core.errors import Conflict, InvalidInput, InvalidTransition, NotFound, NotPermitted
from latitude.people.models import TeamMembership
from latitude.scopes import holders
from latitude.scopes.choices import HolderKind
from latitude.scopes.conditions import NO_LIMITS, Tree
from latitude.scopes.diff import diff_terms
from latitude.scopes.models import Grant, GrantsRevision, GrantVersion
from latitude.scopes.terms import GrantTerms, checked

CREATED = "scopes.grant_created"
EDITED = "scopes.grant_edited"
REVOKED = "scopes.grant_revoked"
DELEGATED = "scopes.grant_delegated"


@transaction.atomic
def create_grant(*, actor: Any, name: str, terms: GrantTerms) -> GrantVersion:
    """A new grant with its first version; refused with the reason if its terms are invalid."""
    terms = checked(terms)
    _refuse_unless_manager(actor, terms)
    if not name.strip():
        raise InvalidInput(_("Give the grant a name."), field="name")
    grant = Grant.objects.create(
        name=name.strip(), created_by=_person(actor), created_at=timezone.now()
    )
    version = _append(actor, grant, terms, revoked=False)
    _record(actor, CREATED, grant, diff_terms(None, terms), {"version": 1})
    return version


@transaction.atomic
def edit_grant(*, actor: Any, grant_id: int, expected_version: int, **changes: Any) -> GrantVersion:
    """A new version with the changed terms; a stale `expected_version` is a Conflict."""
    grant, current = _lock_current(grant_id, expected_version)
    before = GrantTerms.of(current)
    _refuse_unless_manager(actor, before)
    after = checked(before.changed(**changes))
    _refuse_unless_manager(actor, after)
    version = _append(actor, grant, after, revoked=False)
    _record(actor, EDITED, grant, diff_terms(before, after), {"version": version.version})
    return version


@transaction.atomic
def revoke_grant(*, actor: Any, grant_id: int, expected_version: int, reason: str) -> GrantVersion:
    """A final version marked revoked; it takes effect on the very next evaluation."""
    grant, current = _lock_current(grant_id, expected_version)
    terms = GrantTerms.of(current)
    _refuse_unless_manager(actor, terms)
    if not reason.strip():
        raise InvalidInput(_("Say why the grant is revoked."), field="reason")
    version = _append(actor, grant, terms.changed(rationale=reason.strip()), revoked=True)
    _record(actor, REVOKED, grant, {"revoked": [False, True]}, {"reason": reason.strip()})
    return version


@transaction.atomic
def delegate_grant(
    *,
    actor: Any,
    grant_id: int,
    to_person_id: int,
    valid_until: datetime,
    rationale: str,
    valid_from: datetime | None = None,
    decisions: list[str] | None = None,
    condition: Tree | None = None,
) -> GrantVersion:
    """Lend a grant to a person for a period. The delegation also stays within the source
    grant's current limits, and cannot itself be delegated further."""
    source, current = _lock_current(grant_id, None)
    _refuse_undelegatable(actor, source, current, valid_until)
    terms = checked(
        GrantTerms(
            holder_kind=HolderKind.PERSON,
            holder_person_id=to_person_id,
            decisions=_subset(decisions, current.decisions),
            effect=current.effect,
            inform_person_id=current.inform_person_id,
            inform_team_id=current.inform_team_id,
            condition=condition if condition is not None else dict(NO_LIMITS),
            valid_from=valid_from,
            valid_until=valid_until,
            rationale=rationale,
        )
    )
    delegation = Grant.objects.create(
        name=_("%(name)s (delegated)") % {"name": source.name},
        delegated_from=source,
        created_by=_person(actor),
        created_at=timezone.now(),
    )
    version = _append(actor, delegation, terms, revoked=False)
    context = {"version": 1, "delegated_from": source.pk}
    _record(actor, DELEGATED, delegation, diff_terms(None, terms), context)
    return version


def _lock_current(grant_id: int, expected_version: int | None) -> tuple[Grant, GrantVersion]:
    grant = Grant.objects.select_for_update().filter(pk=grant_id).first()
    if grant is None:
        raise NotFound(_("No such grant."))
    if expected_version is not None and grant.current_version != expected_version:
        raise Conflict(
            _("Someone changed this grant meanwhile (now version %(version)d); review and retry.")
            % {"version": grant.current_version},
            current_version=grant.current_version,
        )
    current = grant.versions.get(version=grant.current_version)
    if current.revoked:
        raise InvalidTransition(_("This grant is revoked; create a new one instead."))
    return grant, current


def _append(actor: Any, grant: Grant, terms: GrantTerms, *, revoked: bool) -> GrantVersion:
    grant.current_version += 1
    grant.save(update_fields=["current_version"])
    GrantsRevision.bump()
    return GrantVersion.objects.create(
        grant=grant,
        version=grant.current_version,
        revoked=revoked,
        created_by=_person(actor),
        created_at=timezone.now(),
        **terms.as_fields(),
    )


def _refuse_unless_manager(actor: Any, terms: GrantTerms) -> None:
    """Administrators manage every grant; a team lead manages grants held by the team or its
    members. The `scope.edit` decision will replace this rule once enforcement is in place."""
    if getattr(actor, "is_admin", False) and getattr(actor, "is_active", False):
        return
    led = holders.profile_of(actor).led_team_ids
    if terms.holder_kind == HolderKind.TEAM and terms.holder_team_id in led:
        return
    if terms.holder_kind == HolderKind.PERSON and _in_teams(terms.holder_person_id, led):
        return
    raise NotPermitted(_("You may not manage grants for this holder."))


def _in_teams(person: int | None, teams: frozenset[int]) -> bool:
    if person is None or not teams:
        return False
    return TeamMembership.objects.filter(user_id=person, team_id__in=teams).exists()


def _refuse_undelegatable(
    actor: Any, source: Grant, current: GrantVersion, valid_until: datetime
) -> None:
    if source.is_delegation:
        raise InvalidTransition(_("A delegated grant cannot be delegated further."))
    holds_it = holders.holds(holders.profile_of(actor), current)
    if not holds_it and not getattr(actor, "is_admin", False):
        raise NotPermitted(_("Only a holder of this grant may delegate it."))
    if valid_until is None or valid_until <= timezone.now():
        raise InvalidInput(_("A delegation needs an end in the future."), field="valid_until")


def _subset(requested: list[str] | None, available: list[str]) -> list[str]:
    if requested is None:
        return list(available)
    outside = [name for name in requested if name not in available]
    if outside:
        raise InvalidInput(
            _("The grant does not cover %(name)s, so it cannot be delegated.")
            % {"name": outside[0]},
            field="decisions",
        )
    return list(requested)


def _record(
    actor: Any, verb: str, grant: Grant, changes: dict[str, Any], context: dict[str, Any]
) -> None:
    audit.record(actor=actor, verb=verb, subject=grant, changes=changes, context=context)


def _person(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None
