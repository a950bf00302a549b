"""Loading millions of rows into PostgreSQL: build secondary indexes once at the end.

Maintaining a dozen B-tree indexes and a GIN full-text index row by row costs several times
more than building them afterwards; referential-integrity triggers cost one lookup per foreign
key per row. For an empty benchmark database we drop the indexes that back no constraint,
skip the triggers when we are allowed to (superuser: `session_replication_role = replica`;
the planner only refers to rows it created), and recreate the indexes after the load.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, models

SECONDARY_INDEXES = """
    SELECT i.indexname, i.indexdef FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
"""


def _is_superuser() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


@contextmanager
def indexes_built_afterwards(tables: list[type[models.Model]]) -> Iterator[None]:
    if connection.vendor != "postgresql":
        yield
        return
    names = [model._meta.db_table for model in tables]
    with connection.cursor() as cursor:
        cursor.execute(SECONDARY_INDEXES, [names])
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        replica = _is_superuser()
        if replica:
            cursor.execute("SET session_replication_role = replica")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if replica:
                cursor.execute("SET session_replication_role = DEFAULT")
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for _name, definition in indexes:
                cursor.execute(definition)
