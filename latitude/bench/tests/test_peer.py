from pathlib import Path
from typing import Any

import pytest

from latitude.bench import orchestrate
from latitude.bench.orchestrate import Plan
from latitude.bench.peer import run as peer_run
from latitude.bench.peer.equivalents import API_CREATE, EQUIVALENTS, compare


def _m(name: str, median: float, queries: int = 5) -> dict[str, Any]:
    return {"name": name, "median_ms": median, "p95_ms": median * 2, "queries": queries}


PEER = {
    "versions": {"django-helpdesk": "2.6.1", "Django": "5.2", "Python": "3.11"},
    "counts": {"tickets": 20769, "followups": 119998, "queues": 65},
    "load_seconds": 30.0,
    "measurements": [
        _m("ticket list (all, first 25)", 600.0, 55),
        _m("ticket view", 60.0, 37),
        _m("dashboard", 1000.0, 15),
        _m("API create ticket", 20.0, 20),
    ],
}
LATITUDE = {
    "backend": "sqlite",
    "size": 20_769,
    "measurements": [
        _m("queue first page (admin, all)", 30.0),
        _m("ticket page (agent)", 40.0),
        _m("queue first page (agent, team)", 50.0),
    ],
}


def test_each_shared_operation_is_set_against_its_latitude_equivalent() -> None:
    rows = {row["operation"]: row for row in compare(PEER, LATITUDE)}
    assert rows["ticket list (all, first 25)"]["times_faster"] == pytest.approx(20.0)
    assert rows["ticket list (all, first 25)"]["target_met"] is True
    assert rows["ticket view"]["times_faster"] == pytest.approx(1.5)
    assert rows["ticket view"]["target_met"] is False
    # Latitude's side was not measured: neither a ratio nor a verdict is invented.
    assert rows["API create ticket"]["latitude"] == API_CREATE
    assert rows["API create ticket"]["times_faster"] is None
    assert rows["API create ticket"]["target_met"] is None


def test_every_peer_operation_has_an_equivalent() -> None:
    assert {m["name"] for m in PEER["measurements"]} == set(EQUIVALENTS)


def _plan(tmp_path: Path) -> Plan:
    return Plan(
        mode="quick",
        sizes=[10_000],
        backends=["sqlite"],
        iterations=3,
        sqlite_dir=tmp_path / "bench-sqlite",
        peer_dir=tmp_path / "bench-peer",
    )


def test_the_peer_is_compared_with_a_latitude_run_at_its_own_size(tmp_path, monkeypatch) -> None:
    extra: list[tuple[int, bool]] = []

    def fake_run_size(plan, backend, size, limits, say, *, http=True):
        extra.append((size, http))
        return dict(LATITUDE, size=size)

    monkeypatch.setattr(orchestrate, "_run_size", fake_run_size)
    monkeypatch.setattr(orchestrate, "run_peer", lambda root, **kw: PEER)
    report: dict[str, Any] = {"runs": [dict(LATITUDE, size=10_000)], "limits": {"sqlite": {}}}
    result = orchestrate._peer_comparison(_plan(tmp_path), report, lambda line: None)
    assert extra == [(orchestrate.PEER_SIZE, False)]
    assert report["runs"][-1]["purpose"] == "peer comparison"
    assert result["comparison"][0]["latitude_median_ms"] == 30.0


def test_a_run_already_at_the_peer_size_is_reused(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(orchestrate, "_run_size", lambda *a, **k: pytest.fail("not reused"))
    monkeypatch.setattr(orchestrate, "run_peer", lambda root, **kw: {"skipped": "no network"})
    report: dict[str, Any] = {"runs": [LATITUDE], "limits": {"sqlite": {}}}
    result = orchestrate._peer_comparison(_plan(tmp_path), report, lambda line: None)
    assert result["comparison"] == []
    assert result["result"]["skipped"] == "no network"


def test_without_the_incident_log_the_peer_is_skipped_with_the_reason(tmp_path) -> None:
    assert peer_run.incident_log(tmp_path) is None
    log = tmp_path / peer_run.LOG
    log.parent.mkdir(parents=True)
    log.write_bytes(b"")
    assert peer_run.incident_log(tmp_path) == log


def test_the_peer_is_pinned_to_latitudes_django() -> None:
    import django

    assert f"django=={django.get_version()}" in peer_run.pins()
    assert any(pin.startswith("django-helpdesk==") for pin in peer_run.pins())
