"""'Who could decide this example?': for a decision and example facts (or a real subject),
the grants that would allow it, the people they name, the nearest of them as a decision
request would be routed, and what one person's own verdict would be."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.utils import timezone

from latitude.people.models import User
from latitude.scopes import cache, explain, registry
from latitude.scopes.candidates import Candidate, nearest_holders
from latitude.scopes.choices import ALLOWING_EFFECTS
from latitude.scopes.evaluator import SubjectFacts, Verdict, evaluate
from latitude.scopes.holders import people_holding, profile_of
from latitude.scopes.models import GrantVersion
from latitude.scopes.overview import typical_subject

PEOPLE_SHOWN = 8


@dataclass(frozen=True)
class CoveringGrant:
    version: GrantVersion
    sentence: str
    people: list[User]
    more: int


@dataclass(frozen=True)
class Preview:
    decision: registry.Decision
    facts: Mapping[str, Any]
    covering: list[CoveringGrant]
    recommending: list[CoveringGrant]
    nearest: list[Candidate]
    verdict: Verdict | None


def _facts(decision: registry.Decision, subject: Model | None, given: dict[str, Any]) -> Any:
    if subject is not None:
        return SubjectFacts(decision, subject, given)
    return {**dict.fromkeys(decision.facts), **given}


def _grant_people(version: GrantVersion, decision: registry.Decision, tree: Any) -> CoveringGrant:
    holders = people_holding(version).order_by("full_name", "pk")
    shown = list(holders.only("id", "full_name", "email")[: PEOPLE_SHOWN + 1])
    more = holders.count() - PEOPLE_SHOWN if len(shown) > PEOPLE_SHOWN else 0
    sentence = explain.grant_phrase(version, tree, decision)
    return CoveringGrant(version, sentence, shown[:PEOPLE_SHOWN], more)


def preview(
    decision_name: str,
    given: dict[str, Any],
    *,
    subject: Model | None = None,
    asked_by: User | None = None,
) -> Preview:
    decision = registry.get(decision_name)
    facts = _facts(decision, subject, given)
    now = timezone.now()
    place = subject if subject is not None else typical_subject(decision)
    with cache.pinned():
        matching = [
            grant
            for grant in cache.grants_for(decision_name)
            if grant.is_valid_at(now) and grant.check(facts)
        ]
        verdict = evaluate(asked_by, decision_name, place, facts) if asked_by else None
        nearest = nearest_holders(profile_of(asked_by), decision, place, facts, now, limit=10)
    allowing = [g for g in matching if g.version.effect in ALLOWING_EFFECTS]
    recommending = [g for g in matching if g.version.effect not in ALLOWING_EFFECTS]
    return Preview(
        decision,
        facts,
        [_grant_people(g.version, decision, g.tree) for g in allowing],
        [_grant_people(g.version, decision, g.tree) for g in recommending],
        nearest,
        verdict,
    )
