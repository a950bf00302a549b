"""What a person may decide ("my latitude"): for every registered decision, the grants they
hold now with their limits, effect and period, and who else could decide beyond them.

"Who else" is read for a typical subject (a blank one: no team, no service), so it names the
people whose grants cover the decision whatever the facts, nearest first: the lead of one's
own team before administrators. Decisions covered by the same grants share one look-up.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Model
from django.utils import timezone

from latitude.scopes import cache, explain, registry
from latitude.scopes.candidates import Candidate, nearest_holders
from latitude.scopes.choices import ALLOWING_EFFECTS
from latitude.scopes.holders import ActorProfile, profile_of
from latitude.scopes.models import GrantVersion

OTHERS_SHOWN = 3


@dataclass(frozen=True)
class HeldGrant:
    version: GrantVersion
    source: GrantVersion | None
    sentence: str
    limits: str

    @property
    def allows(self) -> bool:
        return self.version.effect in ALLOWING_EFFECTS

    @property
    def valid_until(self) -> datetime | None:
        ends = [v.valid_until for v in (self.version, self.source) if v and v.valid_until]
        return min(ends) if ends else None


@dataclass(frozen=True)
class DecisionLatitude:
    decision: registry.Decision
    held: list[HeldGrant]
    others: list[Candidate]

    @property
    def may_decide(self) -> bool:
        return any(grant.allows for grant in self.held)

    @property
    def recommends_only(self) -> bool:
        return bool(self.held) and not self.may_decide

    @property
    def unlimited(self) -> bool:
        return any(grant.allows and not grant.limits for grant in self.held)


def typical_subject(decision: registry.Decision) -> Model:
    """A blank subject: nothing about it brings particular teams closer."""
    return decision.subject_model()()


def _held(profile: ActorProfile, decision: registry.Decision, now: datetime) -> list[HeldGrant]:
    held = []
    for grant in cache.grants_held(profile, decision.name):
        if not grant.is_valid_at(now):
            continue
        held.append(
            HeldGrant(
                version=grant.version,
                source=grant.source,
                sentence=explain.grant_phrase(grant.version, grant.tree, decision),
                limits=explain.tree_phrase(grant.tree, decision.facts),
            )
        )
    held.sort(key=lambda g: (not g.allows, bool(g.limits), g.version.grant.name))
    return held


def _covering_key(
    decision: registry.Decision, facts: dict[str, Any], now: datetime
) -> tuple[int, ...]:
    return tuple(
        sorted(
            grant.version.pk
            for grant in cache.grants_for(decision.name)
            if grant.version.effect in ALLOWING_EFFECTS
            and grant.is_valid_at(now)
            and grant.check(facts)
        )
    )


def latitude_of(actor: Any) -> list[DecisionLatitude]:
    """One entry per registered decision, in the registry's order."""
    profile, now = profile_of(actor), timezone.now()
    found: dict[tuple[int, ...], list[Candidate]] = {}
    entries = []
    with cache.pinned():
        for decision in registry.all_decisions():
            held = _held(profile, decision, now)
            others: list[Candidate] = []
            if not any(g.allows and not g.limits for g in held):
                facts = dict.fromkeys(decision.facts)
                key = _covering_key(decision, facts, now)
                if key not in found:
                    found[key] = nearest_holders(
                        profile, decision, typical_subject(decision), facts, now, OTHERS_SHOWN
                    )
                others = found[key]
            entries.append(DecisionLatitude(decision, held, others))
    return entries


def _open_delegations(now: datetime) -> Any:
    return (
        GrantVersion.objects.current()
        .filter(grant__delegated_from__isnull=False, revoked=False, valid_until__gt=now)
        .select_related("grant__delegated_from", "holder_person", "created_by")
        .order_by("valid_until", "grant_id")
    )


def delegations_received(person: Any) -> list[GrantVersion]:
    """Delegations to the person that have not ended (current or starting later)."""
    return list(_open_delegations(timezone.now()).filter(holder_person_id=person.pk))


def delegations_given(person: Any) -> list[GrantVersion]:
    """Delegations the person made that have not ended."""
    return list(_open_delegations(timezone.now()).filter(grant__created_by_id=person.pk))


def delegable_grants(actor: Any) -> list[GrantVersion]:
    """Grants the actor holds now and may lend (delegations cannot be delegated further)."""
    profile, now = profile_of(actor), timezone.now()
    found: dict[int, GrantVersion] = {}
    with cache.pinned():
        for decision in registry.all_decisions():
            for grant in cache.grants_held(profile, decision.name):
                if (
                    grant.source is None
                    and not grant.version.grant.is_delegation
                    and grant.is_valid_at(now)
                ):
                    found.setdefault(grant.version.grant_id, grant.version)
    return sorted(found.values(), key=lambda version: (version.grant.name, version.grant_id))
