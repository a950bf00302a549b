"""The decision registry and "may I?": dry-run verdicts for one subject, the verdicts a ticket
page shows, and the tickets the caller may decide (one query, through the evaluator)."""

import json
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router

from latitude.api.auth import actor_of
from latitude.api.pagination import PAGE_PARAMS, PageQuery, page_of, reject_unknown_params
from latitude.api.schemas import PathId, problems
from latitude.core.errors import InvalidInput
from latitude.people.models import User
from latitude.scopes import cache, registry
from latitude.scopes.api.common import (
    candidate_refs,
    checked_facts,
    decision_named,
    subject_for,
    subject_kind,
)
from latitude.scopes.api.schemas.decisions import (
    DecidablePage,
    DecidableQuery,
    DecisionOut,
    EvaluateIn,
    VerdictOut,
)
from latitude.scopes.evaluator import Verdict, decidable_queryset, evaluate
from latitude.scopes.hints import share_candidates
from latitude.scopes.recording import plain_facts
from latitude.scopes.selectors import verdicts_for
from latitude.tickets.choices import OPEN_STATUSES, Priority, Status
from latitude.tickets.models import Ticket
from latitude.tickets.selectors import get_ticket_for, visible_tickets

router = Router(tags=["decisions"])

DecisionName = Path(..., max_length=64, description="a registered decision, e.g. ticket.resolve")
DECIDABLE_FIELDS = ("id", "number", "subject", "status", "priority")


def _fact(name: str, spec: registry.FactSpec) -> dict[str, Any]:
    return {
        "name": name,
        "type": str(spec.type),
        "label": str(spec.label),
        "choices": [{"value": value, "label": str(label)} for value, label in spec.choices],
        "from_subject": spec.from_subject,
        "model": spec.model,
    }


def _decision(decision: registry.Decision) -> dict[str, Any]:
    return {
        "name": decision.name,
        "label": str(decision.label),
        "subject": subject_kind(decision.subject),
        "facts": [_fact(name, spec) for name, spec in decision.facts.items()],
    }


@router.get(
    "/decisions", response={200: list[DecisionOut], **problems()}, operation_id="listDecisions"
)
def list_decisions(request: HttpRequest) -> list[dict[str, Any]]:
    """Every registered guarded decision with its facts, labelled in the caller's language."""
    return [_decision(decision) for decision in registry.all_decisions()]


def verdict_out(actor: User, verdict: Verdict) -> dict[str, Any]:
    return {
        "decision": verdict.decision.name,
        "label": str(verdict.decision.label),
        "allowed": verdict.allowed,
        "effect": verdict.effect,
        "explanation": verdict.explanation,
        "facts": plain_facts(verdict.facts.snapshot()),
        "grant_versions": [
            {"grant": v.grant_id, "version": v.version, "name": v.grant.name}
            for v in verdict.grant_versions
        ],
        "candidates": candidate_refs(actor, verdict.candidates),
    }


@router.post(
    "/decisions/{name}/evaluate",
    response={200: VerdictOut, **problems(404)},
    operation_id="evaluateDecision",
)
def evaluate_decision(
    request: HttpRequest, payload: EvaluateIn, name: str = DecisionName
) -> dict[str, Any]:
    """May I? The verdict the action would reach for the caller now, without doing anything:
    allowed or not, the effect, the grant versions, why, and who could decide instead.
    A subject the caller may not see answers 404."""
    actor = actor_of(request)
    decision = decision_named(name)
    subject = subject_for(actor, decision, payload.subject.type, payload.subject.id)
    facts = checked_facts(decision, payload.facts)
    return verdict_out(actor, evaluate(actor, decision.name, subject, facts))


def page_facts(ticket: Ticket) -> dict[str, dict[str, Any] | None]:
    """Each ticket decision with the facts its action would supply from the ticket page: the
    priority step is raising to P1 (lowering to P2 for a P1 ticket)."""
    offered: dict[str, dict[str, Any] | None] = {
        decision.name: None
        for decision in registry.all_decisions()
        if decision.subject_model() is Ticket
    }
    target = Priority.P2 if ticket.priority == Priority.P1 else Priority.P1
    known: dict[str, dict[str, Any]] = {
        "ticket.set_priority": {"from": ticket.priority, "to": int(target)},
        "ticket.transfer_team": {"from_team": ticket.team_id, "priority": ticket.priority},
        "ticket.merge": {"kind": ticket.kind, "priority": ticket.priority},
    }
    offered.update({name: facts for name, facts in known.items() if name in offered})
    return offered


@router.get(
    "/tickets/{ticket_id}/verdicts",
    response={200: list[VerdictOut], **problems(404)},
    operation_id="listTicketVerdicts",
)
def ticket_verdicts(request: HttpRequest, ticket_id: PathId) -> list[dict[str, Any]]:
    """Every guarded decision on the ticket as its page shows it before the click: whether the
    caller may take it alone, why, and who could decide instead."""
    actor = actor_of(request)
    ticket = get_ticket_for(actor, ticket_id)
    with cache.pinned():
        verdicts = verdicts_for(actor, ticket, page_facts(ticket)).values()
        share_candidates(verdicts)
        return [verdict_out(actor, verdict) for verdict in verdicts]


def _json_object(text: str) -> dict[str, Any]:
    if not text.strip():
        return {}
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        raise InvalidInput(_("Send the facts as a JSON object."), field="facts") from None
    if not isinstance(value, dict):
        raise InvalidInput(_("Send the facts as a JSON object."), field="facts")
    return value


def _by_status(status: str) -> dict[str, Any]:
    if status == "open":
        return {"status__in": OPEN_STATUSES}
    if status == "any":
        return {}
    if status not in Status.values:
        raise InvalidInput(_("Unknown status."), field="status")
    return {"status": status}


@router.get(
    "/decisions/{name}/decidable",
    response={200: DecidablePage, **problems(404)},
    operation_id="listDecidableTickets",
)
def decidable(
    request: HttpRequest,
    query: Query[DecidableQuery],
    page: Query[PageQuery],
    name: str = DecisionName,
) -> dict[str, Any]:
    """The tickets the caller may see and may take this decision on alone, newest first: one
    query per page, filtered by the caller's grants in the database."""
    reject_unknown_params(request, {*DecidableQuery.model_fields, *PAGE_PARAMS})
    actor = actor_of(request)
    decision = decision_named(name)
    if decision.subject_model() is not Ticket:
        raise InvalidInput(_("Only decisions on tickets can be listed."), field="name")
    given = checked_facts(decision, _json_object(query.facts))
    tickets = visible_tickets(actor).filter(**_by_status(query.status)).only(*DECIDABLE_FIELDS)
    return page_of(decidable_queryset(actor, decision.name, tickets, given), ["-id"], page)
