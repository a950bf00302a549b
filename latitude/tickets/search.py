"""Full-text search over tickets: SQLite FTS5 and PostgreSQL full-text behind one function.

The SQLite index is an external-content FTS5 table kept in step by triggers; PostgreSQL uses an
expression GIN index. Both are created by migration 0002.
"""

import re

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

NUMBER = re.compile(r"^\s*(INC|REQ)-?(\d{1,12})\s*$", re.IGNORECASE)
WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12

PG_DOCUMENT = (
    "to_tsvector('simple', "
    "latitude_unaccent(coalesce(subject, '') || ' ' || coalesce(description, '')))"
)
PG_QUERY = "to_tsquery('simple', latitude_unaccent(%s))"


def _fts5_query(text: str) -> str:
    """Each word quoted (so operators in user text are inert), the last one as a prefix."""
    words = WORD.findall(text)[:MAX_TERMS]
    if not words:
        return ""
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _pg_query(text: str) -> str:
    words = WORD.findall(text)[:MAX_TERMS]
    if not words:
        return ""
    return " & ".join(
        f"{word}:*" if index == len(words) - 1 else word for index, word in enumerate(words)
    )


def matching_ticket_ids(text: str) -> Q:
    """A Q matching tickets whose number equals `text` or whose words contain all its words."""
    number = NUMBER.match(text)
    if number:
        return Q(number=f"{number.group(1).upper()}-{int(number.group(2)):06d}")
    if connection.vendor == "postgresql":
        query = _pg_query(text)
        if not query:
            return Q(pk__in=[])
        return Q(
            pk__in=RawSQL(
                f"SELECT id FROM tickets_ticket WHERE {PG_DOCUMENT} @@ {PG_QUERY}",
                [query],
            )
        )
    query = _fts5_query(text)
    if not query:
        return Q(pk__in=[])
    return Q(
        pk__in=RawSQL(
            "SELECT rowid FROM tickets_ticket_fts WHERE tickets_ticket_fts MATCH %s", [query]
        )
    )
