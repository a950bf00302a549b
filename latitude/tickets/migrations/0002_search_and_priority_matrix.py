"""Full-text search indexes (FTS5 on SQLite, GIN on PostgreSQL) and the default priority matrix."""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE tickets_ticket_fts USING fts5(
        subject, description, content='tickets_ticket', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER tickets_ticket_fts_ai AFTER INSERT ON tickets_ticket BEGIN
        INSERT INTO tickets_ticket_fts(rowid, subject, description)
        VALUES (new.id, new.subject, new.description); END""",
    """CREATE TRIGGER tickets_ticket_fts_ad AFTER DELETE ON tickets_ticket BEGIN
        INSERT INTO tickets_ticket_fts(tickets_ticket_fts, rowid, subject, description)
        VALUES ('delete', old.id, old.subject, old.description); END""",
    """CREATE TRIGGER tickets_ticket_fts_au AFTER UPDATE OF subject, description ON tickets_ticket
        BEGIN
        INSERT INTO tickets_ticket_fts(tickets_ticket_fts, rowid, subject, description)
        VALUES ('delete', old.id, old.subject, old.description);
        INSERT INTO tickets_ticket_fts(rowid, subject, description)
        VALUES (new.id, new.subject, new.description); END""",
    "INSERT INTO tickets_ticket_fts(tickets_ticket_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS tickets_ticket_fts_au",
    "DROP TRIGGER IF EXISTS tickets_ticket_fts_ad",
    "DROP TRIGGER IF EXISTS tickets_ticket_fts_ai",
    "DROP TABLE IF EXISTS tickets_ticket_fts",
]
PG_FORWARD = [
    """CREATE INDEX IF NOT EXISTS ticket_fulltext ON tickets_ticket USING gin (
        to_tsvector('simple', coalesce(subject, '') || ' ' || coalesce(description, '')))""",
]
PG_BACKWARD = ["DROP INDEX IF EXISTS ticket_fulltext"]


def _run(statements: list[str]):
    def run(apps, schema_editor):
        for statement in statements:
            schema_editor.execute(statement)

    return run


def forward_search(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(SQLITE_FORWARD)(apps, schema_editor)
    elif vendor == "postgresql":
        _run(PG_FORWARD)(apps, schema_editor)


def backward_search(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(SQLITE_BACKWARD)(apps, schema_editor)
    elif vendor == "postgresql":
        _run(PG_BACKWARD)(apps, schema_editor)


MATRIX = {
    (1, 1): 1,
    (1, 2): 2,
    (2, 1): 2,
    (1, 3): 3,
    (2, 2): 3,
    (3, 1): 3,
    (2, 3): 4,
    (3, 2): 4,
    (3, 3): 4,
}


def seed_matrix(apps, schema_editor):
    rule = apps.get_model("tickets", "PriorityRule")
    for (impact, urgency), priority in MATRIX.items():
        rule.objects.get_or_create(impact=impact, urgency=urgency, defaults={"priority": priority})


class Migration(migrations.Migration):
    dependencies = [("tickets", "0001_initial")]

    operations = [
        migrations.RunPython(forward_search, backward_search),
        migrations.RunPython(seed_matrix, migrations.RunPython.noop),
    ]
