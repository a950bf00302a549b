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
