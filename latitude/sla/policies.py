"""Which terms a ticket's clocks run by: the one place that picks the calendar and the policy.

Calendar: the ticket's service's calendar, else its team's, else its requester's unit's (the
nearest unit up the hierarchy that has one), else the site default, else around the clock in UTC.
Policy: the first active policy, by position, whose kind, priorities, service and requester unit
(the unit or one above it) all match; a condition left empty matches anything.
"""

from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from latitude.sla.calendars import Calendar
from latitude.sla.choices import ClockKind
from latitude.sla.clocks.types import Terms
from latitude.sla.compiled import compiled_calendar, compiled_calendar_by_id
from latitude.sla.hours import WorkingInterval
from latitude.sla.models import BusinessCalendar, CalendarAssignment, SlaPolicy

CALENDAR_ORDER = ("service", "team", "unit", "default")
MAX_UNIT_DEPTH = 20


@dataclass(frozen=True)
class CalendarChoice:
    calendar: BusinessCalendar | None
    source: str  # one of CALENDAR_ORDER, or "none" (around the clock)


@dataclass(frozen=True)
class TicketFacts:
    """What policies and calendars are chosen by."""

    kind: str
    priority: int
    service_id: int | None
    team_id: int | None
    unit_id: int | None

    @classmethod
    def of(cls, ticket: Any) -> "TicketFacts":
        unit_id = getattr(ticket.requester, "unit_id", None)
        return cls(ticket.kind, ticket.priority, ticket.service_id, ticket.team_id, unit_id)


@cache
def around_the_clock() -> Calendar:
    return Calendar(weekly=dict.fromkeys(range(7), (WorkingInterval(0, 24 * 60),)), time_zone="UTC")


def engine_for(calendar_id: int | None) -> Calendar:
    """The compiled calendar for an id, or around the clock for None."""
    return around_the_clock() if calendar_id is None else compiled_calendar_by_id(calendar_id)


class Resolver:
    """Policies, assignments and units loaded once, so that choosing terms for many tickets
    costs no further query. Build one per action, or one per batch with `preload_calendars`."""

    def __init__(self, *, preload_calendars: bool = False) -> None:
        self.policies = list(SlaPolicy.objects.filter(is_active=True).order_by("position"))
        self.preload_calendars = preload_calendars
        self.engines: dict[int, Calendar] = {}

    # Loaded on first use, so that a desk without policies pays one query per action.

    @cached_property
    def by_target(self) -> dict[tuple[str, int], BusinessCalendar]:
        rows = CalendarAssignment.objects.filter(calendar__is_active=True)
        found: dict[tuple[str, int], BusinessCalendar] = {}
        for row in rows.select_related("calendar"):
            target = row.service_id or row.team_id or row.unit_id
            found[(row.target_kind, target)] = row.calendar  # type: ignore[index]
        return found

    @cached_property
    def parents(self) -> dict[int, int | None]:
        from latitude.people.models import OrgUnit

        return dict(OrgUnit.objects.values_list("pk", "parent_id"))

    @cached_property
    def preloaded(self) -> dict[int, BusinessCalendar]:
        if not self.preload_calendars:
            return {}
        calendars = BusinessCalendar.objects.prefetch_related("working_periods", "exceptions")
        return {calendar.pk: calendar for calendar in calendars}

    @cached_property
    def default(self) -> BusinessCalendar | None:
        if self.preload_calendars:
            found = self.preloaded.values()
            return next((c for c in found if c.is_default and c.is_active), None)
        return BusinessCalendar.objects.filter(is_active=True, is_default=True).first()

    def unit_chain(self, unit_id: int | None) -> list[int]:
        """The unit and the units above it, nearest first."""
        chain: list[int] = []
        while unit_id is not None and unit_id not in chain and len(chain) < MAX_UNIT_DEPTH:
            chain.append(unit_id)
            unit_id = self.parents.get(unit_id)
        return chain

    def calendar_choice(
        self, service_id: int | None, team_id: int | None, unit_id: int | None
    ) -> CalendarChoice:
        wanted = [("service", service_id), ("team", team_id)]
        wanted += [("unit", unit) for unit in self.unit_chain(unit_id)]
        for source, target in wanted:
            calendar = self.by_target.get((source, target)) if target else None
            if calendar is not None:
                return CalendarChoice(calendar, source)
        return CalendarChoice(self.default, "default" if self.default else "none")

    def policy(self, facts: TicketFacts) -> SlaPolicy | None:
        units = self.unit_chain(facts.unit_id)
        return next((p for p in self.policies if policy_matches(p, facts, units)), None)

    def terms(self, facts: TicketFacts) -> Terms:
        choice = self.calendar_choice(facts.service_id, facts.team_id, facts.unit_id)
        return terms_of(self.policy(facts), choice)

    def engine(self, calendar_id: int | None) -> Calendar:
        """The compiled calendar for an id; a calendar deleted since is measured around the
        clock, so the clocks that used it keep a history instead of failing."""
        if calendar_id is None:
            return around_the_clock()
        engine = self.engines.get(calendar_id)
        if engine is None:
            engine = self.engines[calendar_id] = self._compile(calendar_id)
        return engine

    def _compile(self, calendar_id: int) -> Calendar:
        from latitude.core.errors import NotFound

        if self.preloaded:
            calendar = self.preloaded.get(calendar_id)
            return compiled_calendar(calendar) if calendar else around_the_clock()
        try:
            return compiled_calendar_by_id(calendar_id)
        except NotFound:
            return around_the_clock()


def calendar_choice(
    *, service_id: int | None, team_id: int | None, unit_id: int | None
) -> CalendarChoice:
    """Which calendar a ticket with this service, team and requester unit uses, and why."""
    return Resolver().calendar_choice(service_id, team_id, unit_id)


def policy_matches(policy: SlaPolicy, facts: TicketFacts, units: list[int]) -> bool:
    return (
        (not policy.kind or policy.kind == facts.kind)
        and (not policy.priorities or facts.priority in policy.priorities)
        and (policy.service_id is None or policy.service_id == facts.service_id)
        and (policy.unit_id is None or policy.unit_id in units)
    )


def terms_for(facts: TicketFacts) -> Terms:
    """The terms a ticket with these facts gets now."""
    return Resolver().terms(facts)


def terms_of(policy: SlaPolicy | None, choice: CalendarChoice) -> Terms:
    calendar = choice.calendar
    where = {
        "calendar_id": calendar.pk if calendar else None,
        "calendar_name": calendar.name if calendar else "",
        "calendar_source": choice.source,
    }
    if policy is None:
        return Terms(None, 0, "", {}, (), **where)  # type: ignore[arg-type]
    targets = {
        str(kind): minutes
        for kind in ClockKind.values
        if (minutes := policy.target_minutes(kind)) is not None
    }
    return Terms(
        policy_id=policy.pk,
        policy_version=policy.version,
        policy_name=policy.name,
        targets=targets,
        pause_statuses=tuple(policy.pause_statuses),
        on_reopen=policy.on_reopen,
        warn_percent=policy.warn_percent,
        **where,  # type: ignore[arg-type]
    )
