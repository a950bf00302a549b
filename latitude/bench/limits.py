"""Limits of this machine measured in the same run, so ratios do not depend on old figures.

- SQLite: single-row INSERT transactions per second into a ticket-like table with two indexes,
  with the pragmas Latitude uses (WAL, synchronous=NORMAL) and BEGIN IMMEDIATE.
- PostgreSQL: pgbench's TPC-B-like transactions per second on the same server.
"""

import re
import shutil
import sqlite3
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import psycopg

from latitude.settings.database import SQLITE_INIT

SQLITE_ROWS = 3000
PGBENCH_SCALE = 10
TPS = re.compile(r"tps = ([\d.]+) \(without initial connection time\)")


def _sqlite_run(path: Path, rows: int) -> float:
    db = sqlite3.connect(path, isolation_level=None)
    for pragma in SQLITE_INIT.split(";"):
        if pragma.strip():
            db.execute(pragma)
    db.execute(
        "CREATE TABLE IF NOT EXISTS ticket (id INTEGER PRIMARY KEY AUTOINCREMENT, subject TEXT, "
        "status TEXT, team_id INTEGER, priority INTEGER, body TEXT, updated_at TEXT)"
    )
    db.execute("CREATE INDEX IF NOT EXISTS ticket_team ON ticket (team_id, updated_at)")
    db.execute("CREATE INDEX IF NOT EXISTS ticket_status ON ticket (status, updated_at)")
    started = time.perf_counter()
    for index in range(rows):
        db.execute("BEGIN IMMEDIATE")
        db.execute(
            "INSERT INTO ticket (subject, status, team_id, priority, body, updated_at) "
            "VALUES (?, 'new', ?, ?, ?, datetime('now'))",
            ("printer on floor 3 is offline again", index % 70, index % 4 + 1, "lorem ipsum " * 20),
        )
        db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    db.close()
    return rows / elapsed


def sqlite_insert_rate(rows: int = SQLITE_ROWS, runs: int = 3) -> float:
    """Median single-row transactions per second over `runs` runs, in a scratch file."""
    with tempfile.TemporaryDirectory(prefix="latitude-bench-") as scratch:
        return statistics.median(
            _sqlite_run(Path(scratch) / "limit.sqlite3", rows) for _ in range(runs)
        )


def _pg_args(url: str) -> list[str]:
    parts = urlparse(url)
    args = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)]
    return [*args, "-U", parts.username] if parts.username else args


def _admin_url(url: str, database: str) -> str:
    return urlparse(url)._replace(path=f"/{database}").geturl()


def recreate_pg_database(url: str, database: str) -> None:
    with psycopg.connect(_admin_url(url, "postgres"), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{database}"')


def postgres_answers(url: str) -> bool:
    try:
        with psycopg.connect(_admin_url(url, "postgres"), connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def pgbench_tps(url: str, *, seconds: int, clients: int = 4) -> tuple[float | None, str]:
    """TPC-B-like TPS on the server of `url`, in a scratch database; (None, why) if impossible."""
    binary = shutil.which("pgbench")
    if binary is None:
        return (
            None,
            "pgbench is not installed (apt-get install postgresql-client / postgresql-contrib)",
        )
    database = f"{urlparse(url).path.strip('/') or 'latitude'}_pgbench"
    recreate_pg_database(url, database)
    common = _pg_args(url)
    subprocess.run(
        [binary, *common, "-i", "-q", "-s", str(PGBENCH_SCALE), database],
        check=True,
        capture_output=True,
    )
    run = subprocess.run(
        [binary, *common, "-c", str(clients), "-j", "2", "-T", str(seconds), database],
        check=True,
        capture_output=True,
        text=True,
    )
    found = TPS.search(run.stdout)
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
    detail = f"{version}, TPC-B-like, scale {PGBENCH_SCALE}, {clients} clients, {seconds} s"
    return (float(found.group(1)) if found else None), detail
