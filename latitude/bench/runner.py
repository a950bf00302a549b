"""The measuring child process: one backend, one data size, a fresh interpreter."""

import json
from pathlib import Path
from typing import Any

from latitude.bench import benchmarks  # noqa: F401 - registers the benchmarks
from latitude.bench.context import build_context
from latitude.bench.machine import peak_rss_mib
from latitude.bench.peer import equivalents  # noqa: F401 - registers the peer equivalents
from latitude.bench.registry import run_all
from latitude.core.models import AuditEntry
from latitude.people.models import User
from latitude.scopes.models import DecisionRecord
from latitude.sla.models import SlaClock
from latitude.tickets.models import Comment, Ticket, TicketWatcher

# Per benchmark: a page that has become slow at this size is timed fewer times, not skipped.
BUDGET_SECONDS = 20.0


def table_counts() -> dict[str, int]:
    return {
        "tickets": Ticket.objects.count(),
        "comments": Comment.objects.count(),
        "audit entries": AuditEntry.objects.count(),
        "watchers": TicketWatcher.objects.count(),
        "decision records": DecisionRecord.objects.count(),
        "SLA clocks": SlaClock.objects.count(),
        "people": User.objects.count(),
    }


def measure_size(
    size: int,
    *,
    iterations: int,
    limits: dict[str, float],
    seed: int = 1,
    budget_seconds: float = BUDGET_SECONDS,
) -> dict[str, Any]:
    counts = table_counts()
    ctx = build_context(size, seed)
    timed = run_all(ctx, iterations=iterations, limits=limits, budget_seconds=budget_seconds)
    measurements = [measurement.as_dict() for measurement in timed]
    return {
        "size": size,
        "iterations": iterations,
        "counts": counts,
        "measurements": measurements,
        "peak_rss_mib": peak_rss_mib(),
    }


def write_part(path: Path, part: dict[str, Any]) -> None:
    path.write_text(json.dumps(part))
