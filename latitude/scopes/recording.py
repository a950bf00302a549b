"""Writing decision records, and linking a reversal to the record it undoes.

Records are written inside the action's transaction: a decision whose action then fails leaves
no record of having been taken.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from latitude.core.audit import subject_type_of
from latitude.core.request_context import current_request_id
from latitude.people.models import Team
from latitude.people.selectors import team_ids_of
from latitude.scopes import registry
from latitude.scopes.models import CARRIED_OUT, DecisionRecord, DecisionRequest, Reversal
from latitude.scopes.models.grants import GrantVersion


def plain_facts(facts: Mapping[str, Any]) -> dict[str, Any]:
    """Facts as JSON can hold them (amounts as strings, references as ids)."""
    return json.loads(json.dumps(dict(facts), cls=DjangoJSONEncoder, default=str))


@dataclass(frozen=True)
class RecordInput:
    decision: str
    subject: models.Model
    actor: Any
    outcome: str
    facts: Mapping[str, Any]
    within_scope: bool
    effect: str = ""
    grant_versions: tuple[GrantVersion, ...] = ()
    explanation: str = ""
    rationale: str = ""
    on_behalf_of: Any = None
    request: DecisionRequest | None = None


def write_record(entry: RecordInput) -> DecisionRecord:
    person = entry.actor if getattr(entry.actor, "pk", None) else None
    record = DecisionRecord.objects.create(
        decision=entry.decision,
        subject_type=subject_type_of(entry.subject),
        subject_id=entry.subject.pk,
        subject_repr=str(entry.subject)[:200],
        outcome=entry.outcome,
        within_scope=entry.within_scope,
        effect=entry.effect,
        actor=person,
        actor_repr=str(entry.actor)[:200],
        on_behalf_of=entry.on_behalf_of,
        team=_acting_team(entry.on_behalf_of or person, entry.subject),
        facts=plain_facts(entry.facts),
        grant_version=entry.grant_versions[0] if entry.grant_versions else None,
        grant_version_ids=[version.pk for version in entry.grant_versions],
        explanation=entry.explanation,
        rationale=entry.rationale[:4000],
        request=entry.request,
        occurred_at=timezone.now(),
        http_request_id=current_request_id(),
    )
    if entry.outcome in CARRIED_OUT:
        link_reversal(record)
    return record


def _acting_team(person: Any, subject: models.Model) -> Team | None:
    """The team the person acted in: the subject's team if they belong to it, else their
    first team (for metrics by team)."""
    if person is None:
        return None
    teams = team_ids_of(person)
    subject_team = getattr(subject, "team_id", None)
    if subject_team in teams:
        return Team.objects.filter(pk=subject_team).first()
    return Team.objects.filter(pk__in=teams).order_by("name").first() if teams else None


_CANDIDATES_LOOKED_AT = 20


def reversal_window() -> timedelta:
    return timedelta(days=settings.LATITUDE_REVERSAL_WINDOW_DAYS)


def link_reversal(record: DecisionRecord) -> Reversal | None:
    """If `record` undoes an earlier carried-out decision on the same subject within the
    window, link the two (a decision is reversed at most once)."""
    for rule in registry.reversal_rules_for(record.decision):
        earlier = _undone_candidate(record, rule)
        if earlier is not None:
            return Reversal.objects.create(
                record=earlier,
                undone_by=record,
                occurred_at=record.occurred_at,
                after_seconds=int((record.occurred_at - earlier.occurred_at).total_seconds()),
            )
    return None


def _undone_candidate(record: DecisionRecord, rule: registry.ReversalRule) -> Any:
    since = record.occurred_at - reversal_window()
    for undone in rule.undoes:
        candidates = (
            DecisionRecord.objects.filter(
                subject_type=record.subject_type,
                subject_id=record.subject_id,
                decision=undone,
                outcome__in=CARRIED_OUT,
                occurred_at__gte=since,
                reversal__isnull=True,
            )
            .exclude(pk=record.pk)
            .order_by("-occurred_at", "-id")
        )
        # The latest one the rule applies to: revoking one of two goodwill credits on a
        # ticket undoes the grant of that amount, even when another was granted later.
        for earlier in candidates[:_CANDIDATES_LOOKED_AT]:
            if rule.applies(record.facts, earlier.facts):
                return earlier
    return None
