from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    INCIDENT = "incident", _("incident")
    REQUEST = "request", _("service request")


NUMBER_PREFIX = {Kind.INCIDENT: "INC", Kind.REQUEST: "REQ"}


class Status(models.TextChoices):
    NEW = "new", _("new")
    IN_PROGRESS = "in_progress", _("in progress")
    WAITING_REQUESTER = "waiting_requester", _("waiting on requester")
    WAITING_THIRD_PARTY = "waiting_third_party", _("waiting on third party")
    RESOLVED = "resolved", _("resolved")
    CLOSED = "closed", _("closed")


OPEN_STATUSES = (
    Status.NEW,
    Status.IN_PROGRESS,
    Status.WAITING_REQUESTER,
    Status.WAITING_THIRD_PARTY,
)
WAITING_STATUSES = (Status.WAITING_REQUESTER, Status.WAITING_THIRD_PARTY)


class Impact(models.IntegerChoices):
    HIGH = 1, _("high")
    MEDIUM = 2, _("medium")
    LOW = 3, _("low")


class Urgency(models.IntegerChoices):
    HIGH = 1, _("high")
    MEDIUM = 2, _("medium")
    LOW = 3, _("low")


class Priority(models.IntegerChoices):
    P1 = 1, _("P1 critical")
    P2 = 2, _("P2 high")
    P3 = 3, _("P3 medium")
    P4 = 4, _("P4 low")


class LinkKind(models.TextChoices):
    RELATED = "related", _("related to")


class CloseReason(models.TextChoices):
    RESOLVED = "resolved", _("resolved")
    DUPLICATE = "duplicate", _("duplicate")
    ACCEPTED = "accepted", _("accepted by requester")
    AUTO = "auto", _("closed automatically")


class Approval(models.TextChoices):
    """Where a service request stands with its approval (incidents never need one)."""

    NOT_REQUIRED = "not_required", _("not required")
    PENDING = "pending", _("awaiting approval")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    REVOKED = "revoked", _("approval revoked")


# An approver may decide (approve or reject) while the request is in one of these states.
AWAITING_APPROVAL = (Approval.PENDING, Approval.REVOKED)


class ApprovalAnswer(models.TextChoices):
    """The fact `answer` of `request.approve`: rejecting needs the same authority."""

    APPROVE = "approve", _("approve")
    REJECT = "reject", _("reject")
