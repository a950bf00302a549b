import json
import os
import subprocess
import sys
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from latitude.bench.http import load, measure, server
from latitude.bench.http.load import LoadGeneratorMissingError, LoadSettings

SUMMARY = {
    "requests": 1200,
    "duration_us": 10_000_000,
    "median_us": 7000,
    "p95_us": 20000,
    "p99_us": 31000,
    "max_us": 45000,
    "mean_us": 8000.5,
    "connect_errors": 0,
    "read_errors": 1,
    "write_errors": 0,
    "status_errors": 2,
    "timeouts": 0,
}


def test_the_lua_summary_is_read_in_milliseconds_and_requests_per_second() -> None:
    output = f"Running 10s test\n  Latency 7ms\nWRK_JSON {json.dumps(SUMMARY)}\n"
    result = load.parse(output)
    assert result["per_second"] == pytest.approx(120.0)
    assert (result["median_ms"], result["p95_ms"], result["max_ms"]) == (7.0, 20.0, 45.0)
    assert result["errors"] == 3
    assert result["non_2xx"] == 2


def test_output_without_the_summary_is_an_error_not_zero_figures() -> None:
    with pytest.raises(ValueError, match="no summary"):
        load.parse("Running 10s test\n")


def test_wrk_runs_the_creation_script_against_the_server() -> None:
    command = load.wrk_command("/usr/bin/wrk", "http://127.0.0.1:9", LoadSettings(seconds=3))
    assert command[-1] == "http://127.0.0.1:9"
    assert str(load.SCRIPT) in command
    assert "3s" in command
    assert load.SCRIPT.exists()


def test_without_wrk_and_without_root_the_run_says_how_to_install_it(monkeypatch) -> None:
    monkeypatch.setattr(load.shutil, "which", lambda name: None)
    monkeypatch.setattr(load.os, "geteuid", lambda: 1000)
    with pytest.raises(LoadGeneratorMissingError, match="apt-get install wrk"):
        load.ensure_wrk()


def test_workers_follow_two_per_core_plus_one() -> None:
    assert server.worker_count(2) == 5
    command = server.gunicorn_command(8123, 5)
    assert command[command.index("--workers") + 1] == "5"
    assert command[command.index("--worker-class") + 1] == "gthread"
    assert "127.0.0.1:8123" in command


def test_peak_memory_and_children_are_read_from_proc() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        assert child.pid in server.children(os.getpid())
        assert (server.peak_rss_kib(child.pid) or 0) > 0
    finally:
        child.kill()
        child.wait()
    assert server.peak_rss_kib(2**22 + 7) is None


class FakeServer(AbstractContextManager["FakeServer"]):
    url = "http://127.0.0.1:1"
    workers = 5

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    def __enter__(self) -> "FakeServer":
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def worker_peak_rss_mib(self) -> list[float]:
        return [80.0, 81.5]


def _measure(calls: list[Any], status: int = 201, **overrides: Any) -> dict[str, Any]:
    def fake_load(binary: str, url: str, token: str, settings: LoadSettings) -> dict[str, Any]:
        calls.append((binary, url, token, settings.seconds))
        return {"per_second": 100.0, "median_ms": 9.0}

    options: dict[str, Any] = {
        "find_wrk": lambda: "/bin/wrk",
        "token_for": lambda env: "lat_secret",
        "server_for": FakeServer,
        "load_with": fake_load,
        "check": lambda url, token: status,
        **overrides,
    }
    return measure.measure_creation({}, limit=400.0, load=LoadSettings(seconds=7), **options)


def test_creation_is_warmed_up_then_measured_and_set_against_the_limit() -> None:
    calls: list[Any] = []
    result = _measure(calls)
    assert [seconds for *_, seconds in calls] == [measure.WARMUP.seconds, 7, 3]
    assert result["one_connection"]["per_second"] == 100.0
    assert calls[-1][:3] == ("/bin/wrk", FakeServer.url, "lat_secret")
    assert result["ratio_to_limit"] == pytest.approx(0.25)
    assert result["worker_peak_rss_mib"] == [80.0, 81.5]
    assert "5 workers" in result["server"]


def test_a_refused_probe_skips_the_load_instead_of_counting_errors() -> None:
    calls: list[Any] = []
    result = _measure(calls, status=403)
    assert calls == []
    assert "403" in result["skipped"]


def test_a_missing_load_generator_is_reported_as_skipped() -> None:
    def missing() -> str:
        raise LoadGeneratorMissingError("wrk is not installed")

    result = _measure([], find_wrk=missing)
    assert result == {"skipped": "wrk is not installed"}


def test_the_creation_script_posts_json_with_the_token() -> None:
    script = Path(load.SCRIPT).read_text()
    assert 'wrk.method = "POST"' in script
    assert '"/api/v1/tickets"' in script
    assert "Bearer" in script
    assert 'os.getenv("LATITUDE_TOKEN")' in script


def test_lock_sampling_without_samples_reports_no_share_rather_than_zero() -> None:
    from latitude.bench.http.locks import LockSampler

    assert LockSampler("postgres://x/bench").result() == {
        "samples": 0,
        "mean_active_backends": None,
        "lock_wait_share": None,
    }
