"""Fast bulk writes of planned rows: COPY on PostgreSQL, executemany in one transaction on SQLite.

Columns a model gains later (SLA clocks, decision records ...) and that the planner does not
fill get their model default, computed once per table, so the loader keeps working as models grow.
"""

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import connection, models
from django.db.models.fields import NOT_PROVIDED


def _default_for(field: models.Field) -> Any:
    if field.has_default():
        value = field.get_default()
        if isinstance(field, models.JSONField):
            return json.dumps(value)
        return value.pk if isinstance(value, models.Model) else value
    if field.db_default is not NOT_PROVIDED or field.null:
        return None
    if field.get_internal_type() in ("CharField", "TextField", "SlugField", "EmailField"):
        return ""
    raise ValueError(
        f"{field.model.__name__}.{field.name} needs a value from the benchmark planner"
    )


class TableWriter:
    """Writes tuples for `columns` of `model`, adding every other column with its default."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        self.model = model
        fields = {field.attname: field for field in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no columns {sorted(unknown)}")
        self.extra = [
            field for name, field in fields.items() if name not in columns and not field.primary_key
        ]
        self.columns: list[str] = [
            str(field.get_attname_column()[1])
            for field in [*(fields[name] for name in columns), *self.extra]
        ]
        self.datetime_positions = [
            index
            for index, name in enumerate([*columns, *(f.attname for f in self.extra)])
            if isinstance(fields[name], models.DateTimeField)
        ]

    def _tail(self) -> tuple:
        return tuple(_default_for(field) for field in self.extra)

    def write(self, rows: list[tuple]) -> None:
        if not rows:
            return
        tail = self._tail()
        if connection.vendor == "postgresql":
            self._copy(rows, tail)
        else:
            self._insert(rows, tail)

    def _copy(self, rows: list[tuple], tail: tuple) -> None:
        # Naive datetimes are UTC; Django's PostgreSQL sessions run in UTC.
        table = connection.ops.quote_name(self.model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(column) for column in self.columns)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row + tail)

    def _insert(self, rows: list[tuple], tail: tuple) -> None:
        positions = self.datetime_positions
        table = connection.ops.quote_name(self.model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(column) for column in self.columns)
        marks = ", ".join(["%s"] * len(self.columns))
        prepared = [_sqlite_row(row + tail, positions) for row in rows]
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", prepared)


def _sqlite_row(row: tuple, datetime_positions: list[int]) -> list[Any]:
    """Django stores SQLite datetimes as naive UTC text."""
    values = list(row)
    for index in datetime_positions:
        value = values[index]
        if isinstance(value, datetime):
            values[index] = value.replace(tzinfo=None).isoformat(" ")
    return values
