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
# The words as one safe AND (plainto_tsquery parses any text), the last one also as a prefix.
# Unaccenting can turn a letter into punctuation ("⑲" -> "(19)"), so the prefix lexeme keeps
# only letters and digits after it and is quoted, and no user text reaches to_tsquery's syntax.
# A prefix with nothing left is NULL, which matches no ticket.
PG_ALL_WORDS = "plainto_tsquery('simple', latitude_unaccent(%s))"
PG_PREFIX = (
    "to_tsquery('simple', quote_literal(nullif("
    "regexp_replace(latitude_unaccent(%s), '[^[:alnum:]]', '', 'g'), '')) || ':*')"
)


def _fts5_query(text: str) -> str:
    """Each word quoted (so operators in user text are inert), the last one as a prefix."""
    words = WORD.findall(text)[:MAX_TERMS]
    if not words:
        return ""
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _pg_query(text: str) -> tuple[str, list[str]]:
    """The tsquery expression and its parameters; empty when `text` has no words."""
    words = WORD.findall(text)[:MAX_TERMS]
    if not words:
        return "", []
    *whole, last = words
    if not whole:
        return PG_PREFIX, [last]
    return f"({PG_ALL_WORDS} && {PG_PREFIX})", [" ".join(whole), last]


def matching_ticket_ids(text: str) -> Q:
    """A Q matching tickets whose number equals `text` or whose words contain all its words."""
    number = NUMBER.match(text)
    if number:
        return Q(number=f"{number.group(1).upper()}-{int(number.group(2)):06d}")
    if connection.vendor == "postgresql":
        expression, params = _pg_query(text)
        if not expression:
            return Q(pk__in=[])
        return Q(
            pk__in=RawSQL(
                f"SELECT id FROM tickets_ticket WHERE {PG_DOCUMENT} @@ {expression}", params
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
