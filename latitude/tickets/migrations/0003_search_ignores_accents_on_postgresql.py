"""PostgreSQL search ignores accents, as SQLite's FTS5 (remove_diacritics) already does.

unaccent() is only STABLE, so an IMMUTABLE wrapper with a fixed dictionary is needed to use it
in an index expression.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """CREATE OR REPLACE FUNCTION latitude_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$""",
    "DROP INDEX IF EXISTS ticket_fulltext",
    """CREATE INDEX ticket_fulltext ON tickets_ticket USING gin (to_tsvector('simple',
        latitude_unaccent(coalesce(subject, '') || ' ' || coalesce(description, ''))))""",
]
BACKWARD = [
    "DROP INDEX IF EXISTS ticket_fulltext",
    """CREATE INDEX ticket_fulltext ON tickets_ticket USING gin (
        to_tsvector('simple', coalesce(subject, '') || ' ' || coalesce(description, '')))""",
    "DROP FUNCTION IF EXISTS latitude_unaccent(text)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("tickets", "0002_search_and_priority_matrix")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
