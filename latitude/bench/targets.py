"""The issue's targets, judged from the run's own figures for the Markdown summary."""

from typing import Any

READ_TARGET_MS = 50.0
READ_TARGET_SIZE = 1_000_000
READ_TARGET_PAGES = ("queue first page (agent, team)", "ticket page (agent)")
HTTP_TARGET = 0.3  # of pgbench's TPC-B-like rate, on PostgreSQL
PEER_TARGET = 5.0


def _verdict(met: bool | None) -> str:
    return {True: "met", False: "**missed**", None: "not measured in this run"}[met]


def _postgres_runs(report: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted(
        (run for run in report["runs"] if run["backend"] == "postgresql"),
        key=lambda run: int(run["size"]),
    )


def _read_lines(report: dict[str, Any]) -> list[str]:
    run = next((r for r in _postgres_runs(report) if int(r["size"]) >= READ_TARGET_SIZE), None)
    return [_read_line(run, page) for page in READ_TARGET_PAGES]


def _read_line(run: dict[str, Any] | None, page: str) -> str:
    target = f"- {page}, p95 at most {READ_TARGET_MS:.0f} ms at 1M tickets on PostgreSQL"
    measurements = run["measurements"] if run else []
    found = next((m for m in measurements if m["name"] == page and m.get("p95_ms")), None)
    if found is None:
        return f"{target}: {_verdict(None)}"
    return (
        f"{target}: p95 {found['p95_ms']:,.1f} ms (median {found['median_ms']:,.1f} ms): "
        f"{_verdict(found['p95_ms'] <= READ_TARGET_MS)}"
    )


def _http_lines(report: dict[str, Any]) -> list[str]:
    lines = []
    for run in _postgres_runs(report):
        ratio = (run.get("http_create") or {}).get("ratio_to_limit")
        met = None if ratio is None else ratio >= HTTP_TARGET
        shown = "" if ratio is None else f"{ratio:.2f} of pgbench: "
        lines.append(
            f"- ticket creation over HTTP at least {HTTP_TARGET} of pgbench's TPC-B-like rate "
            f"({int(run['size']):,} tickets): {shown}{_verdict(met)}"
        )
    return lines or [f"- ticket creation over HTTP on PostgreSQL: {_verdict(None)}"]


def _peer_lines(report: dict[str, Any]) -> list[str]:
    rows = (report.get("peer") or {}).get("comparison") or []
    if not rows:
        return [f"- at least {PEER_TARGET:.0f}x faster than django-helpdesk: {_verdict(None)}"]
    return [
        f"- at least {PEER_TARGET:.0f}x faster than django-helpdesk, {row['operation']}: "
        + ("" if row["times_faster"] is None else f"{row['times_faster']:,.1f}x: ")
        + _verdict(row["target_met"])
        for row in rows
    ]


def section(report: dict[str, Any]) -> list[str]:
    """Each target with the figure that decides it; reasons for misses are in the results."""
    return [
        "## Targets",
        "",
        *_read_lines(report),
        *_http_lines(report),
        *_peer_lines(report),
        "",
    ]
