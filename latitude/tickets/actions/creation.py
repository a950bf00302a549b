"""Opening tickets."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from latitude.catalog.models import Category, Service
from latitude.core.errors import InvalidInput, NotPermitted
from latitude.people.models import Team, User
from latitude.sla import hooks as sla_clocks
from latitude.tickets import events, rules
from latitude.tickets.actions.approval import approval_on_open
from latitude.tickets.choices import Approval, Impact, Kind, Urgency
from latitude.tickets.models import Ticket, TicketWatcher


def _check_new_ticket(actor: Any, *, kind: str, subject: str, requester: User) -> None:
    if kind not in Kind.values:
        raise InvalidInput(_("Choose incident or service request."), field="kind")
    if not subject.strip():
        raise InvalidInput(_("A subject is required."), field="subject")
    if len(subject) > 200:
        raise InvalidInput(_("The subject is limited to 200 characters."), field="subject")
    if requester.pk != actor.pk and not (actor.is_agent or actor.is_admin):
        raise NotPermitted(_("Only agents may open tickets on behalf of someone else."))
    if not requester.is_active:
        raise InvalidInput(_("The requester's account is deactivated."), field="requester")


def _check_classification(kind: str, service: Service | None, category: Category | None) -> None:
    if service is not None and not service.is_active:
        raise InvalidInput(_("This service is no longer offered."), field="service")
    if kind == Kind.REQUEST and service is not None and not service.requestable:
        raise InvalidInput(_("This service cannot be requested."), field="service")
    if category is not None and (
        not category.is_active or category.applies_to not in ("any", kind)
    ):
        raise InvalidInput(_("This category does not apply here."), field="category")


@transaction.atomic
def open_ticket(
    *,
    actor: Any,
    kind: str,
    subject: str,
    description: str = "",
    requester: User | None = None,
    service: Service | None = None,
    category: Category | None = None,
    impact: int = Impact.LOW,
    urgency: int = Urgency.LOW,
    team: Team | None = None,
    cost_amount: Any = None,
    cost_currency: str = "",
) -> Ticket:
    """Open an incident or a service request; it routes to the service's team or to triage.
    A request for a service that needs approval waits for it (costed as given by an agent, or
    at the service's default)."""
    requester = requester or actor
    assert requester is not None
    _check_new_ticket(actor, kind=kind, subject=subject, requester=requester)
    _check_classification(kind, service, category)
    if impact not in Impact.values or urgency not in Urgency.values:
        raise InvalidInput(_("Impact and urgency are 1 (high) to 3 (low)."), field="impact")
    if team is not None and not (actor.is_agent or actor.is_admin):
        team = None
    if cost_amount is not None and not (actor.is_agent or actor.is_admin):
        raise NotPermitted(_("Only agents may state what a request costs."))
    approval, cost, currency = approval_on_open(kind, service, cost_amount, cost_currency)
    priority, team = rules.priority_for(impact, urgency), team or rules.team_for(service)
    ticket = Ticket.objects.create(
        # Taken last: the counter row stays locked until commit, so nothing that can be read
        # before it should run while other creators wait for it.
        number=rules.next_number(kind),
        kind=kind,
        subject=subject.strip(),
        description=description,
        requester=requester,
        service=service,
        category=category,
        impact=impact,
        urgency=urgency,
        priority=priority,
        team=team,
        approval=approval,
        cost_amount=cost,
        cost_currency=currency,
    )
    if requester.pk != getattr(actor, "pk", None) and getattr(actor, "pk", None):
        TicketWatcher.objects.get_or_create(ticket=ticket, user_id=actor.pk)
    events.ticket_changed(
        actor=actor,
        ticket=ticket,
        verb=events.OPENED,
        context={"kind": kind, "priority": ticket.priority, "team": ticket.team_id},
    )
    if approval == Approval.PENDING:
        events.approval_required(actor=actor, ticket=ticket)
    sla_clocks.ticket_changed(actor=actor, ticket=ticket)
    return ticket
