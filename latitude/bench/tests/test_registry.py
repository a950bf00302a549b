import json
import time

import pytest

from latitude.bench import registry, report
from latitude.bench.registry import UnavailableError, benchmark, measure, percentile
from latitude.people.models import User


@pytest.fixture
def empty_registry(monkeypatch):
    monkeypatch.setattr(registry, "REGISTRY", {})
    return registry.REGISTRY


@pytest.mark.django_db
def test_a_registered_benchmark_reports_timings_queries_and_ratio(empty_registry) -> None:
    @benchmark("count people", limit="write transactions")
    def count_people(ctx: object):
        return lambda: User.objects.count()

    result = measure(
        empty_registry["count people"], None, iterations=5, limits={"write transactions": 1000.0}
    )
    assert result.iterations == 5
    assert result.median_ms is not None
    assert result.median_ms <= result.p95_ms <= result.max_ms
    assert result.queries == 1
    assert result.ratio_to_limit == pytest.approx(result.per_second / 1000.0)


def test_an_unavailable_benchmark_is_skipped_with_its_reason(empty_registry) -> None:
    @benchmark("future page")
    def future(ctx: object):
        raise UnavailableError("not available yet")

    result = measure(empty_registry["future page"], None, iterations=3)
    assert result.skipped == "not available yet"
    assert result.median_ms is None


def test_a_failing_benchmark_is_reported_not_raised(empty_registry) -> None:
    @benchmark("broken")
    def broken(ctx: object):
        def fail() -> None:
            raise RuntimeError("boom")

        return fail

    result = measure(empty_registry["broken"], None, iterations=3)
    assert result.errors == ["RuntimeError: boom"]


def test_percentile_picks_the_nearest_rank() -> None:
    assert percentile(list(range(1, 101)), 0.95) == 95
    assert percentile([3.0], 0.95) == 3.0


def _report(measurements: list[dict]) -> dict:
    return {
        "mode": "quick",
        "machine": {
            "date": "2026-11-22T12:00:00+00:00",
            "nproc": 2,
            "memory_gib": 23.4,
            "cpu": "AMD EPYC",
            "platform": "Linux",
            "python": "3.11.7",
            "django": "5.2",
            "sqlite": "3.40.1",
        },
        "versions": {"Python": "3.11.7", "Django": "5.2"},
        "sizes": [10, 20],
        "limits": {"sqlite": {"write transactions": {"per_second": 5000.0, "detail": "scratch"}}},
        "runs": [
            {
                "backend": "sqlite",
                "size": size,
                "iterations": 5,
                "peak_rss_mib": 80.0,
                "counts": {"tickets": size},
                "load": {"seconds": 1.0, "rows": size, "rows_per_second": size},
                "measurements": measurements,
            }
            for size in (10, 20)
        ],
        "notes": [],
    }


def test_the_report_has_a_table_per_size_and_a_growth_table(tmp_path, empty_registry) -> None:
    @benchmark("noop", limit="write transactions")
    def noop(ctx: object):
        return lambda: None

    @benchmark("later")
    def later(ctx: object):
        raise UnavailableError("not available yet")

    measured = [
        measure(item, None, iterations=3, limits={"write transactions": 5000.0}).as_dict()
        for item in empty_registry.values()
    ]
    json_path = report.write(_report(measured), tmp_path / "results", tmp_path / "benchmarks.md")
    data = json.loads(json_path.read_text())
    assert data["runs"][0]["measurements"][0]["name"] == "noop"
    text = (tmp_path / "benchmarks.md").read_text()
    assert "### sqlite, 10 tickets" in text
    assert "### sqlite, 20 tickets" in text
    assert "| later | not available yet |" in text
    assert "| noop |" in text
    assert "of write transactions |" in text
    assert "### Median ms by data size, sqlite" in text
    assert "AMD EPYC" in text


def test_a_slow_benchmark_stops_at_its_budget_but_keeps_a_minimum_of_runs(empty_registry) -> None:
    @benchmark("slow")
    def slow(ctx: object):
        return lambda: time.sleep(0.01)

    result = measure(empty_registry["slow"], None, iterations=1000, warmup=0, budget_seconds=0.0)
    assert result.iterations == registry.MIN_ITERATIONS
