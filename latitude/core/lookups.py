"""`field__literal_in=(...)`: IN with the values written into the SQL, for fixed code values.

SQLite uses a partial index only when the query's condition matches the index's, and a partial
index's condition is written with literals; with bound parameters (`status IN (?, ?)`) SQLite
cannot tell that the index covers the query and reads the whole of a broader one instead (a
capped count of a team's open tickets took 45 ms at 100k instead of 0.05 ms).
"""

from typing import Any

from django.db.models import CharField, Lookup


@CharField.register_lookup
class LiteralIn(Lookup[Any]):
    lookup_name = "literal_in"

    def get_prep_lookup(self) -> Any:
        values = tuple(str(value) for value in self.rhs)
        if not values or not all(value.isidentifier() and value.isascii() for value in values):
            raise ValueError("literal_in takes code values (ASCII letters, digits, underscores).")
        return values

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, params = self.process_lhs(compiler, connection)
        written = ", ".join(f"'{value}'" for value in self.rhs)  # identifiers only: no quoting
        return f"{lhs} IN ({written})", tuple(params)
