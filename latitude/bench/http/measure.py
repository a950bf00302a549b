"""Ticket creation over real HTTP: gunicorn on the bench database, wrk in another process."""

import json
import subprocess
import sys
import urllib.request
from collections.abc import Callable
from typing import Any

from latitude.bench.http.load import LoadGeneratorMissingError, LoadSettings, ensure_wrk, run_wrk
from latitude.bench.http.locks import LockSampler
from latitude.bench.http.server import THREADS, Server
from latitude.bench.org import BENCH_AGENT_EMAIL

WARMUP = LoadSettings(seconds=2)
PROBE = {"kind": "incident", "subject": "HTTP probe", "description": "before the load"}


def issue_token(env: dict[str, str]) -> str:
    """A personal API token for the bench agent, through the same command people use."""
    done = subprocess.run(
        [sys.executable, "-m", "latitude.cli", "token", "create", BENCH_AGENT_EMAIL],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def probe(url: str, token: str) -> int:
    """One POST before the load, so a refused request fails loudly instead of as wrk errors."""
    request = urllib.request.Request(
        f"{url}/api/v1/tickets",
        data=json.dumps(PROBE).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return int(answer.status)


def _ratio(result: dict[str, Any], limit: float | None) -> float | None:
    rate = result.get("per_second")
    return rate / limit if rate and limit else None


def measure_creation(
    env: dict[str, str],
    *,
    limit: float | None,
    load: LoadSettings,
    find_wrk: Callable[[], str] = ensure_wrk,
    token_for: Callable[[dict[str, str]], str] = issue_token,
    server_for: Callable[[dict[str, str]], Server] = Server,
    load_with: Callable[[str, str, str, LoadSettings], dict[str, Any]] = run_wrk,
    check: Callable[[str, str], int] = probe,
) -> dict[str, Any]:
    """Throughput, latency, errors and worker memory; `skipped` says why when it cannot run."""
    try:
        binary = find_wrk()
    except LoadGeneratorMissingError as exc:
        return {"skipped": str(exc)}
    token = token_for(env)
    with server_for(env) as server:
        status = check(server.url, token)
        if status != 201:
            return {"skipped": f"a probe POST /api/v1/tickets answered {status}, not 201"}
        # Every worker imports, connects and fills its caches before the timed run.
        load_with(binary, server.url, token, LoadSettings(WARMUP.seconds, load.connections))
        url = env.get("DATABASE_URL", "")
        if url.startswith(("postgres://", "postgresql://")):
            with LockSampler(url) as sampler:
                result = load_with(binary, server.url, token, load)
            result["postgres_backends"] = sampler.result()
        else:
            result = load_with(binary, server.url, token, load)
        # One connection against many: equal throughput means creations are serialised.
        single = LoadSettings(max(2, load.seconds // 2), connections=1, threads=1)
        result["one_connection"] = load_with(binary, server.url, token, single)
        result["worker_peak_rss_mib"] = server.worker_peak_rss_mib()
        result["server"] = f"gunicorn gthread, {server.workers} workers x {THREADS} threads"
    result["limit_per_second"] = limit
    result["ratio_to_limit"] = _ratio(result, limit)
    return result
