"""Reads of the SLA domain. This module is the interface the pages and the API build on.

Calendars (configuration, readable by every agent and admin):
    list_calendars(*, include_inactive=False) -> QuerySet[BusinessCalendar]
    get_calendar(calendar_id) -> BusinessCalendar                        NotFound
    compiled_calendar(calendar) -> calendars.Calendar                    (cached by revision)
    calendar_assignments(actor) -> QuerySet[CalendarAssignment]          NotFound for requesters
    calendar_choice(*, service_id, team_id, unit_id) -> CalendarChoice   (calendar, source)

Policies (agents and admins read; admins write through `latitude.sla.actions`):
    list_policies(actor) -> QuerySet[SlaPolicy]                          in matching order
    get_policy(actor, policy_id) -> SlaPolicy                            NotFound

A ticket's clocks:
    ticket_clocks(actor, ticket_id) -> list[SlaClock]                    stored rows; NotFound
    clock_details(actor, ticket_id, *, now=None) -> list[ClockDetail]    live, with timeline;
        anyone who sees the ticket (requesters without waiver/extension reasons); NotFound
    clocks_by_ticket(ticket_ids) -> dict[int, list[SlaClock]]            one query, for queues
    (queue badges: `latitude.sla.pages.badges.attach_badges`, one query per page)
    breaching_soon(actor, *, within=timedelta(hours=4), now=None) -> QuerySet[SlaClock]
        running clocks due before now + within (overdue ones first) on tickets the actor
        works on, sorted by due time, with ticket, ticket.owner, ticket.team, calendar selected
    timeline_text(item) -> str                                           a translated sentence

Preview ("a P2 incident opened Friday 16:30 in Munich is due ..."):
    preview(actor, *, kind, priority, opened_at, service_id=None, team_id=None, unit_id=None,
            calendar_id=None) -> Preview                                  NotFound for requesters

Reports (met and missed by team, service, priority or month; time paused):
    report(actor, *, group_by, start, end, kind=None) -> list[ReportRow]  NotFound for requesters

Clock states are `choices.ClockState`; `breached_at` is set once a target was exceeded (a
running clock can be breached: it is overdue). Remaining minutes of a running clock are
computed live by `badge`; the stored `remaining_minutes` is as of `computed_at`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from latitude.core.errors import NotFound
from latitude.sla.choices import ClockKind, ClockState
from latitude.sla.clocks.timeline import timeline_text
from latitude.sla.clocks.types import ClockResult, TimelineItem
from latitude.sla.compiled import (
    calendar_from_rows,
    compiled_calendar,
    compiled_calendar_by_id,
    get_calendar,
    list_calendars,
)
from latitude.sla.models import CalendarAssignment, SlaClock, SlaPolicy
from latitude.sla.policies import CalendarChoice, calendar_choice
from latitude.sla.preview import Preview, preview_due_times

__all__ = [
    "CalendarChoice",
    "ClockDetail",
    "Preview",
    "ReportRow",
    "breaching_soon",
    "calendar_assignments",
    "calendar_choice",
    "calendar_from_rows",
    "clock_details",
    "clocks_by_ticket",
    "compiled_calendar",
    "compiled_calendar_by_id",
    "get_calendar",
    "get_policy",
    "list_calendars",
    "list_policies",
    "preview",
    "report",
    "ticket_clocks",
    "timeline_text",
]

REPORT_GROUPS = {
    "team": "ticket__team__name",
    "service": "ticket__service__name",
    "priority": "ticket__priority",
    "month": "month",
}


@dataclass(frozen=True)
class ClockDetail:
    """A stored clock with its live computation and explainable timeline."""

    clock: SlaClock | None
    result: ClockResult

    @property
    def timeline(self) -> list[TimelineItem]:
        return self.result.timeline


@dataclass(frozen=True)
class ReportRow:
    group: Any
    met: int
    missed: int
    running: int
    breached: int
    paused_minutes: int


def _is_staff(actor: Any) -> bool:
    return bool(getattr(actor, "is_agent", False) or getattr(actor, "is_admin", False))


def _require_staff(actor: Any) -> None:
    if not _is_staff(actor):
        raise NotFound(_("Not found."))


def calendar_assignments(actor: Any) -> QuerySet[CalendarAssignment]:
    _require_staff(actor)
    return CalendarAssignment.objects.select_related("calendar", "service", "team", "unit")


def list_policies(actor: Any) -> QuerySet[SlaPolicy]:
    _require_staff(actor)
    return SlaPolicy.objects.select_related("service", "unit").order_by("position")


def get_policy(actor: Any, policy_id: int) -> SlaPolicy:
    policy = list_policies(actor).filter(pk=policy_id).first()
    if policy is None:
        raise NotFound(_("No such SLA policy."))
    return policy


def _visible_ticket(actor: Any, ticket_id: int) -> Any:
    from latitude.tickets.models import Ticket
    from latitude.tickets.visibility import works_on_filter

    _require_staff(actor)
    ticket = Ticket.objects.filter(works_on_filter(actor), pk=ticket_id).first()
    if ticket is None:
        raise NotFound(_("No such ticket."))
    return ticket


def ticket_clocks(actor: Any, ticket_id: int) -> list[SlaClock]:
    """The stored clocks of a ticket the actor works on, in the order response, resolution, OLA."""
    ticket = _visible_ticket(actor, ticket_id)
    return _ordered(SlaClock.objects.filter(ticket=ticket).select_related("calendar", "policy"))


def clock_details(actor: Any, ticket_id: int, *, now: datetime | None = None) -> list[ClockDetail]:
    """Each clock computed live from the ticket's trail, paired with its stored row.

    Anyone who sees the ticket sees its clocks (a requester too, on their own ticket); only
    agents and admins see the reasons given for waivers and extensions."""
    from latitude.tickets.models import Ticket
    from latitude.tickets.visibility import visibility_filter

    ticket = Ticket.objects.filter(visibility_filter(actor), pk=ticket_id).first()
    if ticket is None:
        raise NotFound(_("No such ticket."))
    return details_of_seen_ticket(actor, ticket, now=now)


def details_of_seen_ticket(
    actor: Any, ticket: Any, *, now: datetime | None = None
) -> list[ClockDetail]:
    """`clock_details` of a ticket the caller has already shown the actor may see."""
    from latitude.sla.clocks.store import compute_for_ticket

    stored = {clock.kind: clock for clock in SlaClock.objects.filter(ticket=ticket)}
    results = compute_for_ticket(ticket, now=now or timezone.now())
    if not _is_staff(actor):
        for result in results.values():
            result.timeline = [_without_reason(item) for item in result.timeline]
    return [ClockDetail(stored.get(kind), results[kind]) for kind in _kinds_in_order(results)]


def _without_reason(item: TimelineItem) -> TimelineItem:
    detail = {key: value for key, value in item.detail.items() if key != "reason"}
    return TimelineItem(item.at, item.what, item.minutes, detail)


def clocks_by_ticket(ticket_ids: Iterable[int]) -> dict[int, list[SlaClock]]:
    """Stored clocks of tickets the caller already selected (one query, no access check)."""
    found: dict[int, list[SlaClock]] = {}
    clocks = SlaClock.objects.filter(ticket_id__in=list(ticket_ids)).select_related("calendar")
    for clock in _ordered(clocks):
        found.setdefault(clock.ticket_id, []).append(clock)
    return found


def breaching_soon(
    actor: Any, *, within: timedelta = timedelta(hours=4), now: datetime | None = None
) -> QuerySet[SlaClock]:
    from latitude.tickets.models import Ticket
    from latitude.tickets.visibility import works_on_filter

    _require_staff(actor)
    horizon = (now or timezone.now()) + within
    tickets = Ticket.objects.filter(works_on_filter(actor)).values("pk")
    return (
        SlaClock.objects.filter(state=ClockState.RUNNING, due_at__lte=horizon)
        .filter(ticket__in=tickets)
        .select_related("ticket", "ticket__owner", "ticket__team", "calendar")
        .order_by("due_at", "pk")
    )


def preview(
    actor: Any,
    *,
    kind: str,
    priority: int,
    opened_at: datetime,
    service_id: int | None = None,
    team_id: int | None = None,
    unit_id: int | None = None,
    calendar_id: int | None = None,
) -> Preview:
    _require_staff(actor)
    return preview_due_times(
        kind=kind,
        priority=priority,
        opened_at=opened_at,
        service_id=service_id,
        team_id=team_id,
        unit_id=unit_id,
        calendar_id=calendar_id,
    )


def report(
    actor: Any, *, group_by: str, start: datetime, end: datetime, kind: str | None = None
) -> list[ReportRow]:
    """Clocks started in [start, end) grouped by team, service, priority or month."""
    _require_staff(actor)
    if group_by not in REPORT_GROUPS:
        from latitude.core.errors import InvalidInput

        raise InvalidInput(_("Group by team, service, priority or month."), field="group_by")
    clocks = SlaClock.objects.filter(started_at__gte=start, started_at__lt=end)
    if kind:
        clocks = clocks.filter(kind=kind)
    key = REPORT_GROUPS[group_by]
    rows = (
        clocks.annotate(month=TruncMonth("started_at"))
        .values(key)
        .annotate(
            met=Count("pk", filter=Q(state=ClockState.MET)),
            missed=Count("pk", filter=Q(state=ClockState.MISSED)),
            running=Count("pk", filter=Q(state__in=[ClockState.RUNNING, ClockState.PAUSED])),
            breached=Count("pk", filter=Q(breached_at__isnull=False)),
            paused=Sum("paused_minutes"),
        )
        .order_by(key)
    )
    return [
        ReportRow(
            row[key], row["met"], row["missed"], row["running"], row["breached"], row["paused"] or 0
        )
        for row in rows
    ]


KIND_ORDER = {kind: index for index, kind in enumerate(ClockKind.values)}


def _kinds_in_order(kinds: Iterable[str]) -> list[str]:
    return sorted(kinds, key=lambda kind: KIND_ORDER.get(kind, 99))


def _ordered(clocks: Iterable[SlaClock]) -> list[SlaClock]:
    return sorted(clocks, key=lambda clock: (clock.ticket_id, KIND_ORDER.get(clock.kind, 99)))
