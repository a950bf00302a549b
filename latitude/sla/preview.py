"""Due times a ticket would get ("a P2 incident opened Friday 16:30 in Munich is due ...")."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from latitude.core.errors import InvalidInput
from latitude.sla.choices import ClockKind
from latitude.sla.compiled import get_calendar
from latitude.sla.models import BusinessCalendar, SlaPolicy
from latitude.sla.policies import CalendarChoice, Resolver, TicketFacts
from latitude.tickets.choices import Kind, Priority


@dataclass(frozen=True)
class PreviewDue:
    kind: str
    target_minutes: int
    due_at: datetime


@dataclass(frozen=True)
class Preview:
    policy: SlaPolicy | None
    calendar: BusinessCalendar | None
    calendar_source: str
    opened_at: datetime
    starts_at: datetime  # the first working instant at or after the opening
    dues: list[PreviewDue]


def preview_due_times(
    *,
    kind: str,
    priority: int,
    opened_at: datetime,
    service_id: int | None = None,
    team_id: int | None = None,
    unit_id: int | None = None,
    calendar_id: int | None = None,
) -> Preview:
    """Response and resolution due times; an OLA would count from a hand-off, shown from the
    opening. `calendar_id` overrides the calendar the ticket would get."""
    if kind not in Kind.values:
        raise InvalidInput(_("Choose incident or service request."), field="kind")
    if priority not in Priority.values:
        raise InvalidInput(_("Priority is 1 (P1) to 4 (P4)."), field="priority")
    if opened_at.tzinfo is None:
        raise InvalidInput(_("Give the opening with its time zone."), field="opened_at")
    resolver = Resolver()
    facts = TicketFacts(kind, priority, service_id, team_id, unit_id)
    choice = (
        CalendarChoice(get_calendar(calendar_id), "chosen")
        if calendar_id is not None
        else resolver.calendar_choice(service_id, team_id, unit_id)
    )
    policy = resolver.policy(facts)
    engine = resolver.engine(choice.calendar.pk if choice.calendar else None)
    dues = []
    for clock in ClockKind.values:
        minutes = policy.target_minutes(clock) if policy else None
        if minutes is not None:
            dues.append(PreviewDue(clock, minutes, engine.add_business_minutes(opened_at, minutes)))
    start = engine.next_working_instant(opened_at)
    return Preview(policy, choice.calendar, choice.source, opened_at, start, dues)
