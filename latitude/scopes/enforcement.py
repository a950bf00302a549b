"""The scope checks behind `core.decisions`: every guarded action asks here, inside its
transaction and against its locked row.

In scope, the decision is recorded and the action goes on. Out of scope, `OutOfScope` carries
the verdict to `core.decisions.guarded`, which hands it to `requests.open_request` once the
action's writes are rolled back. While an approved request is carried out, the approver's scope
is checked instead of the requester's, on the facts as they are now.
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from latitude.core.audit import subject_type_of
from latitude.core.errors import NotPermitted, OutOfScope
from latitude.scopes import informing
from latitude.scopes.evaluator import Verdict, evaluate
from latitude.scopes.models import DecisionOutcome, DecisionRecord, DecisionRequest
from latitude.scopes.recording import RecordInput, plain_facts, write_record


@dataclass
class Approval:
    """A request being carried out by `approver`; `record` is set once its decision ran."""

    request: DecisionRequest
    approver: Any
    record: DecisionRecord | None = field(default=None)

    def covers(self, decision: str, subject: models.Model) -> bool:
        return (
            self.record is None
            and decision == self.request.decision
            and subject_type_of(subject) == self.request.subject_type
            and subject.pk == self.request.subject_id
        )


_approval: ContextVar[Approval | None] = ContextVar("latitude_approval", default=None)


@contextmanager
def carrying_out(approval: Approval) -> Iterator[Approval]:
    token = _approval.set(approval)
    try:
        yield approval
    finally:
        _approval.reset(token)


def check(
    actor: Any,
    decision: str,
    subject: models.Model,
    facts: Mapping[str, Any],
    *,
    rationale: str = "",
) -> None:
    approval = _approval.get()
    if approval is not None and approval.covers(decision, subject):
        _check_approver(approval, subject, facts, rationale)
        return
    verdict = evaluate(actor, decision, subject, facts)
    if not verdict.allowed:
        raise OutOfScope(verdict.explanation, verdict=verdict, rationale=rationale)
    record = write_record(_entry(verdict, DecisionOutcome.TAKEN, rationale))
    informing.inform_if_asked(verdict, record)


def note_by_right(
    actor: Any,
    decision: str,
    subject: models.Model,
    facts: Mapping[str, Any],
    *,
    rationale: str = "",
) -> None:
    write_record(
        RecordInput(
            decision=decision,
            subject=subject,
            actor=actor,
            outcome=DecisionOutcome.BY_RIGHT,
            facts=facts,
            within_scope=True,
            rationale=rationale,
        )
    )


def _check_approver(
    approval: Approval, subject: models.Model, facts: Mapping[str, Any], rationale: str
) -> None:
    request = approval.request
    verdict = evaluate(approval.approver, request.decision, subject, facts)
    if not verdict.allowed:
        raise NotPermitted(
            _("You cannot approve this: %(why)s") % {"why": verdict.explanation},
            field="decision_request",
        )
    explanation = verdict.explanation
    changed = changed_facts(request.facts, verdict.facts.snapshot())
    if changed:
        explanation += " " + _("Facts changed since the request: %(facts)s.") % {
            "facts": ", ".join(changed)
        }
    entry = _entry(verdict, DecisionOutcome.APPROVED, rationale or request.rationale)
    approval.record = write_record(
        replace(
            entry,
            actor=approval.approver,
            on_behalf_of=request.requester,
            request=request,
            explanation=explanation,
        )
    )
    informing.inform_if_asked(verdict, approval.record)


def changed_facts(before: Mapping[str, Any], now: Mapping[str, Any]) -> list[str]:
    current = plain_facts(now)
    return [
        f"{name}: {before.get(name)} → {current.get(name)}"
        for name in sorted(set(before) | set(current))
        if before.get(name) != current.get(name)
    ]


def _entry(verdict: Verdict, outcome: str, rationale: str) -> RecordInput:
    return RecordInput(
        decision=verdict.decision.name,
        subject=verdict.subject,
        actor=verdict.actor,
        outcome=outcome,
        facts=verdict.facts.snapshot(),
        within_scope=True,
        effect=verdict.effect or "",
        grant_versions=tuple(verdict.grant_versions),
        explanation=verdict.explanation,
        rationale=rationale,
    )
