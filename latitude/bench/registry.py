"""The benchmark registry: adding a measurement is a decorated function of a few lines.

    @benchmark("ticket page", group="reads")
    def ticket_page(ctx: Context) -> Operation:
        url = ctx.path_or_skip("tickets:detail", reference=ctx.ticket_numbers[0])
        return lambda: ctx.agent_client.get(url)

The function does its set-up and returns the operation to time; it raises UnavailableError (for
example through `ctx.path_or_skip`) when what it measures does not exist yet.
"""

import math
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import connection

Operation = Callable[[], Any]


class UnavailableError(Exception):
    """What this benchmark measures does not exist (yet); it is reported as skipped."""


@dataclass(frozen=True)
class Benchmark:
    name: str
    prepare: Callable[[Any], Operation]
    group: str = "reads"
    limit: str | None = None  # key of a limit measured in the same run, for the ratio


@dataclass
class Measurement:
    name: str
    group: str
    iterations: int = 0
    median_ms: float | None = None
    p95_ms: float | None = None
    max_ms: float | None = None
    queries: int | None = None
    queries_max: int | None = None
    per_second: float | None = None
    limit: str | None = None
    limit_per_second: float | None = None
    ratio_to_limit: float | None = None
    skipped: str | None = None
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


REGISTRY: dict[str, Benchmark] = {}


def benchmark(name: str, *, group: str = "reads", limit: str | None = None) -> Callable:
    def register(prepare: Callable[[Any], Operation]) -> Callable[[Any], Operation]:
        REGISTRY[name] = Benchmark(name=name, prepare=prepare, group=group, limit=limit)
        return prepare

    return register


class QueryCounter:
    """Counts the queries of one operation without Django's debug cursor overhead."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1))
    return ordered[index]


def _timed(operation: Operation) -> tuple[float, int]:
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        operation()
        elapsed = time.perf_counter() - started
    return elapsed * 1000, counter.count


MIN_ITERATIONS = 5


def _samples(
    operation: Operation, iterations: int, budget: float | None
) -> list[tuple[float, int]]:
    """Timed runs; a slow operation stops early so one bad page cannot eat the whole run."""
    samples: list[tuple[float, int]] = []
    deadline = None if budget is None else time.perf_counter() + budget
    while len(samples) < iterations:
        samples.append(_timed(operation))
        late = deadline is not None and time.perf_counter() > deadline
        if late and len(samples) >= MIN_ITERATIONS:
            break
    return samples


def measure(
    item: Benchmark,
    ctx: Any,
    *,
    iterations: int,
    warmup: int = 2,
    limits: dict[str, float] | None = None,
    budget_seconds: float | None = None,
) -> Measurement:
    """Time `iterations` runs, or fewer (at least MIN_ITERATIONS) once `budget_seconds` is spent."""
    result = Measurement(name=item.name, group=item.group, limit=item.limit)
    try:
        operation = item.prepare(ctx)
    except UnavailableError as exc:
        result.skipped = str(exc)
        return result
    try:
        for _ in range(warmup):
            operation()
        samples = _samples(operation, iterations, budget_seconds)
    except Exception as exc:  # a failing benchmark is reported, the others still run
        result.errors.append(f"{type(exc).__name__}: {exc}")
        return result
    times, queries = [ms for ms, _ in samples], [count for _, count in samples]
    result.iterations = len(samples)
    result.median_ms = statistics.median(times)
    result.p95_ms = percentile(times, 0.95)
    result.max_ms = max(times)
    result.queries = round(statistics.median(queries))
    result.queries_max = max(queries)
    result.per_second = 1000 / result.median_ms if result.median_ms else None
    _apply_limit(result, (limits or {}).get(item.limit or ""))
    return result


def _apply_limit(result: Measurement, limit: float | None) -> None:
    if limit and result.per_second:
        result.limit_per_second = limit
        result.ratio_to_limit = result.per_second / limit


def run_all(
    ctx: Any,
    *,
    iterations: int,
    limits: dict[str, float] | None = None,
    only: set[str] | None = None,
    budget_seconds: float | None = None,
) -> Iterator[Measurement]:
    for name, item in REGISTRY.items():
        if only is None or name in only:
            yield measure(
                item, ctx, iterations=iterations, limits=limits, budget_seconds=budget_seconds
            )
