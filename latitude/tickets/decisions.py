"""The guarded decisions taken on tickets, with the facts a scope grant may limit them by.

Fact names match what the ticket actions pass to `check_decision`; facts stored on the ticket
also carry an ORM path so "which tickets may I ...?" compiles to one query.
"""

from decimal import Decimal
from typing import Any

from django.db.models import Count, Expression, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from latitude.catalog.choices import Criticality
from latitude.scopes.registry import (
    Decision,
    FactSpec,
    FactType,
    ReversalRule,
    register,
    register_reversal,
)
from latitude.tickets.choices import OPEN_STATUSES, ApprovalAnswer, Kind, Priority, Status
from latitude.tickets.models import Ticket

SUBJECT = "tickets.Ticket"


def _open_children_expression() -> Expression:
    children = (
        Ticket.objects.filter(parent=OuterRef("pk"), status__in=OPEN_STATUSES)
        .order_by()
        .values("parent")
        .annotate(open_count=Count("pk"))
        .values("open_count")
    )
    return Coalesce(Subquery(children), 0)


def _open_children(ticket: Ticket) -> int:
    return ticket.children.filter(status__in=OPEN_STATUSES).count()


def _ticket_teams(ticket: Ticket) -> list[Any]:
    owner_team = ticket.service.owner_team if ticket.service_id else None  # type: ignore[union-attr]
    return [ticket.team, owner_team]


KIND = FactSpec(FactType.ENUM, _("kind"), choices=tuple(Kind.choices), path="kind")
PRIORITY = FactSpec(
    FactType.NUMBER, _("priority"), choices=tuple(Priority.choices), path="priority"
)
STATUS = FactSpec(FactType.ENUM, _("status"), choices=tuple(Status.choices), path="status")
SERVICE = FactSpec(FactType.REFERENCE, _("service"), path="service", model="catalog.Service")
CATEGORY = FactSpec(FactType.REFERENCE, _("category"), path="category", model="catalog.Category")
TEAM = FactSpec(FactType.REFERENCE, _("team"), path="team", model="people.Team")
CRITICALITY = FactSpec(
    FactType.NUMBER,
    _("service criticality"),
    choices=tuple(Criticality.choices),
    path="service__criticality",
)
OPEN_CHILDREN = FactSpec(
    FactType.NUMBER,
    _("open child tickets"),
    expression=_open_children_expression,
    getter=_open_children,
)
REOPEN_COUNT = FactSpec(FactType.NUMBER, _("times reopened"), path="reopen_count")
AMOUNT = FactSpec(FactType.MONEY, _("amount"))
CURRENCY = FactSpec(FactType.STRING, _("currency"))
# A request's cost is stored on the ticket, so "which requests may I approve?" is one query.
COST = FactSpec(FactType.MONEY, _("cost"), path="cost_amount")
COST_CURRENCY = FactSpec(FactType.STRING, _("currency"), path="cost_currency")

LIFECYCLE_FACTS = {
    "kind": KIND,
    "priority": PRIORITY,
    "from": STATUS,
    "open_children": OPEN_CHILDREN,
    "reopen_count": REOPEN_COUNT,
    "service": SERVICE,
    "service_criticality": CRITICALITY,
    "team": TEAM,
}


def _ticket_decision(
    name: str, label: Any, verb: Any, facts: dict[str, FactSpec], general: Any
) -> Decision:
    return register(
        Decision(name, SUBJECT, label, verb, facts, teams_of=_ticket_teams, general=general)
    )


RESOLVE = _ticket_decision(
    "ticket.resolve", _("Resolve a ticket"), _("resolve"), LIFECYCLE_FACTS, _("resolve tickets")
)
CLOSE = _ticket_decision(
    "ticket.close", _("Close a ticket"), _("close"), LIFECYCLE_FACTS, _("close tickets")
)
REOPEN = _ticket_decision(
    "ticket.reopen", _("Reopen a ticket"), _("reopen"), LIFECYCLE_FACTS, _("reopen tickets")
)
SET_PRIORITY = _ticket_decision(
    "ticket.set_priority",
    _("Set the priority"),
    _("set the priority of"),
    {
        "from": PRIORITY,
        "to": FactSpec(FactType.NUMBER, _("new priority"), choices=tuple(Priority.choices)),
        "kind": KIND,
        "service_criticality": CRITICALITY,
        "service": SERVICE,
        "team": TEAM,
    },
    _("set the priority of tickets"),
)
TRANSFER_TEAM = _ticket_decision(
    "ticket.transfer_team",
    _("Hand a ticket to another team"),
    _("hand to another team"),
    {
        "from_team": TEAM,
        "to_team": FactSpec(FactType.REFERENCE, _("receiving team"), model="people.Team"),
        "priority": PRIORITY,
        "kind": KIND,
        "service": SERVICE,
    },
    _("hand tickets to another team"),
)
MERGE = _ticket_decision(
    "ticket.merge",
    _("Merge a duplicate ticket"),
    _("merge"),
    {
        "kind": KIND,
        "priority": PRIORITY,
        "team": TEAM,
        "into_priority": FactSpec(
            FactType.NUMBER, _("priority of the surviving ticket"), choices=tuple(Priority.choices)
        ),
    },
    _("merge duplicate tickets"),
)
WAIVE_SLA = _ticket_decision(
    "ticket.waive_sla",
    _("Waive or extend an SLA target"),
    _("waive the SLA of"),
    {
        "priority": PRIORITY,
        "kind": KIND,
        "service": SERVICE,
        "team": TEAM,
        "clock_kind": FactSpec(
            FactType.ENUM,
            _("SLA clock"),
            choices=(
                ("response", _("response")),
                ("resolution", _("resolution")),
                ("ola", _("team hand-off (OLA)")),
            ),
        ),
        "extension_minutes": FactSpec(FactType.DURATION, _("extension in business minutes")),
    },
    _("waive or extend SLA targets"),
)
APPROVE_REQUEST = _ticket_decision(
    "request.approve",
    _("Approve a service request"),
    _("approve"),
    {
        "service": SERVICE,
        "category": CATEGORY,
        "priority": PRIORITY,
        "team": TEAM,
        "cost_amount": COST,
        "currency": COST_CURRENCY,
        # Whoever may approve may also say no; the answer is recorded with the decision.
        "answer": FactSpec(FactType.ENUM, _("answer"), choices=tuple(ApprovalAnswer.choices)),
    },
    _("approve service requests"),
)
REVOKE_APPROVAL = _ticket_decision(
    "request.revoke_approval",
    _("Revoke the approval of a service request"),
    _("revoke the approval of"),
    {
        "service": SERVICE,
        "category": CATEGORY,
        "priority": PRIORITY,
        "team": TEAM,
        "cost_amount": COST,
        "currency": COST_CURRENCY,
    },
    _("revoke approvals of service requests"),
)
GOODWILL = _ticket_decision(
    "ticket.goodwill",
    _("Grant a goodwill credit"),
    _("grant goodwill on"),
    {
        "amount": AMOUNT,
        "currency": CURRENCY,
        "kind": KIND,
        "priority": PRIORITY,
        "service": SERVICE,
        "team": TEAM,
    },
    _("grant goodwill credits"),
)
REVOKE_GOODWILL = _ticket_decision(
    "ticket.revoke_goodwill",
    _("Revoke a goodwill credit"),
    _("revoke goodwill on"),
    {
        "amount": AMOUNT,
        "currency": CURRENCY,
        "kind": KIND,
        "priority": PRIORITY,
        "service": SERVICE,
        "team": TEAM,
    },
    _("revoke goodwill credits"),
)
UNMERGE = _ticket_decision(
    "ticket.unmerge",
    _("Undo a merge"),
    _("undo the merge of"),
    {
        "kind": KIND,
        "priority": PRIORITY,
        "team": TEAM,
        "own_merge": FactSpec(
            FactType.BOOLEAN, _("own merge"), choices=((True, _("yes")), (False, _("no")))
        ),
    },
    _("undo merges"),
)


def _lowers_after_raise(new: dict[str, Any], old: dict[str, Any]) -> bool:
    """Priority 1 is the highest: a raise goes to a smaller number, lowering to a larger one."""
    try:
        raised = int(old["to"]) < int(old["from"])
        lowered = int(new["to"]) > int(new["from"])
    except (KeyError, TypeError, ValueError):
        return False
    return raised and lowered


def _approval_given(new: dict[str, Any], old: dict[str, Any]) -> bool:
    """Revoking undoes an approval, not a rejection (both are `request.approve` decisions)."""
    return old.get("answer", ApprovalAnswer.APPROVE) == ApprovalAnswer.APPROVE


def _same_goodwill(new: dict[str, Any], old: dict[str, Any]) -> bool:
    """A revocation undoes the grant of the same amount in the same currency on the ticket."""
    try:
        same_amount = Decimal(str(new["amount"])) == Decimal(str(old["amount"]))
    except (KeyError, ArithmeticError, ValueError):
        return False
    return same_amount and new.get("currency") == old.get("currency")


# Undoings that count as reversals of an earlier decision (within the reversal window).
register_reversal(ReversalRule("ticket.reopen", ("ticket.resolve", "ticket.close")))
register_reversal(
    ReversalRule("ticket.set_priority", ("ticket.set_priority",), _lowers_after_raise)
)
register_reversal(ReversalRule("request.revoke_approval", ("request.approve",), _approval_given))
register_reversal(ReversalRule("ticket.revoke_goodwill", ("ticket.goodwill",), _same_goodwill))
register_reversal(ReversalRule("ticket.unmerge", ("ticket.merge",)))
