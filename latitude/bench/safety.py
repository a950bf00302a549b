"""Benchmarks wipe and fill their database, so they only ever run on one meant for them."""

from django.core.management.base import CommandError
from django.db import connection


def is_bench_database() -> bool:
    name = str(connection.settings_dict.get("NAME") or "")
    # Test databases (pytest) are throwaway too.
    return "bench" in name or name.startswith("test_") or "memory" in name


def require_bench_database() -> None:
    if not is_bench_database():
        raise CommandError(
            "Refusing to touch this database: benchmarks need their own. Run `latitude bench` "
            "(it prepares one), or set DATABASE_URL to a database whose name contains 'bench' "
            "(postgres://postgres@127.0.0.1:5432/latitude_bench) or LATITUDE_VAR_DIR to a "
            "directory whose path contains 'bench'."
        )
