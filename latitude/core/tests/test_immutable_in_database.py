"""On PostgreSQL even raw SQL cannot rewrite the audit trail or a decision record."""

import pytest
from django.db import DatabaseError, connection, transaction

from latitude.core import audit
from latitude.core.models import AuditEntry
from latitude.testing.factories import AgentFactory, TicketFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
    ),
]


def an_entry() -> AuditEntry:
    with transaction.atomic():
        return audit.record(
            actor=AgentFactory(), verb="ticket.updated", subject=TicketFactory(), changes={}
        )


def raw(sql: str, *params: object) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_raw_updates_and_deletes_are_refused():
    entry = an_entry()
    with pytest.raises(DatabaseError, match="immutable"):
        raw("UPDATE core_auditentry SET verb = 'forged' WHERE id = %s", entry.pk)
    with pytest.raises(DatabaseError, match="immutable"):
        raw("DELETE FROM core_auditentry WHERE id = %s", entry.pk)
    entry.refresh_from_db()
    assert entry.verb == "ticket.updated"


def test_deleting_a_person_clears_the_actor_but_keeps_the_entry():
    entry = an_entry()
    with pytest.raises(DatabaseError, match="immutable"):
        raw("UPDATE core_auditentry SET actor_id = %s WHERE id = %s", AgentFactory().pk, entry.pk)

    entry.actor.delete()

    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.verb == "ticket.updated"
