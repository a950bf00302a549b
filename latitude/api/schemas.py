"""Schemas shared by every part of the API: problem details, references, identifiers."""

from typing import Annotated

from ninja import Path, Schema
from pydantic import Field

# The largest key a 64-bit integer column holds; bigger numbers are refused as invalid input
# instead of overflowing in the database driver.
MAX_ID = 2**63 - 1

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]


class FieldProblem(Schema):
    field: str
    message: str


class Problem(Schema):
    """RFC 9457 problem details; `code` is stable, `detail` is for people."""

    type: str
    title: str
    status: int
    code: str
    detail: str
    errors: list[FieldProblem]


class CandidateRef(Schema):
    """Someone whose scope covers a decision the caller may not take alone, nearest first."""

    id: int
    name: str
    reason: str


class OutOfScopeProblem(Problem):
    """403 `out_of_scope`: nothing was changed; `detail` explains why in the caller's language,
    and a decision request went to the nearest people who could decide (other 403s, such as
    `not_permitted`, carry only the problem fields)."""

    decision_request: int | None = Field(
        None, description="the decision request opened (or joined) for this attempt"
    )
    decision_request_url: str | None = None
    candidates: list[CandidateRef] = Field(
        default_factory=list, description="who could decide it, nearest first"
    )


class PersonRef(Schema):
    id: int
    full_name: str


class TeamRef(Schema):
    id: int
    name: str
    slug: str


class ServiceRef(Schema):
    id: int
    name: str
    slug: str


class CategoryRef(Schema):
    id: int
    name: str
    parent_id: int | None


def problems(*statuses: int) -> dict[int, type[Problem]]:
    """The error part of an operation's `response=` mapping, for the OpenAPI document."""
    return dict.fromkeys((401, 422, *statuses), Problem)


def guarded_problems(*statuses: int) -> dict[int, type[Problem]]:
    """`problems(...)` for an operation that performs a guarded decision: its 403 may be
    `out_of_scope`, with the decision request it opened."""
    return {**problems(*statuses), 403: OutOfScopeProblem}
