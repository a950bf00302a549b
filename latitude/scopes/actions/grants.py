"""The only writers of grants: create, edit, revoke, delegate. Each appends a version."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from latitude.core import audit
from latitude.core.decisions import guarded
from latitude.core.errors import (
    Conflict,
    InvalidInput,
    InvalidTransition,
    NotFound,
    NotPermitted,
    StaleVersion,
)
from latitude.scopes import holders
from latitude.scopes.choices import HolderKind
from latitude.scopes.conditions import NO_LIMITS, Tree
from latitude.scopes.diff import diff_terms
from latitude.scopes.editing import check_scope_edit, refuse_lock_out
from latitude.scopes.models import Grant, GrantsRevision, GrantVersion
from latitude.scopes.terms import GrantTerms, checked

CREATED = "scopes.grant_created"
EDITED = "scopes.grant_edited"
REVOKED = "scopes.grant_revoked"
DELEGATED = "scopes.grant_delegated"


def create_grant(*, actor: Any, name: str, terms: GrantTerms) -> GrantVersion:
    """A new grant with its first version; refused with the reason if its terms are invalid.

    The grant's identity is stored first, on its own: if its first version is outside the
    actor's scope, the decision request refers to it, and approving it writes version 1."""
    terms = checked(terms)
    if not name.strip():
        raise InvalidInput(_("Give the grant a name."), field="name")
    with transaction.atomic():
        grant = Grant.objects.create(
            name=name.strip(), created_by=_person(actor), created_at=timezone.now()
        )
    return write_first_version(actor=actor, grant_id=grant.pk, terms=terms)


@guarded
def write_first_version(*, actor: Any, grant_id: int, terms: GrantTerms) -> GrantVersion:
    grant = Grant.objects.select_for_update().filter(pk=grant_id, current_version=0).first()
    if grant is None:
        raise Conflict(_("This grant has been written already."))
    terms = checked(terms)
    check_scope_edit(actor, grant, None, terms)
    version = _append(actor, grant, terms, revoked=False)
    _record(actor, CREATED, grant, diff_terms(None, terms), {"version": 1})
    return version


@guarded
def edit_grant(
    *, actor: Any, grant_id: int, expected_version: int | None = None, **changes: Any
) -> GrantVersion:
    """A new version with the changed terms; a stale `expected_version` is a Conflict."""
    grant, current = _lock_current(grant_id, expected_version)
    before = GrantTerms.of(current)
    after = checked(before.changed(**changes))
    check_scope_edit(actor, grant, before, after)
    refuse_lock_out(grant, before, after, revoked=False)
    version = _append(actor, grant, after, revoked=False)
    _record(actor, EDITED, grant, diff_terms(before, after), {"version": version.version})
    return version


@guarded
def revoke_grant(
    *, actor: Any, grant_id: int, reason: str, expected_version: int | None = None
) -> GrantVersion:
    """A final version marked revoked; it takes effect on the very next evaluation."""
    grant, current = _lock_current(grant_id, expected_version)
    terms = GrantTerms.of(current)
    if not reason.strip():
        raise InvalidInput(_("Say why the grant is revoked."), field="reason")
    final = terms.changed(rationale=reason.strip())
    check_scope_edit(actor, grant, terms, final, revoking=True)
    refuse_lock_out(grant, terms, final, revoked=True)
    version = _append(actor, grant, final, revoked=True)
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
    grant = Grant.objects.select_for_update().filter(pk=grant_id, current_version__gt=0).first()
    if grant is None:
        raise NotFound(_("No such grant."))
    if expected_version is not None and grant.current_version != expected_version:
        raise StaleVersion(
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
