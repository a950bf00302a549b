"""One evaluator, two forms: `evaluate` for one subject, `decidable_queryset` for many.

Both use the same current grant versions (see `cache`) and the same condition trees; the
hypothesis tests check that the Python and the SQL reading of a tree agree.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone, translation

from latitude.scopes import cache, explain, registry
from latitude.scopes.candidates import Candidate, nearest_holders
from latitude.scopes.choices import ALLOWING_EFFECTS, EFFECT_STRENGTH, Effect
from latitude.scopes.compiler import combine_any, compile_tree
from latitude.scopes.holders import ActorProfile, profile_of
from latitude.scopes.models import GrantVersion


class SubjectFacts(Mapping[str, Any]):
    """Facts read from the subject only when a tree asks for them, then kept."""

    def __init__(self, decision: registry.Decision, subject: Any, given: Mapping[str, Any]):
        self._decision, self._subject = decision, subject
        self._values: dict[str, Any] = dict(given)

    def __getitem__(self, name: str) -> Any:
        if name not in self._values:
            spec = self._decision.facts.get(name)
            if spec is None or not spec.from_subject:
                raise KeyError(name)
            self._values[name] = spec.read(self._subject)
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        subject_facts = (n for n, s in self._decision.facts.items() if s.from_subject)
        return iter(dict.fromkeys([*self._values, *subject_facts]))

    def __len__(self) -> int:
        return len(list(iter(self)))

    def snapshot(self) -> dict[str, Any]:
        """Every fact, read now (for decision records)."""
        return {name: self[name] for name in self}


@dataclass
class Verdict:
    """Whether the actor may take the decision on the subject, and why."""

    decision: registry.Decision
    allowed: bool
    effect: str | None
    grant_versions: list[GrantVersion]
    facts: SubjectFacts
    actor: Any
    subject: Any
    moment: datetime
    _matched: list[cache.ActiveGrant] = field(default_factory=list, repr=False)
    _held: list[cache.ActiveGrant] = field(default_factory=list, repr=False)

    @cached_property
    def explanation(self) -> str:
        with translation.override(_language_of(self.actor)):
            return self._explain()

    @cached_property
    def candidates(self) -> list[Candidate]:
        """Who could decide it instead, nearest first (empty when the actor may)."""
        if self.allowed:
            return []
        with translation.override(_language_of(self.actor)):
            return nearest_holders(
                profile_of(self.actor), self.decision, self.subject, self.facts, self.moment
            )

    def _explain(self) -> str:
        if not profile_of(self.actor).active:
            return explain.inactive_sentence(self.decision)
        if self._matched:
            best = self._matched[0]
            if self.allowed:
                return explain.allowed_sentence(self.decision, best.version, best.tree, self.facts)
            return explain.recommend_sentence(self.decision, best.version, best.tree)
        if self._held:
            nearest = self._held[0]
            return explain.outside_sentence(
                self.decision, nearest.version, nearest.tree, self.facts
            )
        return explain.no_grant_sentence(self.decision)


def evaluate(
    actor: Any, decision_name: str, subject: Any, facts: Mapping[str, Any] | None = None
) -> Verdict:
    """The verdict for `actor` taking `decision_name` on `subject`; `facts` are those the action
    supplies (the target priority, an amount) and override facts read from the subject."""
    decision = registry.get(decision_name)
    subject_facts = SubjectFacts(decision, subject, facts or {})
    now = timezone.now()
    held = _held_now(profile_of(actor), decision_name, now)
    matched = [grant for grant in held if grant.check(subject_facts)]
    matched.sort(key=lambda g: -EFFECT_STRENGTH[Effect(g.version.effect)])
    effect = matched[0].version.effect if matched else None
    chosen = [g.version for g in matched if g.version.effect == effect]
    return Verdict(
        decision,
        effect in ALLOWING_EFFECTS,
        effect,
        chosen,
        subject_facts,
        actor,
        subject,
        now,
        _matched=matched,
        _held=held,
    )


def decidable_queryset(
    actor: Any,
    decision_name: str,
    queryset: QuerySet[Any],
    given: Mapping[str, Any] | None = None,
) -> QuerySet[Any]:
    """The subjects in `queryset` the actor may decide alone: one query, OR of their grants."""
    decision = registry.get(decision_name)
    if queryset.model is not decision.subject_model():
        raise ValueError(f"{decision_name} is taken on {decision.subject}, not {queryset.model}")
    allowing = [
        grant
        for grant in _held_now(profile_of(actor), decision_name, timezone.now())
        if grant.version.effect in ALLOWING_EFFECTS
    ]
    filters = [compile_tree(decision, grant.tree, given) for grant in allowing]
    return combine_any(filters).apply(queryset)


def _held_now(profile: ActorProfile, decision_name: str, now: datetime) -> list[cache.ActiveGrant]:
    return [g for g in cache.grants_held(profile, decision_name) if g.is_valid_at(now)]


def _language_of(actor: Any) -> str:
    return getattr(actor, "language", "") or translation.get_language() or "en"
