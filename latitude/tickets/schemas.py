"""Request and response shapes of the tickets API. Shape only: every rule lives in actions."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import ConfigDict, Field

from latitude.api.pagination import Page
from latitude.api.schemas import CategoryRef, Id, PersonRef, ServiceRef, TeamRef
from latitude.tickets.actions.conversation import MAX_COMMENT_CHARS
from latitude.tickets.choices import (
    Approval,
    CloseReason,
    Impact,
    Kind,
    Priority,
    Status,
    Urgency,
)
from latitude.tickets.selectors import QUEUES, SORTS

Subject = Annotated[str, Field(min_length=1, max_length=200)]
Description = Annotated[str, Field(max_length=MAX_COMMENT_CHARS)]
Reason = Annotated[str, Field(max_length=2000)]


class StrictIn(Schema):
    """Input that names an unknown field is refused (422 naming it), never half-applied."""

    model_config = ConfigDict(extra="forbid")


class TicketRef(Schema):
    id: int
    number: str
    subject: str


class TicketListItem(Schema):
    id: int
    number: str
    kind: Kind
    subject: str
    status: Status
    impact: Impact
    urgency: Urgency
    priority: Priority
    requester: PersonRef
    owner: PersonRef | None
    team: TeamRef | None
    service: ServiceRef | None
    category_id: int | None
    parent_id: int | None
    created_at: datetime
    updated_at: datetime
    version: int


class TicketOut(TicketListItem):
    description: str
    category: CategoryRef | None
    parent: TicketRef | None
    merged_into: TicketRef | None
    resolution: str
    close_reason: CloseReason | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    reopen_count: int
    approval: Approval
    cost_amount: Decimal | None
    cost_currency: str = Field(description="ISO 4217; empty without a cost")
    approval_decided_at: datetime | None
    approval_decided_by: PersonRef | None
    approval_note: str

    @staticmethod
    def resolve_close_reason(obj: object) -> str | None:
        return getattr(obj, "close_reason", "") or None


class TicketPage(Page[TicketListItem]):
    pass


class TicketListQuery(Schema):
    queue: str = Field(
        "all", description=" | ".join(QUEUES), json_schema_extra={"enum": list(QUEUES)}
    )
    status: Status | None = None
    kind: Kind | None = None
    priority: Priority | None = None
    team: Id | None = None
    owner: Id | None = None
    service: Id | None = None
    requester: Id | None = None
    q: str = Field("", max_length=200, description="words in subject or description, or a number")
    sort: str = Field(
        "updated", description=" | ".join(SORTS), json_schema_extra={"enum": list(SORTS)}
    )
    open_only: bool = False


class TicketIn(StrictIn):
    kind: Kind
    subject: Subject
    description: Description = ""
    service_id: Id | None = None
    category_id: Id | None = None
    impact: Impact = Impact.LOW
    urgency: Urgency = Urgency.LOW
    requester_id: Id | None = Field(None, description="agents only: open on someone's behalf")
    team_id: Id | None = Field(None, description="agents only: route to this team")
    cost_amount: Decimal | None = Field(
        None, description="agents only: what the request costs (else the service's default)"
    )
    cost_currency: str = Field("", max_length=3, description="ISO 4217 code of cost_amount")


class TicketPatch(StrictIn):
    """Descriptive fields only; status, priority, owner and team have their own operations."""

    subject: Subject | None = None
    description: Description | None = None
    service_id: Id | None = None
    category_id: Id | None = None


class PriorityIn(StrictIn):
    impact: Impact | None = None
    urgency: Urgency | None = None
    priority: Priority | None = Field(None, description="overrides the impact x urgency matrix")
    reason: Reason = ""


class TransitionIn(StrictIn):
    status: Status
    resolution: Description = ""
    reason: Reason = ""
    confirm_open_children: bool = False


class ReopenIn(StrictIn):
    reason: Reason


class AssignmentIn(StrictIn):
    owner_id: Id | None = Field(description="null releases the ticket to its team")


class TeamTransferIn(StrictIn):
    team_id: Id
    reason: Reason = ""
    keep_owner: bool = False


class ParentIn(StrictIn):
    parent_id: Id | None


class RelatedIn(StrictIn):
    ticket_id: Id


class MergeIn(StrictIn):
    into_id: Id
    reason: Reason = ""


class WatcherIn(StrictIn):
    user_id: Id


class CommentIn(StrictIn):
    body: Description
    internal: bool = Field(False, description="an internal note (agents only)")


class AttachmentOut(Schema):
    id: int
    ticket_id: int
    comment_id: int | None
    original_name: str
    content_type: str
    size: int
    sha256: str
    is_internal: bool
    uploaded_by_id: int
    created_at: datetime


class CommentOut(Schema):
    id: int
    ticket_id: int
    author: PersonRef
    body: str
    is_internal: bool
    created_at: datetime
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_attachments(obj: object) -> list[object]:
        return list(obj.attachments.all())  # type: ignore[attr-defined]


class CommentPage(Page[CommentOut]):
    pass


class AttachmentPage(Page[AttachmentOut]):
    pass


class ApproveIn(StrictIn):
    note: Reason = ""


class DecisionReasonIn(StrictIn):
    """Rejecting, revoking and unmerging say why."""

    reason: Reason


class CostIn(StrictIn):
    cost_amount: Decimal
    cost_currency: str = Field(max_length=3, description="ISO 4217, such as EUR")


class GoodwillIn(StrictIn):
    amount: Decimal = Field(description="above zero, at most two decimals")
    currency: str = Field(max_length=3, description="ISO 4217, such as EUR")
    reason: Reason


class GoodwillOut(Schema):
    id: int
    ticket_id: int
    amount: Decimal
    currency: str
    reason: str
    granted_by: PersonRef | None
    requested_by_id: int | None
    granted_at: datetime
    revoked_at: datetime | None
    revoked_by: PersonRef | None
    revoke_reason: str
