"""Arranging a decision history for trust metrics: records and requests written directly
(records are immutable, so tests create them as the recording module would)."""

from datetime import timedelta
from itertools import count
from typing import Any

from django.utils import timezone

from latitude.scopes.models import (
    DecisionOutcome,
    DecisionRecord,
    DecisionRequest,
    GrantVersion,
    RequestKind,
    RequestStatus,
    Reversal,
)

_subjects = count(1)


def record(
    actor: Any,
    decision: str = "ticket.resolve",
    *,
    team: Any = None,
    outcome: str = DecisionOutcome.TAKEN,
    days_ago: float = 1,
    grant: GrantVersion | None = None,
    **extra: Any,
) -> DecisionRecord:
    values = {
        "decision": decision,
        "outcome": outcome,
        "within_scope": outcome in (DecisionOutcome.TAKEN, DecisionOutcome.BY_RIGHT),
        "actor": actor,
        "actor_repr": str(actor),
        "team": team,
        "grant_version": grant,
        "occurred_at": timezone.now() - timedelta(days=days_ago),
        "subject_type": "tickets.ticket",
        "subject_id": next(_subjects),
        "subject_repr": "T",
        **extra,
    }
    return DecisionRecord.objects.create(**values)


def taken(actor: Any, decision: str = "ticket.resolve", *, reversed: bool = False, **kw: Any):
    taken_record = record(actor, decision, **kw)
    if reversed:
        undo = record(actor, "ticket.reopen", team=kw.get("team"), outcome="withdrawn")
        Reversal.objects.create(
            record=taken_record, undone_by=undo, occurred_at=undo.occurred_at, after_seconds=60
        )
    return taken_record


def asked(
    requester: Any,
    decision: str = "ticket.resolve",
    *,
    team: Any = None,
    status: str = RequestStatus.APPROVED,
    wait_minutes: int = 30,
    days_ago: float = 2,
) -> DecisionRequest:
    created = timezone.now() - timedelta(days=days_ago)
    request = DecisionRequest.objects.create(
        decision=decision,
        kind=RequestKind.OUT_OF_SCOPE,
        status=status,
        requester=requester,
        action="x",
        subject_type="tickets.ticket",
        subject_id=next(_subjects),
        subject_repr="T",
        created_at=created,
        expires_at=created + timedelta(days=3),
        decided_at=None
        if status == RequestStatus.PENDING
        else created + timedelta(minutes=wait_minutes),
    )
    record(
        requester, decision, team=team, outcome=DecisionOutcome.REQUESTED, request=request,
        occurred_at=created,
    )  # fmt: skip
    return request
