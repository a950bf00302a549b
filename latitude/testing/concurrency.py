"""Helpers for tests where threads race on real database connections.

pytest-django's SQLite test database lives in memory with a shared cache, where writers fail
at once with "database table is locked" instead of queueing as they do on a file. `file_database`
copies it to a file (same schema, same WAL/IMMEDIATE options) and points every connection at
that file for one test; on PostgreSQL it does nothing.
"""

import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import connection, connections


@contextmanager
def file_database(directory: Path) -> Iterator[None]:
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    connection.ensure_connection()
    path = directory / "race.sqlite3"
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
    """Start every call at the same moment, each on its own connection; results or errors."""
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


def shared_database(tmp_path: Path) -> Iterator[None]:
    """`file_database` for generator fixtures: `yield from shared_database(tmp_path)`."""
    with file_database(tmp_path):
        yield
