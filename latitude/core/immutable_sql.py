"""Database-level immutability for append-only tables on PostgreSQL.

The ORM already refuses updates and deletes; the trigger also stops raw SQL and other clients.
Foreign keys to people may still be cleared (ON DELETE SET NULL when a person is deleted), and
TRUNCATE (used by maintenance and test flushes) is not a row change. SQLite has no equivalent
that leaves Django's flush working, so it relies on the ORM guard alone.
"""

from typing import Any

FUNCTION = """
CREATE OR REPLACE FUNCTION latitude_refuse_change() RETURNS trigger AS $$
DECLARE
    clearable text[] := TG_ARGV;
    col text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = '42501';
    END IF;
    IF (to_jsonb(NEW) - clearable) IS DISTINCT FROM (to_jsonb(OLD) - clearable) THEN
        RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = '42501';
    END IF;
    FOREACH col IN ARRAY clearable LOOP
        IF to_jsonb(NEW) -> col IS DISTINCT FROM to_jsonb(OLD) -> col
           AND to_jsonb(NEW) ->> col IS NOT NULL THEN
            RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = '42501';
        END IF;
    END LOOP;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""


def protect(table: str, clearable: tuple[str, ...] = ()) -> Any:
    """A RunPython pair installing (and removing) the trigger on `table` on PostgreSQL only."""
    arguments = ", ".join(f"'{column}'" for column in clearable)
    trigger = f"{table}_immutable"

    def forwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(FUNCTION, params=None)
        schema_editor.execute(
            f"CREATE TRIGGER {trigger} BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION latitude_refuse_change({arguments})"
        )

    def backwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")

    return forwards, backwards
