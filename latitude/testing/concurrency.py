"""Racing tests on real connections: a database file every thread can contend for, and calls
started at the same moment on their own connections."""

import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from django.db import connection, connections


def shared_database(tmp_path: Path) -> Iterator[None]:
    """Give every thread a real database to contend for (use as a generator fixture).

    pytest-django's SQLite test database lives in memory with a shared cache, where writers
    fail at once with "database table is locked" instead of queueing. For these tests only,
    copy it to a file (same schema, same WAL/IMMEDIATE options) and point every connection
    at that file; PostgreSQL needs nothing.
    """
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    connection.ensure_connection()
    path = tmp_path / "race.sqlite3"
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    settings_dict = connection.settings_dict
    memory_name, memory_connection = settings_dict["NAME"], connection.connection
    settings_dict["NAME"] = str(path)
    connection.connection = None
    try:
        yield
    finally:
        connection.close()
        settings_dict["NAME"] = memory_name
        connection.connection = memory_connection


def run_together(calls: list[Callable[[], Any]]) -> list[Any]:
    """Start every call at the same moment, each on its own connection; return results or errors."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> Any:
        barrier.wait()
        try:
            return call()
        except Exception as exc:  # the outcome under test, compared by the caller
            return exc
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))
