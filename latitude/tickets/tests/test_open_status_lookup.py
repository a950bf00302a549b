import pytest
from django.db import connection

from latitude.testing.factories import AgentFactory, TeamFactory, TicketFactory, member_of
from latitude.tickets.choices import OPEN_STATUSES, Status
from latitude.tickets.models import Ticket
from latitude.tickets.selectors import TicketFilters, filtered_tickets

pytestmark = pytest.mark.django_db


def test_literal_in_writes_the_values_into_the_sql_and_matches_like_in() -> None:
    TicketFactory(), TicketFactory(status=Status.CLOSED)
    queryset = Ticket.objects.filter(status__literal_in=OPEN_STATUSES)
    sql, params = queryset.query.sql_with_params()
    assert "'in_progress'" in sql
    assert "in_progress" not in params
    assert list(queryset) == list(Ticket.objects.filter(status__in=OPEN_STATUSES))


def test_literal_in_refuses_anything_but_code_values() -> None:
    with pytest.raises(ValueError, match="code values"):
        list(Ticket.objects.filter(status__literal_in=["new', 'x"]))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's partial-index rule")
def test_sqlite_counts_a_team_queues_open_tickets_from_the_partial_index() -> None:
    agent = member_of(TeamFactory(), AgentFactory())
    filters = TicketFilters(queue="team", open_only=True)
    queryset = filtered_tickets(agent, filters).order_by().values("pk")  # as count_tickets
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)  # bound, as the page runs it
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "ticket_team_open_recent" in plan
