"""Synthetic tickets with SLA trails for the recompute and sweep benchmarks (bulk-written).

Each ticket gets the entries ticket actions would write: opened, terms set, taken, often a
wait on the requester and back, a first reply, and for most a resolution; a few are reopened.
"""

import random
from datetime import UTC, datetime, time, timedelta
from typing import Any

from latitude.core.models import AuditEntry
from latitude.people.models import Team, User
from latitude.sla.models import BusinessCalendar, CalendarAssignment, SlaPolicy, WorkingPeriod
from latitude.sla.policies import Resolver, TicketFacts
from latitude.tickets.models import Ticket

ORIGIN = datetime(2025, 1, 6, 7, tzinfo=UTC)
BATCH = 2000


def setting_up() -> tuple[User, Team]:
    found = User.objects.filter(email="bench-agent@example.org").first()
    if found is not None:  # a second round of the sweep figures reuses the desk
        return found, Team.objects.get(slug="bench-desk")
    agent = User.objects.create(email="bench-agent@example.org", full_name="Agent", is_agent=True)
    team = Team.objects.create(name="Bench desk", slug="bench-desk")
    CalendarAssignment.objects.create(calendar=munich_calendar("Bench Munich"), team=team)
    SlaPolicy.objects.create(
        name="Bench", position=1, response_minutes=120, resolution_minutes=960, ola_minutes=60
    )
    return agent, team


def munich_calendar(name: str, *, is_default: bool = False) -> BusinessCalendar:
    """Office hours 8-12 and 13-17 on weekdays with Bavaria's public holidays."""
    munich = BusinessCalendar.objects.create(
        name=name,
        time_zone="Europe/Berlin",
        holiday_country="DE",
        holiday_subdivision="BY",
        is_default=is_default,
    )
    for weekday in range(5):
        for start, end in ((8, 12), (13, 17)):
            WorkingPeriod.objects.create(
                calendar=munich, weekday=weekday, start=time(start), end=time(end)
            )
    return munich


def _entry(ticket: Ticket, at: datetime, verb: str, actor: User, **parts: Any) -> AuditEntry:
    return AuditEntry(
        occurred_at=at, actor=actor, actor_repr=str(actor), verb=verb,
        subject_type="tickets.ticket", subject_id=ticket.pk, subject_repr=ticket.number,
        changes=parts.get("changes", {}), context=parts.get("context", {}),
    )  # fmt: skip


def _trail(ticket: Ticket, agent: User, terms: dict[str, Any], rng: random.Random) -> list[Any]:
    """Opened, taken, maybe waiting on the requester and back, answered, maybe resolved."""
    steps: list[tuple[str, dict[str, Any]]] = [
        (
            "ticket.owner_changed",
            {"changes": {"owner": [None, agent.pk], "status": ["new", "in_progress"]}},
        ),
    ]
    if rng.random() < 0.4:
        steps += [
            _moved("in_progress", "waiting_requester"),
            _moved("waiting_requester", "in_progress"),
        ]
    steps.append(("ticket.commented", {"context": {"internal": False}}))
    if ticket.status == "resolved":
        steps.append(_moved("in_progress", "resolved"))
    at = ticket.created_at
    entries = [
        _entry(ticket, at, "ticket.opened", agent, context={"kind": "incident"}),
        _entry(ticket, at, "sla.terms_set", agent, context=terms),
    ]
    for verb, parts in steps:
        at += timedelta(minutes=rng.randrange(5, 600))
        entries.append(_entry(ticket, at, verb, agent, **parts))
    return entries


def _moved(before: str, after: str) -> tuple[str, dict[str, Any]]:
    return "ticket.status_changed", {"changes": {"status": [before, after]}}


def make_tickets(count: int, *, seed: int = 4, closed_share: float = 0.8) -> int:
    agent, team = setting_up()
    rng = random.Random(seed)
    resolver = Resolver()
    facts = TicketFacts("incident", 4, None, team.pk, None)
    terms = resolver.terms(facts).as_context()
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        tickets = [
            Ticket(
                number=f"INC-B{made + index:07d}",
                kind="incident",
                subject="Benchmark",
                requester=agent,
                team=team,
                owner=agent,
                priority=4,
                status="resolved" if rng.random() < closed_share else "in_progress",
                created_at=ORIGIN + timedelta(minutes=rng.randrange(0, 60 * 24 * 365)),
            )
            for index in range(size)
        ]
        Ticket.objects.bulk_create(tickets)
        AuditEntry.objects.bulk_create(
            [entry for ticket in tickets for entry in _trail(ticket, agent, terms, rng)],
            batch_size=BATCH,
        )
        made += size
    return made
