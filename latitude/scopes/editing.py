"""Who may change a grant: the decision `scope.edit`, with two safety rules.

- Bootstrap: while no grant at all covers `scope.edit` (a new installation), administrators
  may edit grants, so that the first grants can be written.
- No lock-out: the last unlimited, open-ended grant that lets administrators edit scopes can
  be neither narrowed nor revoked.
"""

from typing import Any

from django.utils.translation import gettext as _

from latitude.core.decisions import check_decision
from latitude.core.errors import InvalidTransition, NotPermitted
from latitude.people.models import TeamMembership
from latitude.scopes import cache, holders
from latitude.scopes.choices import HolderKind, Role
from latitude.scopes.conditions import NO_LIMITS
from latitude.scopes.models import Grant
from latitude.scopes.terms import GrantTerms

SCOPE_EDIT = "scope.edit"


def check_scope_edit(
    actor: Any,
    grant: Grant,
    before: GrantTerms | None,
    after: GrantTerms,
    *,
    revoking: bool = False,
) -> None:
    if not cache.grants_for(SCOPE_EDIT):
        if getattr(actor, "is_admin", False) and getattr(actor, "is_active", False):
            return
        raise NotPermitted(_("You may not manage grants for this holder."))
    facts = {
        "holder_kind": after.holder_kind,
        "holder_team": after.holder_team_id,
        "holder_led_by_actor": all(
            _led_by(actor, terms) for terms in (before, after) if terms is not None
        ),
        "effect": after.effect,
        "revoking": revoking,
    }
    check_decision(actor, SCOPE_EDIT, grant, facts, rationale=after.rationale)


def _led_by(actor: Any, terms: GrantTerms) -> bool:
    led = holders.profile_of(actor).led_team_ids
    if terms.holder_kind == HolderKind.TEAM:
        return terms.holder_team_id in led
    if terms.holder_kind == HolderKind.PERSON and terms.holder_person_id is not None and led:
        return TeamMembership.objects.filter(
            user_id=terms.holder_person_id, team_id__in=led
        ).exists()
    return False


def keeps_admins_in_charge(terms: GrantTerms, revoked: bool = False) -> bool:
    return (
        not revoked
        and terms.holder_kind == HolderKind.ROLE
        and terms.holder_role == Role.ADMIN
        and SCOPE_EDIT in terms.decisions
        and terms.condition == NO_LIMITS
        and terms.valid_until is None
    )


def refuse_lock_out(grant: Grant, before: GrantTerms, after: GrantTerms, revoked: bool) -> None:
    """Refuse to take away the last grant that keeps administrators able to edit scopes."""
    if not keeps_admins_in_charge(before) or keeps_admins_in_charge(after, revoked):
        return
    others = [
        active
        for active in cache.grants_for(SCOPE_EDIT)
        if active.version.grant_id != grant.pk
        and active.source is None
        and keeps_admins_in_charge(GrantTerms.of(active.version))
    ]
    if not others:
        raise InvalidTransition(
            _(
                "This is the last grant that lets administrators edit scopes without limits; "
                "keep it, or create another one first."
            )
        )
