"""Races between people acting on the same ticket at the same moment, on real connections.

These run with `transaction=True` so every thread has its own connection and its own
transaction; on SQLite, IMMEDIATE transactions queue writers, on PostgreSQL row locks do.
"""

import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connection, connections

from latitude.core.errors import Conflict
from latitude.core.models import AuditEntry
from latitude.testing.factories import AgentFactory, TeamFactory, TicketFactory, member_of
from latitude.tickets import events
from latitude.tickets.actions import open_ticket, take_ticket
from latitude.tickets.models import Ticket

THREADS = 8

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _shared_database(tmp_path: Any) -> Iterator[None]:
    """Give every thread a real database to contend for.

    pytest-django's SQLite test database lives in memory with a shared cache, where writers
    fail at once with "database table is locked" instead of queueing. For these tests only,
    copy it to a file (same schema, same WAL/IMMEDIATE options) and point every connection
    at that file; PostgreSQL needs nothing.
    """
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    connection.ensure_connection()
    path = tmp_path / "race.sqlite3"
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    settings_dict = connection.settings_dict
    memory_name, memory_connection = settings_dict["NAME"], connection.connection
    settings_dict["NAME"] = str(path)
    connection.connection = None
    try:
        yield
    finally:
        connection.close()
        settings_dict["NAME"] = memory_name
        connection.connection = memory_connection


def _run_together(calls: list[Callable[[], Any]]) -> list[Any]:
    """Start every call at the same moment, each on its own connection; return results or errors."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> Any:
        barrier.wait()
        try:
            return call()
        except Exception as exc:  # the outcome under test, compared by the caller
            return exc
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_only_one_of_eight_agents_taking_a_ticket_at_once_gets_it() -> None:
    team = TeamFactory()
    agents = [member_of(team, AgentFactory()) for _ in range(THREADS)]
    ticket = TicketFactory(team=team)

    results = _run_together(
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

    results = _run_together(
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
