"""Shapes of grants over the API. Shape only: the grant actions check every rule."""

from datetime import datetime
from typing import Annotated, Any, Literal

from django.utils import timezone
from ninja import Schema
from pydantic import AwareDatetime, Field

from latitude.api.pagination import Page
from latitude.api.schemas import Id, PersonRef, TeamRef
from latitude.scopes import explain
from latitude.scopes.choices import Effect, HolderKind, Role, TeamScope
from latitude.scopes.models import GrantVersion
from latitude.tickets.schemas import StrictIn

DecisionName = Annotated[str, Field(min_length=1, max_length=64)]
Rationale = Annotated[str, Field(max_length=4000)]
NO_LIMITS_EXAMPLE: dict[str, Any] = {"all": [{"fact": "priority", "op": "gte", "value": 3}]}
CONDITION_HELP = (
    "The limits, a tree of {all: [...]}, {any: [...]}, {not: node} and leaves {fact, op, value} "
    "(op: eq, ne, in, not_in, lt, lte, gt, gte, between) over the decisions' facts; "
    '{"all": []} means no limits. A refusal names the spot, e.g. `condition.all.0.value`.'
)


class GrantTermsIn(StrictIn):
    """What a grant version says. Unset optional fields are empty."""

    holder_kind: HolderKind
    holder_person_id: Id | None = None
    holder_team_id: Id | None = None
    team_scope: TeamScope | None = Field(None, description="team holders: members or lead")
    holder_role: Role | None = None
    holder_key: str = Field("", max_length=100, description="skill or licence (stored only)")
    decisions: list[DecisionName] = Field(max_length=50)
    condition: Any = Field(
        default_factory=lambda: {"all": []},
        description=CONDITION_HELP,
        json_schema_extra={"type": "object", "example": NO_LIMITS_EXAMPLE},
    )
    effect: Effect = Effect.DECIDE
    inform_person_id: Id | None = None
    inform_team_id: Id | None = None
    valid_from: AwareDatetime | None = None
    valid_until: AwareDatetime | None = None
    rationale: Rationale


class GrantIn(GrantTermsIn):
    name: str = Field(min_length=1, max_length=200)


class GrantPatch(StrictIn):
    """Only the fields present change; the grant gets a new version."""

    holder_kind: HolderKind | None = None
    holder_person_id: Id | None = None
    holder_team_id: Id | None = None
    team_scope: TeamScope | None = None
    holder_role: Role | None = None
    holder_key: str | None = Field(None, max_length=100)
    decisions: list[DecisionName] | None = Field(None, max_length=50)
    condition: Any = Field(None, description=CONDITION_HELP, json_schema_extra={"type": "object"})
    effect: Effect | None = None
    inform_person_id: Id | None = None
    inform_team_id: Id | None = None
    valid_from: AwareDatetime | None = None
    valid_until: AwareDatetime | None = None
    rationale: Rationale | None = None


class RevokeIn(StrictIn):
    reason: str = Field(min_length=1, max_length=4000)


class DelegationIn(StrictIn):
    """Lend the grant to a person for a period, within its limits (optionally fewer decisions
    or narrower limits); a delegation cannot be delegated further."""

    to_person_id: Id
    valid_until: AwareDatetime
    valid_from: AwareDatetime | None = None
    decisions: list[DecisionName] | None = Field(None, max_length=50)
    condition: Any = Field(None, description=CONDITION_HELP, json_schema_extra={"type": "object"})
    rationale: Rationale


class GrantOut(Schema):
    """One version of a grant (the current one unless read from the history)."""

    id: int = Field(description="the grant")
    name: str
    version: int
    current_version: int
    in_force: bool = Field(description="the current version, not revoked, within its period")
    delegated_from: int | None
    holder: str = Field(description="the holder in words")
    holder_kind: HolderKind
    holder_person: PersonRef | None
    holder_team: TeamRef | None
    team_scope: str
    holder_role: str
    holder_key: str
    decisions: list[str]
    condition: dict[str, Any]
    effect: Effect
    inform_person: PersonRef | None
    inform_team: TeamRef | None
    valid_from: datetime | None
    valid_until: datetime | None
    revoked: bool
    rationale: str
    created_at: datetime = Field(description="when this version was written")
    created_by: PersonRef | None

    @staticmethod
    def resolve_id(obj: GrantVersion) -> int:
        return obj.grant_id

    @staticmethod
    def resolve_name(obj: GrantVersion) -> str:
        return obj.grant.name

    @staticmethod
    def resolve_current_version(obj: GrantVersion) -> int:
        return obj.grant.current_version

    @staticmethod
    def resolve_in_force(obj: GrantVersion) -> bool:
        return obj.version == obj.grant.current_version and obj.is_valid_at(timezone.now())

    @staticmethod
    def resolve_delegated_from(obj: GrantVersion) -> int | None:
        return obj.grant.delegated_from_id

    @staticmethod
    def resolve_holder(obj: GrantVersion) -> str:
        return explain.holder_phrase(obj)


class GrantPage(Page[GrantOut]):
    pass


class GrantListQuery(Schema):
    decision: DecisionName | None = Field(None, description="grants that cover this decision")
    holder_kind: HolderKind | None = None
    person: Id | None = Field(None, description="grants held by this person by name")
    team: Id | None = Field(None, description="grants held by this team (members or lead)")
    status: Literal["any", "active", "revoked"] = Field(
        "any", description="active: in force now; revoked: revoked grants"
    )


class GrantDiffQuery(Schema):
    older: Annotated[int, Field(ge=1, le=2**31)] | None = Field(
        None, description="default: the version before `newer`"
    )
    newer: Annotated[int, Field(ge=1, le=2**31)] | None = Field(
        None, description="default: the current version"
    )


class GrantDiffOut(Schema):
    grant: int
    older: int
    newer: int
    changes: dict[str, dict[str, Any]] = Field(
        description="{field: {before, after}}; decisions as {added, removed}"
    )
