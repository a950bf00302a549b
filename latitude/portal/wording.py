"""Ticket states in the plain words a requester understands."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from latitude.tickets.choices import Approval, Kind, Status

STATUS_WORDS: dict[str, Promise] = {
    Status.NEW: _("Received"),
    Status.IN_PROGRESS: _("Being worked on"),
    Status.WAITING_REQUESTER: _("Waiting for your reply"),
    Status.WAITING_THIRD_PARTY: _("Waiting for a supplier"),
    Status.RESOLVED: _("Solved: please confirm"),
    Status.CLOSED: _("Closed"),
}

STATUS_HINTS: dict[str, Promise] = {
    Status.NEW: _("We have your ticket and will look at it soon."),
    Status.IN_PROGRESS: _("Someone is working on it."),
    Status.WAITING_REQUESTER: _("We need an answer from you. Please reply below."),
    Status.WAITING_THIRD_PARTY: _("We are waiting for someone outside our team."),
    Status.RESOLVED: _(
        "We think this is solved. Accept the solution, or reopen the ticket if it still "
        "does not work."
    ),
    Status.CLOSED: _("This ticket is finished."),
}

KIND_WORDS: dict[str, Promise] = {
    Kind.INCIDENT: _("Problem"),
    Kind.REQUEST: _("Request"),
}

APPROVAL_WORDS: dict[str, Promise] = {
    Approval.PENDING: _("Waiting for approval"),
    Approval.APPROVED: _("Approved"),
    Approval.REJECTED: _("Not approved"),
    Approval.REVOKED: _("Approval withdrawn"),
}

APPROVAL_HINTS: dict[str, Promise] = {
    Approval.PENDING: _(
        "This request needs an approval. The person responsible decides, and we deliver once "
        "it is approved."
    ),
    Approval.APPROVED: _("Your request was approved."),
    Approval.REJECTED: _("Your request was not approved."),
    Approval.REVOKED: _("The approval was withdrawn; the request waits for a new decision."),
}
