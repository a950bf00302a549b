"""Races between people acting on the same ticket at the same moment, on real connections.

These run with `transaction=True` so every thread has its own connection and its own
transaction; on SQLite, IMMEDIATE transactions queue writers, on PostgreSQL row locks do.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection

from latitude.core.errors import Conflict
from latitude.core.models import AuditEntry
from latitude.testing.concurrency import run_together, shared_database
from latitude.testing.factories import AgentFactory, TeamFactory, TicketFactory, member_of
from latitude.tickets import events
from latitude.tickets.actions import open_ticket, take_ticket
from latitude.tickets.models import Ticket

THREADS = 8

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _shared_database(tmp_path: Any) -> Iterator[None]:
    yield from shared_database(tmp_path)


def test_only_one_of_eight_agents_taking_a_ticket_at_once_gets_it() -> None:
    team = TeamFactory()
    agents = [member_of(team, AgentFactory()) for _ in range(THREADS)]
    ticket = TicketFactory(team=team)

    results = run_together(
        [lambda a=agent: take_ticket(actor=a, ticket_id=ticket.pk) for agent in agents]
    )

    winners = [result for result in results if isinstance(result, Ticket)]
    losers = [result for result in results if isinstance(result, Conflict)]
    assert len(winners) == 1, results
    assert len(losers) == THREADS - 1, results
    ticket.refresh_from_db()
    assert ticket.owner_id == winners[0].owner_id
    assert AuditEntry.objects.filter(verb=events.OWNER_CHANGED, subject_id=ticket.pk).count() == 1


def test_eight_tickets_opened_at_once_get_eight_distinct_numbers() -> None:
    agents = [AgentFactory() for _ in range(THREADS)]

    results = run_together(
        [
            lambda a=agent: open_ticket(actor=a, kind="incident", subject="Printer on fire")
            for agent in agents
        ]
    )

    assert all(isinstance(result, Ticket) for result in results), results
    numbers = {result.number for result in results}
    assert len(numbers) == THREADS
    assert numbers == {f"INC-{n:06d}" for n in range(1, THREADS + 1)}
    assert connection.vendor in ("sqlite", "postgresql")
