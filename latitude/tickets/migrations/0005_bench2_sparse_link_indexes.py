"""Partial indexes for the ticket links that are almost always empty (parent, duplicate of,
approval decided by), replacing the plain foreign-key indexes.

The fields change in the migration state only: altering a foreign key on SQLite rebuilds the
table, which would drop the full-text triggers of migration 0002. The plain indexes are dropped
by name as the database reports them.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

COLUMNS = ("parent_id", "merged_into_id", "approval_decided_by_id")


def _plain_indexes(schema_editor, model, column: str) -> list[str]:
    names = schema_editor._constraint_names(model, [column], index=True)
    return [name for name in names if not name.startswith("ticket_")]


def drop_plain_indexes(apps, schema_editor) -> None:
    ticket = apps.get_model("tickets", "Ticket")
    for column in COLUMNS:
        for name in _plain_indexes(schema_editor, ticket, column):
            schema_editor.execute(schema_editor._delete_index_sql(ticket, name))


def create_plain_indexes(apps, schema_editor) -> None:
    ticket = apps.get_model("tickets", "Ticket")
    for column in COLUMNS:
        field = ticket._meta.get_field(column.removesuffix("_id"))
        schema_editor.execute(schema_editor._create_index_sql(ticket, fields=[field]))


def _link(to: str, on_delete, **extra) -> models.ForeignKey:
    return models.ForeignKey(
        blank=True, null=True, db_index=False, on_delete=on_delete, to=to, **extra
    )


class Migration(migrations.Migration):
    dependencies = [
        ("tickets", "0004_request_approval_cost_and_goodwill"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="ticket",
                    name="approval_decided_by",
                    field=_link(
                        settings.AUTH_USER_MODEL,
                        django.db.models.deletion.SET_NULL,
                        related_name="+",
                    ),
                ),
                migrations.AlterField(
                    model_name="ticket",
                    name="merged_into",
                    field=_link(
                        "tickets.ticket",
                        django.db.models.deletion.PROTECT,
                        related_name="duplicates",
                        verbose_name="duplicate of",
                    ),
                ),
                migrations.AlterField(
                    model_name="ticket",
                    name="parent",
                    field=_link(
                        "tickets.ticket",
                        django.db.models.deletion.PROTECT,
                        related_name="children",
                        verbose_name="parent ticket",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop_plain_indexes, create_plain_indexes)],
        ),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(
                condition=models.Q(("parent__isnull", False)),
                fields=["parent"],
                name="ticket_parent",
            ),
        ),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(
                condition=models.Q(("merged_into__isnull", False)),
                fields=["merged_into"],
                name="ticket_merged_into",
            ),
        ),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(
                condition=models.Q(("approval_decided_by__isnull", False)),
                fields=["approval_decided_by"],
                name="ticket_approval_decided_by",
            ),
        ),
    ]
