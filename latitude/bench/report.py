"""The JSON report and docs/benchmarks.md, both rewritten by every run."""

import json
from pathlib import Path
from typing import Any

LATER = [
    "ticket creation over HTTP through gunicorn/granian, load from wrk in another process",
    "django-helpdesk as a peer in its own virtual environment, loaded with the same incidents",
    "plots of latency against data size",
    "decision-scope evaluation and SLA business-time benchmarks, as those features land",
]


INTRO = """Rewritten by `latitude bench` (`make bench` runs `--quick`, `make bench-full` the
million-ticket version); the JSON behind it is in `bench-results/`. Requests go through Django's
test client in-process (full middleware, templates and serialisation, no HTTP server), signed in
as an agent of the busiest team and as an administrator. Data comes from `latitude bench-data`,
shaped by the ServiceNow incident event log (see `latitude/bench/profile.py`). To add a
measurement, decorate a function in `latitude/bench/benchmarks.py` with `@benchmark("name")`;
it returns the operation to time, or raises `UnavailableError` while what it measures is missing."""


def _ms(value: float | None) -> str:
    return "" if value is None else f"{value:,.1f}" if value >= 10 else f"{value:,.2f}"


def _load(values: list[float] | None) -> str:
    return "unknown" if not values else ", ".join(f"{value:.1f}" for value in values)


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def _row(m: dict[str, Any]) -> str:
    if m.get("skipped"):
        return f"| {m['name']} | {m['skipped']} | | | | | | |"
    if m.get("errors"):
        return f"| {m['name']} | failed: {'; '.join(m['errors'])[:120]} | | | | | | |"
    ratio = "" if m.get("ratio_to_limit") is None else f"{m['ratio_to_limit']:.2f} of {m['limit']}"
    queries = f"{m['queries']}" + (
        f" (max {m['queries_max']})" if m["queries_max"] != m["queries"] else ""
    )
    return (
        f"| {m['name']} | {_ms(m['median_ms'])} | {_ms(m['p95_ms'])} | {_ms(m['max_ms'])} | "
        f"{queries} | {_rate(m['per_second'])} | {ratio} | {m['iterations']} |"
    )


def _run_section(run: dict[str, Any]) -> list[str]:
    counts = ", ".join(f"{count:,} {table}" for table, count in run["counts"].items())
    load = run["load"]
    return [
        f"### {run['backend']}, {run['size']:,} tickets",
        "",
        f"Data: {counts}; created by `bench-data` in {load['seconds']:,.1f} s "
        f"({load['rows_per_second']:,.0f} rows/s). Peak RSS of the measuring process: "
        f"{run['peak_rss_mib']:,.0f} MiB. Up to {run['iterations']} timed runs per benchmark "
        "after 2 warm-up runs (n: fewer when a benchmark used up its time budget).",
        "",
        "| benchmark | median ms | p95 ms | max ms | queries | per second | ratio to limit | n |",
        "|---|---:|---:|---:|---:|---:|---|---:|",
        *(_row(m) for m in run["measurements"]),
        "",
    ]


def _growth(runs: list[dict[str, Any]]) -> list[str]:
    """Median per benchmark across sizes, per backend: the cost should stay flat."""
    lines: list[str] = []
    for backend in dict.fromkeys(run["backend"] for run in runs):
        mine = [run for run in runs if run["backend"] == backend]
        if len(mine) < 2:
            continue
        sizes = [f"{run['size']:,}" for run in mine]
        lines += [
            f"### Median ms by data size, {backend}",
            "",
            f"| benchmark | {' | '.join(sizes)} |",
            f"|---|{'---:|' * len(sizes)}",
        ]
        for index, first in enumerate(mine[0]["measurements"]):
            cells = [_ms(run["measurements"][index]["median_ms"]) for run in mine]
            lines.append(f"| {first['name']} | {' | '.join(cells)} |")
        lines.append("")
    return lines


def _limits(report: dict[str, Any]) -> list[str]:
    lines = ["## Limits measured in this run", ""]
    for backend, limits in report["limits"].items():
        for name, limit in limits.items():
            value = (
                "not measured" if limit["per_second"] is None else f"{limit['per_second']:,.0f}/s"
            )
            lines.append(f"- {backend}, {name}: {value} ({limit['detail']})")
    return [*lines, ""]


def markdown(report: dict[str, Any]) -> str:
    machine = report["machine"]
    versions = ", ".join(f"{name} {version}" for name, version in report["versions"].items())
    lines = [
        "# Benchmarks",
        "",
        INTRO,
        "",
        f"- Date: {machine['date']} ({report['mode']} run)",
        f"- Machine: {machine['nproc']} CPUs ({machine['cpu']}), "
        f"{machine['memory_gib']} GiB memory, {machine['platform']}",
        f"- Versions: {versions}",
        f"- Load average (1, 5, 15 min) at the start: {_load(machine.get('load_average'))}; "
        f"at the end: {_load(report.get('load_average_after'))}. On {machine['nproc']} CPUs, "
        "anything much above 1 means other processes competed with the run.",
        "",
        *_limits(report),
        "## Results",
        "",
        *(line for run in report["runs"] for line in _run_section(run)),
        *_growth(report["runs"]),
        *(
            ["## Notes", "", *(f"- {note}" for note in report["notes"]), ""]
            if report["notes"]
            else []
        ),
        "## Not measured yet",
        "",
        *(f"- {item}" for item in LATER),
        "",
    ]
    return "\n".join(lines)


def write(report: dict[str, Any], json_dir: Path, markdown_path: Path) -> Path:
    json_dir.mkdir(parents=True, exist_ok=True)
    stamp = report["machine"]["date"].replace(":", "").replace("+0000", "Z")
    json_path = json_dir / f"bench-{report['mode']}-{stamp}.json"
    json_path.write_text(json.dumps(report, indent=2) + "\n")
    markdown_path.parent.mkdir(parents=True, exist_ok=True)
    markdown_path.write_text(markdown(report))
    return json_path
