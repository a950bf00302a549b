from pathlib import Path
from typing import Any

from latitude.bench import plots, report

MEASUREMENT = {
    "name": "ticket page (agent)",
    "group": "reads",
    "iterations": 3,
    "median_ms": 12.0,
    "p95_ms": 20.0,
    "max_ms": 25.0,
    "queries": 9,
    "queries_max": 9,
    "per_second": 83.0,
    "limit": None,
    "ratio_to_limit": None,
    "skipped": None,
    "errors": [],
}
HTTP = {
    "requests": 1000,
    "seconds": 10.0,
    "per_second": 100.0,
    "median_ms": 30.0,
    "p95_ms": 60.0,
    "p99_ms": 80.0,
    "max_ms": 120.0,
    "errors": 0,
    "load": {"threads": 2, "connections": 8, "seconds": 10},
    "worker_peak_rss_mib": [80.0, 90.0],
    "server": "gunicorn gthread, 5 workers x 2 threads",
    "ratio_to_limit": 0.1,
    "postgres_backends": {"samples": 100, "mean_active_backends": 0.5, "lock_wait_share": 0.4},
}


def _run(backend: str, size: int, **extra: Any) -> dict[str, Any]:
    return {
        "backend": backend,
        "size": size,
        "iterations": 3,
        "counts": {"tickets": size},
        "load": {"seconds": 1.0, "rows": size, "rows_per_second": float(size)},
        "peak_rss_mib": 90.0,
        "measurements": [
            dict(MEASUREMENT, median_ms=size / 1000),
            dict(MEASUREMENT, name="API create ticket (agent)", median_ms=20.0),
        ],
        **extra,
    }


def _report(**extra: Any) -> dict[str, Any]:
    return {
        "mode": "quick",
        "machine": {
            "date": "2026-12-02T15:00:00+00:00",
            "nproc": 2,
            "cpu": "test",
            "memory_gib": 1,
            "platform": "linux",
            "load_average": [1.0, 1.0, 1.0],
        },
        "versions": {"Python": "3.11"},
        "limits": {},
        "runs": [
            _run("postgresql", 10_000, http_create=HTTP, cpus=2),
            _run("sqlite", 20_769, purpose="peer comparison", http_create={"skipped": "no wrk"}),
            _run("sqlite", 10_000),
        ],
        "notes": [],
        **extra,
    }


def test_http_creation_below_the_target_is_called_missed_with_the_reason() -> None:
    text = report.markdown(_report())
    assert "| 1,000 | 100 | 30.0 | 60.0 | 80.0 | 120.0 | 0 |" in text
    assert "**Target missed**" in text
    assert "0.5 busy backends during the load, 40% of them waiting for a lock" in text
    # 20 ms of Python per creation on 2 CPUs: about 100 creations per second at best.
    assert "takes 20.0 ms of Python in-process, which caps 2 CPUs at about 100/s" in text
    assert "80, 90 MiB" in text
    assert "not measured: no wrk" in text
    assert "(peer comparison)" in text


def test_growth_lists_sizes_in_order_whatever_the_run_order() -> None:
    text = report.markdown(_report())
    assert "| ticket page (agent) | 10.0 | 20.8 |" in text


def test_the_peer_table_shows_both_sides_and_the_verdict() -> None:
    row = {
        "operation": "dashboard",
        "latitude": "queue first page (agent, team)",
        "helpdesk_median_ms": 1000.0,
        "helpdesk_p95_ms": 1500.0,
        "helpdesk_queries": 15,
        "latitude_median_ms": 250.0,
        "latitude_p95_ms": 300.0,
        "latitude_queries": 11,
        "times_faster": 4.0,
        "target_met": False,
    }
    peer = {
        "size": 20_769,
        "backend": "sqlite",
        "result": {
            "versions": {"django-helpdesk": "2.6.1", "Django": "5.2"},
            "counts": {"tickets": 20_769, "followups": 119_998, "queues": 65},
            "load_seconds": 30.0,
        },
        "comparison": [row],
    }
    text = report.markdown(_report(peer=peer, plots=["docs/bench/latency-sqlite.svg"]))
    assert "django-helpdesk 2.6.1" in text
    assert "| dashboard | 1,000.0 | 1,500.0 | 15 | queue first page (agent, team) |" in text
    assert "| 4.0x | **missed** |" in text
    assert "![latency-sqlite](bench/latency-sqlite.svg)" in text


def test_plot_series_follow_size_and_include_http_creation(tmp_path) -> None:
    lines = plots.series(_report()["runs"], "sqlite")
    assert lines["ticket page (agent)"] == [(10_000, 10.0), (20_769, 20.769)]
    assert "HTTP create (wrk, median)" not in lines
    assert plots.series(_report()["runs"], "postgresql")["HTTP create (wrk, median)"] == [
        (10_000, 30.0)
    ]
    written = plots.draw(_report(), tmp_path)
    assert isinstance(written, list)
    assert len(written) == 2
    assert all("<svg" in Path(path).read_text() for path in written)


def test_targets_are_judged_from_the_run_and_unmeasured_ones_say_so() -> None:
    quick = report.markdown(_report())
    assert "ticket page (agent), p95 at most 50 ms at 1M tickets on PostgreSQL: " in quick
    assert "not measured in this run" in quick
    assert "(10,000 tickets): 0.10 of pgbench: **missed**" in quick

    fast = dict(MEASUREMENT, p95_ms=45.0, median_ms=30.0)
    slow = dict(MEASUREMENT, name="queue first page (agent, team)", p95_ms=80.0)
    full = _report()
    full["runs"].append(_run("postgresql", 1_000_000, measurements=[fast, slow]))
    text = report.markdown(full)
    assert "ticket page (agent), p95 at most 50 ms at 1M tickets on PostgreSQL: p95 45.0" in text
    assert "(median 30.0 ms): met" in text
    assert (
        "queue first page (agent, team), p95 at most 50 ms at 1M tickets on PostgreSQL: "
        "p95 80.0 ms (median 12.0 ms): **missed**"
    ) in text
