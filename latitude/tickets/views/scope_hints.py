"""The ticket page's decision hints: before the click, whether each guarded action offered
is within the agent's scope and why; after an out-of-scope click, whom it was sent to."""

from typing import Any

from latitude.scopes.evaluator import Verdict
from latitude.scopes.hints import share_candidates
from latitude.scopes.inbox import pending_on
from latitude.scopes.selectors import verdicts_for
from latitude.scopes.views.refusals import refusal_notice
from latitude.tickets import transitions
from latitude.tickets.actions.status import DECISION_FOR
from latitude.tickets.choices import Priority, Status
from latitude.tickets.models import Ticket


def _status_decision(ticket: Ticket, target: Status) -> str | None:
    if transitions.is_reopen(ticket.status, target):
        return "ticket.reopen"
    return DECISION_FOR.get(target)


def priority_target(ticket: Ticket) -> int:
    """The priority step the page explains: raising to P1 (declaring a major incident), or for
    a P1 ticket, lowering it again."""
    return Priority.P2 if ticket.priority == Priority.P1 else Priority.P1


def _offered(ticket: Ticket, targets: list[Status]) -> dict[str, dict[str, Any] | None]:
    """The guarded decisions the panels offer, with the facts their actions would supply."""
    offered: dict[str, dict[str, Any] | None] = {}
    for target in targets:
        decision = _status_decision(ticket, target)
        if decision:
            offered[decision] = None
    offered["ticket.set_priority"] = {"from": ticket.priority, "to": priority_target(ticket)}
    if ticket.is_open:
        offered["ticket.transfer_team"] = {"from_team": ticket.team_id, "priority": ticket.priority}
    if ticket.merged_into_id is None and ticket.status != Status.CLOSED:
        offered["ticket.merge"] = {"kind": ticket.kind, "priority": ticket.priority}
    return offered


def hints_context(
    actor: Any,
    ticket: Ticket,
    targets: list[Status],
    extra: dict[str, dict[str, Any] | None] | None = None,
    unrouted: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Verdicts for every guarded action on the page (one evaluation each, grants read once)
    and the decision requests still waiting on the ticket (one query). `extra` are further
    decisions the page offers (approval, goodwill, unmerge); `unrouted` those whose hint names
    nobody to send it to."""
    offered = {**_offered(ticket, targets), **(extra or {})}
    verdicts: dict[str, Verdict] = verdicts_for(actor, ticket, offered)
    share_candidates(v for name, v in verdicts.items() if name not in unrouted)
    by_target = {
        target.value: verdicts[name]
        for target in targets
        if (name := _status_decision(ticket, target)) is not None
    }
    return {
        "verdicts": verdicts,
        "status_verdicts": by_target,
        "priority_target": Priority(priority_target(ticket)),
        "pending_decisions": pending_on(actor, ticket),
    }


__all__ = ["hints_context", "priority_target", "refusal_notice"]
