"""`latitude bench`: per backend and size, a fresh database, bench-data, then a measuring child.

Every step runs in its own process with the benchmark database in its environment, so this
process never opens the project's own database and the measuring process's peak memory is
that of a worker serving requests, not of the data loader.
"""

import importlib.metadata
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import psycopg
from django.conf import settings

from latitude.bench import limits
from latitude.bench.http.load import LoadSettings
from latitude.bench.http.measure import measure_creation
from latitude.bench.machine import describe_machine
from latitude.bench.peer.equivalents import compare
from latitude.bench.peer.run import run_peer

DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/latitude_bench"
WRITE_LIMIT = "write transactions"
PEER_SIZE = 20_769  # the ServiceNow log's incidents, which the peer is loaded with
SQLITE_LIMIT_DETAIL = (
    "single-row INSERT transactions, WAL, synchronous=NORMAL, BEGIN IMMEDIATE, 2 indexes"
)


@dataclass
class Plan:
    mode: str
    sizes: list[int]
    backends: list[str]
    iterations: int
    seed: int = 1
    pgbench_seconds: int = 10
    postgres_url: str = field(
        default_factory=lambda: os.environ.get("LATITUDE_BENCH_POSTGRES_URL", DEFAULT_PG_URL)
    )
    sqlite_dir: Path = field(default_factory=lambda: Path(settings.VAR_DIR) / "bench-sqlite")
    http_seconds: int = 10
    peer: bool = True
    peer_size: int = PEER_SIZE
    peer_dir: Path = field(default_factory=lambda: Path(settings.VAR_DIR) / "bench-peer")


def _environment(plan: Plan, backend: str) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "latitude.settings"}
    env.pop("DATABASE_URL", None)
    if backend == "postgresql":
        env["DATABASE_URL"] = plan.postgres_url
    # Static and media files of the children live beside the SQLite file, never in var/.
    env["LATITUDE_VAR_DIR"] = str(plan.sqlite_dir)
    (plan.sqlite_dir / "static").mkdir(parents=True, exist_ok=True)
    return env


def _latitude(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "latitude.cli", *args], env=env, check=True)


def _fresh_database(plan: Plan, backend: str) -> None:
    if backend == "postgresql":
        limits.recreate_pg_database(plan.postgres_url, urlparse(plan.postgres_url).path.strip("/"))
        return
    plan.sqlite_dir.mkdir(parents=True, exist_ok=True)
    for leftover in plan.sqlite_dir.glob("latitude.sqlite3*"):
        leftover.unlink()


def _measure_limits(plan: Plan, backend: str, say: Callable[[str], None]) -> dict[str, Any]:
    if backend == "sqlite":
        say("Measuring SQLite's single-row insert rate ...")
        rate = limits.sqlite_insert_rate()
        return {
            WRITE_LIMIT: {
                "per_second": rate,
                "detail": SQLITE_LIMIT_DETAIL,
            }
        }
    say(f"Running pgbench for {plan.pgbench_seconds} s ...")
    tps, detail = limits.pgbench_tps(plan.postgres_url, seconds=plan.pgbench_seconds)
    return {WRITE_LIMIT: {"per_second": tps, "detail": detail}}


def _http_creation(
    plan: Plan, env: dict[str, str], backend_limits: dict[str, Any], say: Callable[[str], None]
) -> dict[str, Any]:
    say(f"   ticket creation over HTTP: gunicorn + wrk for {plan.http_seconds} s")
    limit = backend_limits.get(WRITE_LIMIT, {}).get("per_second")
    try:
        return measure_creation(env, limit=limit, load=LoadSettings(seconds=plan.http_seconds))
    except (OSError, RuntimeError, ValueError, subprocess.SubprocessError) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}


def _run_size(
    plan: Plan,
    backend: str,
    size: int,
    backend_limits: dict[str, Any],
    say: Callable[[str], None],
    *,
    http: bool = True,
) -> dict[str, Any]:
    env = _environment(plan, backend)
    say(f"== {backend}, {size:,} tickets: fresh database, migrate, bench-data")
    _fresh_database(plan, backend)
    _latitude(env, "migrate", "--no-input", "--verbosity", "0")
    started = time.perf_counter()
    _latitude(env, "bench-data", "--tickets", str(size), "--seed", str(plan.seed))
    load_seconds = time.perf_counter() - started
    rates = {
        name: limit["per_second"] for name, limit in backend_limits.items() if limit["per_second"]
    }
    with tempfile.NamedTemporaryFile(suffix=".json") as part_file:
        say(f"== {backend}, {size:,} tickets: measuring ({plan.iterations} iterations each)")
        _latitude(
            env,
            "bench",
            "--measure-size",
            str(size),
            "--iterations",
            str(plan.iterations),
            "--seed",
            str(plan.seed),
            "--limits",
            json.dumps(rates),
            "--part",
            part_file.name,
        )
        part = json.loads(Path(part_file.name).read_text())
    rows = sum(count for table, count in part["counts"].items() if table != "people")
    part["load"] = {"seconds": load_seconds, "rows": rows, "rows_per_second": rows / load_seconds}
    part["cpus"] = os.cpu_count()
    if http:
        part["http_create"] = _http_creation(plan, env, backend_limits, say)
    return {"backend": backend, **part}


def _peer_comparison(
    plan: Plan, report: dict[str, Any], say: Callable[[str], None]
) -> dict[str, Any]:
    """django-helpdesk and Latitude at the same ~20k tickets, both on SQLite."""
    ours = next(
        (r for r in report["runs"] if r["backend"] == "sqlite" and r["size"] == plan.peer_size),
        None,
    )
    if ours is None:
        sqlite_limits = report["limits"]["sqlite"]
        ours = _run_size(plan, "sqlite", plan.peer_size, sqlite_limits, say, http=False)
        ours["purpose"] = "peer comparison"
        report["runs"].append(ours)
    say(f"== django-helpdesk: own venv in {plan.peer_dir}, {plan.peer_size:,} incidents")
    peer = run_peer(plan.peer_dir, iterations=plan.iterations, budget_seconds=20.0)
    rows = [] if peer.get("skipped") else compare(peer, ours)
    return {"size": plan.peer_size, "backend": "sqlite", "result": peer, "comparison": rows}


def _postgres_version(url: str) -> str | None:
    try:
        with psycopg.connect(limits._admin_url(url, "postgres"), connect_timeout=3) as db:
            row = db.execute("SHOW server_version").fetchone()
    except psycopg.Error:
        return None
    return str(row[0]) if row else None


def run(plan: Plan, say: Callable[[str], None]) -> dict[str, Any]:
    machine = describe_machine()
    versions = {
        "Python": machine["python"],
        "Django": machine["django"],
        "SQLite": machine["sqlite"],
        "gunicorn": importlib.metadata.version("gunicorn"),
    }
    report: dict[str, Any] = {
        "mode": plan.mode,
        "machine": machine,
        "versions": versions,
        "sizes": plan.sizes,
        "limits": {},
        "runs": [],
        "notes": [],
    }
    for backend in plan.backends:
        if backend == "postgresql":
            if "bench" not in urlparse(plan.postgres_url).path:
                # The run drops and recreates this database; never one not meant for it.
                report["notes"].append(
                    "PostgreSQL skipped: its database name must contain 'bench'."
                )
                continue
            if not limits.postgres_answers(plan.postgres_url):
                report["notes"].append(
                    f"PostgreSQL skipped: no server answers at {plan.postgres_url}."
                )
                continue
            versions["PostgreSQL"] = _postgres_version(plan.postgres_url) or "unknown"
        report["limits"][backend] = _measure_limits(plan, backend, say)
        for size in plan.sizes:
            report["runs"].append(_run_size(plan, backend, size, report["limits"][backend], say))
    if plan.peer and "sqlite" in report["limits"]:
        report["peer"] = _peer_comparison(plan, report, say)
        peer_version = report["peer"]["result"].get("versions", {}).get("django-helpdesk")
        if peer_version:
            report["versions"]["django-helpdesk (peer)"] = peer_version
    report["load_average_after"] = describe_machine()["load_average"]
    return report
