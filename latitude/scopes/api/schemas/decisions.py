"""Shapes of the decision registry, verdicts ("may I?") and "decidable by me"."""

from typing import Any

from ninja import Schema
from pydantic import Field

from latitude.api.pagination import Page
from latitude.api.schemas import CandidateRef, Id
from latitude.scopes.choices import Effect
from latitude.tickets.choices import Priority, Status
from latitude.tickets.schemas import StrictIn


class ChoiceOut(Schema):
    value: Any
    label: str


class FactOut(Schema):
    name: str
    type: str = Field(description="number, money, enum, boolean, string, duration or reference")
    label: str
    choices: list[ChoiceOut]
    from_subject: bool = Field(
        description="read from the subject; otherwise the action (or a dry run) supplies it"
    )
    model: str | None = Field(None, description="reference facts: what the id names")


class DecisionOut(Schema):
    name: str
    label: str
    subject: str = Field(description="the kind of subject it is taken on, e.g. ticket")
    facts: list[FactOut]


class SubjectIn(StrictIn):
    type: str = Field(max_length=64, description="ticket or grant")
    id: Id


class EvaluateIn(StrictIn):
    subject: SubjectIn
    facts: dict[str, Any] = Field(
        default_factory=dict,
        description="facts the action would supply (e.g. {'to': 1} for a priority change); "
        "they override facts read from the subject",
    )


class GrantVersionRef(Schema):
    grant: int
    version: int
    name: str


class VerdictOut(Schema):
    decision: str
    label: str
    allowed: bool = Field(description="whether the caller may take it alone, now")
    effect: Effect | None = Field(description="of the grant that decides; null without one")
    explanation: str = Field(description="why, in the caller's language")
    facts: dict[str, Any] = Field(description="the facts the verdict was reached on")
    grant_versions: list[GrantVersionRef]
    candidates: list[CandidateRef] = Field(description="who could decide it instead")


class DecidableQuery(Schema):
    status: str = Field(
        "open",
        description="open (any open status), any, or one status",
        json_schema_extra={"enum": ["open", "any", *Status.values]},
    )
    facts: str = Field(
        "",
        max_length=2000,
        description='facts the action would supply, as a JSON object (e.g. {"to": 1})',
    )


class DecidableTicket(Schema):
    id: int
    number: str
    subject: str
    status: Status
    priority: Priority


class DecidablePage(Page[DecidableTicket]):
    pass
