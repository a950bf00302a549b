"""Changing a ticket's descriptive fields and its priority."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from latitude.catalog.models import Category, Service
from latitude.core.decisions import check_decision, guarded
from latitude.core.errors import InvalidInput
from latitude.sla import hooks as sla_clocks
from latitude.tickets import events, rules
from latitude.tickets.actions.approval import require_approval_for_service
from latitude.tickets.actions.base import lock_workable, save_ticket, snapshot
from latitude.tickets.choices import Impact, Priority, Urgency
from latitude.tickets.models import Ticket

_UNSET: Any = object()


@transaction.atomic
def update_ticket(
    *,
    actor: Any,
    ticket_id: int,
    subject: str | None = None,
    description: str | None = None,
    service: Service | None = _UNSET,
    category: Category | None = _UNSET,
    expected_version: int | None = None,
) -> Ticket:
    """Correct the subject, description, service or category of a ticket."""
    ticket = lock_workable(actor, ticket_id, expected_version=expected_version)
    wanted: dict[str, Any] = {}
    if subject is not None:
        if not subject.strip() or len(subject) > 200:
            raise InvalidInput(_("A subject of 1 to 200 characters is required."), field="subject")
        wanted["subject"] = subject.strip()
    if description is not None:
        wanted["description"] = description
    if service is not _UNSET:
        if service is not None and not service.is_active:
            raise InvalidInput(_("This service is no longer offered."), field="service")
        wanted["service"] = service
    if category is not _UNSET:
        wanted["category"] = category
    before = snapshot(ticket, list(wanted))
    changes = {key: (before[key], value) for key, value in wanted.items() if before[key] != value}
    if not changes:
        return ticket
    for key, value in wanted.items():
        setattr(ticket, key, value)
    approval_fields = require_approval_for_service(ticket) if "service" in changes else []
    save_ticket(ticket, [*wanted, *approval_fields])
    events.ticket_changed(actor=actor, ticket=ticket, verb=events.UPDATED, changes=changes)
    if approval_fields:
        events.approval_required(actor=actor, ticket=ticket)
    if "service" in changes:
        sla_clocks.ticket_changed(actor=actor, ticket=ticket)
    return ticket


@guarded
def change_priority(
    *,
    actor: Any,
    ticket_id: int,
    impact: int | None = None,
    urgency: int | None = None,
    priority: int | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> Ticket:
    """Re-rate impact and urgency (priority follows the matrix) or set the priority directly.

    Raising a ticket to P1 declares a major incident; it is the guarded decision
    `ticket.set_priority`.
    """
    ticket = lock_workable(actor, ticket_id, expected_version=expected_version)
    impact = ticket.impact if impact is None else impact
    urgency = ticket.urgency if urgency is None else urgency
    if impact not in Impact.values or urgency not in Urgency.values:
        raise InvalidInput(_("Impact and urgency are 1 (high) to 3 (low)."), field="impact")
    if priority is not None and priority not in Priority.values:
        raise InvalidInput(_("Priority is 1 (P1) to 4 (P4)."), field="priority")
    target = priority if priority is not None else rules.priority_for(impact, urgency)
    before = snapshot(ticket, ["impact", "urgency", "priority"])
    if before == {"impact": impact, "urgency": urgency, "priority": target}:
        return ticket
    if target != ticket.priority:
        facts = _priority_facts(ticket, target)
        check_decision(actor, "ticket.set_priority", ticket, facts, rationale=reason)
    ticket.impact, ticket.urgency, ticket.priority = impact, urgency, target
    save_ticket(ticket, ["impact", "urgency", "priority"])
    changes = {k: (v, getattr(ticket, k)) for k, v in before.items() if v != getattr(ticket, k)}
    events.ticket_changed(
        actor=actor,
        ticket=ticket,
        verb=events.PRIORITY_CHANGED,
        changes=changes,
        context={"reason": reason} if reason else None,
    )
    sla_clocks.ticket_changed(actor=actor, ticket=ticket)
    return ticket


def _priority_facts(ticket: Ticket, target: int) -> dict[str, Any]:
    criticality = ticket.service.criticality if ticket.service_id else None  # type: ignore[union-attr]
    return {
        "from": ticket.priority,
        "to": target,
        "kind": ticket.kind,
        "service_criticality": criticality,
    }
