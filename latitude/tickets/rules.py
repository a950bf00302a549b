"""Ticket rules that need the database but no actor: priority matrix, numbering, routing."""

from django.db import connection

from latitude.catalog.models import Service
from latitude.people.models import Team
from latitude.tickets.choices import NUMBER_PREFIX, Impact, Kind, Priority, Urgency
from latitude.tickets.models import PriorityRule, TicketSequence

DEFAULT_MATRIX: dict[tuple[int, int], int] = {
    (Impact.HIGH, Urgency.HIGH): Priority.P1,
    (Impact.HIGH, Urgency.MEDIUM): Priority.P2,
    (Impact.MEDIUM, Urgency.HIGH): Priority.P2,
    (Impact.HIGH, Urgency.LOW): Priority.P3,
    (Impact.MEDIUM, Urgency.MEDIUM): Priority.P3,
    (Impact.LOW, Urgency.HIGH): Priority.P3,
    (Impact.MEDIUM, Urgency.LOW): Priority.P4,
    (Impact.LOW, Urgency.MEDIUM): Priority.P4,
    (Impact.LOW, Urgency.LOW): Priority.P4,
}


def priority_for(impact: int, urgency: int) -> int:
    """The configured matrix cell, falling back to the ITIL default for a missing cell."""
    configured = (
        PriorityRule.objects.filter(impact=impact, urgency=urgency)
        .values_list("priority", flat=True)
        .first()
    )
    return int(configured if configured is not None else DEFAULT_MATRIX[(impact, urgency)])


def next_number(kind: str) -> str:
    """The next readable number for `kind`.

    One upsert that returns the new value (SQLite >= 3.35 and PostgreSQL both speak it): it
    takes the row lock until the surrounding transaction ends, so concurrent creators queue and
    no number is handed out twice; as one statement it replaces five round trips (a savepoint,
    get_or_create, the update and the read back).
    """
    table = connection.ops.quote_name(TicketSequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (kind, last) VALUES (%s, 1) "
            f"ON CONFLICT (kind) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [kind],
        )
        (last,) = cursor.fetchone()
    return f"{NUMBER_PREFIX[Kind(kind)]}-{last:06d}"


def team_for(service: Service | None) -> Team | None:
    """Route to the service's owner team, else to the triage team."""
    if service is not None and service.owner_team.is_active:
        return service.owner_team
    return Team.objects.filter(is_triage=True, is_active=True).order_by("id").first()
