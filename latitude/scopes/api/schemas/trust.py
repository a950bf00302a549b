"""Shapes of trust metrics and scope review suggestions over the API."""

from datetime import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from latitude.api.schemas import PersonRef, TeamRef
from latitude.scopes.api.schemas.requests import Note, decision_label
from latitude.scopes.models import ScopeSuggestion
from latitude.scopes.trust.metrics import DecisionMetrics
from latitude.scopes.trust.review import editor_url
from latitude.tickets.schemas import StrictIn


class PeriodQuery(Schema):
    period_days: int = Field(90, ge=1, le=3660, description="the last N days, up to now")


class MetricsRowOut(Schema):
    decision: str
    label: str
    decisions: int = Field(description="decisions carried out (on approval: for the requester)")
    within_scope: int
    within_share: float | None
    requests: int
    approved: int
    declined: int
    approval_rate: float | None = Field(description="approved / (approved + declined)")
    median_seconds_to_decision: float | None
    reversed: int
    reversal_rate: float | None

    @staticmethod
    def of(entry: DecisionMetrics) -> dict[str, Any]:
        wait = entry.median_wait
        return {
            "decision": entry.decision,
            "label": decision_label(entry.decision),
            "decisions": entry.decisions,
            "within_scope": entry.within_scope,
            "within_share": entry.within_share,
            "requests": entry.requests,
            "approved": entry.approved,
            "declined": entry.declined,
            "approval_rate": entry.approval_rate,
            "median_seconds_to_decision": None if wait is None else wait.total_seconds(),
            "reversed": entry.reversed,
            "reversal_rate": entry.reversal_rate,
        }


class MetricsOut(Schema):
    holder_kind: Literal["person", "team"]
    holder_id: int
    period_start: datetime
    period_end: datetime
    decisions: list[MetricsRowOut]


class SuggestionOut(Schema):
    id: int
    kind: Literal["widen", "narrow"]
    decision: str
    label: str
    holder_kind: Literal["person", "team"]
    holder_person: PersonRef | None
    holder_team: TeamRef | None
    grant: int | None = Field(description="the grant concerned, if the holder has one")
    grant_version: int | None
    evidence: dict[str, Any]
    period_start: datetime
    period_end: datetime
    status: Literal["open", "accepted", "dismissed"]
    decided_by: PersonRef | None
    decided_at: datetime | None
    note: str
    editor_url: str = Field(description="the grant editor, prefilled; nothing is applied")

    @staticmethod
    def resolve_label(obj: ScopeSuggestion) -> str:
        return decision_label(obj.decision)

    @staticmethod
    def resolve_grant(obj: ScopeSuggestion) -> int | None:
        return obj.grant_id

    @staticmethod
    def resolve_editor_url(obj: ScopeSuggestion) -> str:
        return editor_url(obj)


class AnswerIn(StrictIn):
    note: str = Note


class DismissIn(StrictIn):
    note: str = Field(max_length=4000, description="why; required")
