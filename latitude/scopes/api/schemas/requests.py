"""Shapes of decision requests, decision records and absences over the API."""

from datetime import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import AwareDatetime, Field

from latitude.api.pagination import Page
from latitude.api.schemas import Id, PersonRef, TeamRef
from latitude.scopes import registry
from latitude.scopes.api.common import subject_ref
from latitude.scopes.api.schemas.decisions import GrantVersionRef
from latitude.scopes.models import (
    DecisionOutcome,
    DecisionRecord,
    DecisionRequest,
    RequestKind,
    RequestStatus,
)
from latitude.tickets.schemas import StrictIn

Note = Field("", max_length=4000)


def decision_label(name: str) -> str:
    return str(registry.get(name).label) if registry.is_registered(name) else name


class SubjectOut(Schema):
    type: str = Field(description="ticket, grant, ...")
    id: int
    repr: str


class RouteOut(Schema):
    person: PersonRef
    rank: int
    reason: str
    routed_at: datetime
    active: bool
    ended_because: str


class RecordRef(Schema):
    id: int
    outcome: DecisionOutcome
    actor: PersonRef | None
    occurred_at: datetime


class DecisionRequestOut(Schema):
    id: int
    decision: str
    decision_label: str
    kind: RequestKind
    status: RequestStatus
    subject: SubjectOut
    requester: PersonRef
    facts: dict[str, Any]
    explanation: str
    rationale: str
    created_at: datetime
    expires_at: datetime
    decided_at: datetime | None
    decided_by: PersonRef | None
    decision_note: str
    version: int
    routes: list[RouteOut] = Field(description="the people it was sent to, nearest first")

    @staticmethod
    def resolve_decision_label(obj: DecisionRequest) -> str:
        return decision_label(obj.decision)

    @staticmethod
    def resolve_subject(obj: DecisionRequest) -> dict[str, Any]:
        return subject_ref(obj.subject_type, obj.subject_id, obj.subject_repr)

    @staticmethod
    def resolve_routes(obj: DecisionRequest) -> list[Any]:
        return list(obj.routes.all())


class DecisionRequestDetail(DecisionRequestOut):
    records: list[RecordRef] = Field(description="what was recorded about it, oldest first")

    @staticmethod
    def resolve_records(obj: DecisionRequest) -> list[Any]:
        return list(obj.records.all())


class DecisionRequestPage(Page[DecisionRequestOut]):
    pass


class DecisionRequestQuery(Schema):
    box: Literal["all", "sent", "routed"] = Field(
        "all",
        description="sent: mine as requester; routed: sent to me to decide; all: every request "
        "I may see (administrators: all)",
    )
    status: RequestStatus | None = None
    decision: str | None = Field(None, max_length=64)


class ApproveIn(StrictIn):
    note: str = Note


class DeclineIn(StrictIn):
    reason: str = Field(min_length=1, max_length=4000)


class WithdrawIn(StrictIn):
    reason: str = Note


class ReversalOut(Schema):
    record: int = Field(description="the other decision record")
    occurred_at: datetime
    after_seconds: int


class DecisionRecordOut(Schema):
    id: int
    decision: str
    decision_label: str
    subject: SubjectOut
    outcome: DecisionOutcome
    within_scope: bool
    effect: str
    actor: PersonRef | None
    actor_repr: str
    on_behalf_of: PersonRef | None
    team: TeamRef | None
    facts: dict[str, Any]
    grant_versions: list[GrantVersionRef]
    explanation: str
    rationale: str
    request: int | None = Field(description="the decision request it belongs to")
    occurred_at: datetime
    reversed_by: ReversalOut | None = Field(description="a later decision that undid this one")
    reverses: list[ReversalOut] = Field(description="earlier decisions this one undid")

    @staticmethod
    def resolve_decision_label(obj: DecisionRecord) -> str:
        return decision_label(obj.decision)

    @staticmethod
    def resolve_subject(obj: DecisionRecord) -> dict[str, Any]:
        return subject_ref(obj.subject_type, obj.subject_id, obj.subject_repr)

    @staticmethod
    def resolve_request(obj: DecisionRecord) -> int | None:
        return obj.request_id

    @staticmethod
    def resolve_grant_versions(obj: DecisionRecord) -> list[dict[str, Any]]:
        return getattr(obj, "grant_version_refs", [])

    @staticmethod
    def resolve_reversed_by(obj: DecisionRecord) -> dict[str, Any] | None:
        reversal = getattr(obj, "reversal", None)
        if reversal is None:
            return None
        return _reversal(reversal.undone_by_id, reversal)

    @staticmethod
    def resolve_reverses(obj: DecisionRecord) -> list[dict[str, Any]]:
        return [_reversal(r.record_id, r) for r in obj.reversed_records.all()]


def _reversal(other: int, reversal: Any) -> dict[str, Any]:
    return {
        "record": other,
        "occurred_at": reversal.occurred_at,
        "after_seconds": reversal.after_seconds,
    }


class DecisionRecordPage(Page[DecisionRecordOut]):
    pass


class DecisionRecordQuery(Schema):
    decision: str | None = Field(None, max_length=64)
    subject_type: str | None = Field(None, max_length=64, description="ticket, grant, ...")
    subject_id: Id | None = None
    actor: Id | None = Field(None, description="taken (or asked for) by this person")
    outcome: DecisionOutcome | None = None
    since: AwareDatetime | None = Field(None, description="occurred at or after")
    until: AwareDatetime | None = Field(None, description="occurred before")


class AbsenceIn(StrictIn):
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    note: str = Field("", max_length=200)


class AbsenceOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    note: str
    created_at: datetime
