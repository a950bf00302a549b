"""The JSON report and docs/benchmarks.md, both rewritten by every run."""

import json
from pathlib import Path
from typing import Any

from latitude.bench import targets

LATER = [
    "Recomputing every ticket's SLA clocks from its trail at this size (`latitude sla recompute"
    " --dry-run` took 47 s for 100,000 tickets on PostgreSQL); `python -m latitude.sla.benchmark"
    " recompute` measures it on synthetic trails",
    "The sweep's own entries in the scale data: `bench-data` marks warnings and breaches due"
    " before the end of its timeline as sent and recorded, without their `sla.warning_sent` and"
    " `sla.breach_recorded` audit entries or notifications",
]


INTRO = """Rewritten by `latitude bench` (`make bench` runs `--quick`, `make bench-full` the
million-ticket version); the JSON behind it is in `bench-results/`. Requests go through Django's
test client in-process (full middleware, templates and serialisation, no HTTP server), signed in
as an agent of the busiest team and as an administrator; only "ticket creation over HTTP" goes
through a real server (gunicorn on loopback, load from wrk in its own process). Data comes from
`latitude bench-data`, shaped by the ServiceNow incident event log (see
`latitude/bench/profile.py`). To add a measurement, decorate a function in
`latitude/bench/benchmarks.py` with `@benchmark("name")`; it returns the operation to time, or
raises `UnavailableError` while what it measures is missing."""


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
        f"### {run['backend']}, {run['size']:,} tickets"
        + (f" ({run['purpose']})" if run.get("purpose") else ""),
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
        *_http_section(run),
    ]


HTTP_TARGET = targets.HTTP_TARGET


def _in_process_create_ms(run: dict[str, Any]) -> float | None:
    for m in run["measurements"]:
        if m["name"] == "API create ticket (agent)":
            return m.get("median_ms")
    return None


def _why_missed(run: dict[str, Any], http: dict[str, Any]) -> str:
    """The reasons the run's own figures give, not a fixed excuse."""
    reasons = []
    backends = http.get("postgres_backends") or {}
    if backends.get("mean_active_backends") is not None:
        share = backends.get("lock_wait_share")
        waited = "" if share is None else f", {share:.0%} of them waiting for a lock"
        reasons.append(
            f"PostgreSQL had on average {backends['mean_active_backends']:.1f} busy backends "
            f"during the load{waited} (the ticket-number counter row is locked until commit)"
        )
    create_ms = _in_process_create_ms(run)
    if create_ms:
        cpus = run.get("cpus") or 2
        reasons.append(
            f"one API creation takes {_ms(create_ms)} ms of Python in-process, which caps "
            f"{cpus} CPUs at about {cpus * 1000 / create_ms:,.0f}/s before any HTTP cost, "
            "while a TPC-B transaction is five statements of server time"
        )
    return "; ".join(reasons)


def _http_verdict(run: dict[str, Any], http: dict[str, Any]) -> str:
    ratio = http.get("ratio_to_limit")
    if run["backend"] != "postgresql" or ratio is None:
        return ""
    if ratio >= HTTP_TARGET:
        return f" Target (at least {HTTP_TARGET} of pgbench) met."
    why = _why_missed(run, http)
    return f" **Target missed** (at least {HTTP_TARGET} of pgbench)" + (
        f". Why: {why}; and the load generator, the web workers and PostgreSQL share the "
        "same CPUs with whatever else runs (see the load average)."
        if why
        else "."
    )


def _single(http: dict[str, Any]) -> str:
    one = http.get("one_connection")
    if not one or not one.get("per_second"):
        return ""
    return (
        f"; with one connection {_rate(one['per_second'])}/s at a median of "
        f"{_ms(one['median_ms'])} ms (p95 {_ms(one['p95_ms'])} ms)"
    )


def _http_section(run: dict[str, Any]) -> list[str]:
    http = run.get("http_create")
    if not http:
        return []
    title = "Ticket creation over HTTP (POST /api/v1/tickets, wrk on loopback)"
    if http.get("skipped") or http.get("error"):
        return [f"{title}: not measured: {http.get('skipped') or http.get('error')}", ""]
    ratio = (
        ""
        if http.get("ratio_to_limit") is None
        else f", {http['ratio_to_limit']:.2f} of the write-transaction limit"
    )
    load = http["load"]
    rss = ", ".join(f"{value:,.0f}" for value in http.get("worker_peak_rss_mib", []))
    return [
        f"{title}: {http['server']}; wrk {load['threads']} threads, "
        f"{load['connections']} connections, {http['seconds']:,.0f} s after a warm-up.",
        "",
        "| requests | per second | median ms | p95 ms | p99 ms | max ms | errors |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {http['requests']:,} | {_rate(http['per_second'])} | {_ms(http['median_ms'])} | "
        f"{_ms(http['p95_ms'])} | {_ms(http['p99_ms'])} | {_ms(http['max_ms'])} | "
        f"{http['errors']:,} |",
        "",
        f"Throughput {_rate(http['per_second'])}/s{ratio}{_single(http)}."
        f"{_http_verdict(run, http)} "
        f"Peak RSS (VmHWM) of each web worker after the run: {rss} MiB.",
        "",
    ]


def _peer_row(row: dict[str, Any]) -> str:
    faster = "" if row["times_faster"] is None else f"{row['times_faster']:,.1f}x"
    verdict = {True: "met", False: "**missed**", None: "not measured"}[row["target_met"]]
    return (
        f"| {row['operation']} | {_ms(row['helpdesk_median_ms'])} | "
        f"{_ms(row['helpdesk_p95_ms'])} | {row['helpdesk_queries']} | {row['latitude']} | "
        f"{_ms(row['latitude_median_ms'])} | {_ms(row['latitude_p95_ms'])} | "
        f"{row['latitude_queries'] if row['latitude_queries'] is not None else ''} | "
        f"{faster} | {verdict} |"
    )


def _peer(report: dict[str, Any]) -> list[str]:
    peer = report.get("peer")
    if not peer:
        return []
    lines = [f"## Peer: django-helpdesk at {peer['size']:,} tickets ({peer['backend']})", ""]
    result = peer["result"]
    if result.get("skipped"):
        return [*lines, f"Not measured: {result['skipped']}", ""]
    counts = result["counts"]
    return [
        *lines,
        PEER_INTRO.format(
            version=result["versions"]["django-helpdesk"],
            django=result["versions"]["Django"],
            tickets=counts["tickets"],
            followups=counts["followups"],
            queues=counts["queues"],
            seconds=result["load_seconds"],
        ),
        "",
        "| operation | helpdesk median ms | p95 ms | queries | Latitude equivalent | "
        "median ms | p95 ms | queries | Latitude faster | target 5x |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|---|",
        *(_peer_row(row) for row in peer["comparison"]),
        "",
    ]


PEER_INTRO = """django-helpdesk {version} on Django {django}, in its own virtual environment
(`var/bench-peer/`, created by the run), with a minimal project generated at run time and the
same SQLite settings as Latitude (WAL, synchronous=NORMAL, IMMEDIATE). It holds the ServiceNow
log itself: {tickets:,} tickets in {queues} queues (the final assignment group) with
{followups:,} follow-ups (one per update), loaded in {seconds:,.0f} s. Both sides are timed the
same way: Django's test client in-process, signed in (helpdesk: a superuser; Latitude: the
bench agent or administrator), 2 warm-up runs, then the same number of timed runs and the same
statistics. helpdesk's ticket list is an HTML shell plus a JSON request for the rows; both
requests are timed together, as a browser needs both to show the rows. helpdesk has a
dashboard, Latitude's agents land on their team's queue, so that is its equivalent. "Latitude
faster" is helpdesk's median over Latitude's."""


def _growth(runs: list[dict[str, Any]]) -> list[str]:
    """Median per benchmark across sizes, per backend: the cost should stay flat."""
    lines: list[str] = []
    for backend in dict.fromkeys(run["backend"] for run in runs):
        mine = sorted((run for run in runs if run["backend"] == backend), key=_size)
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


def _size(run: dict[str, Any]) -> int:
    return int(run["size"])


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
        *targets.section(report),
        "## Results",
        "",
        *(line for run in report["runs"] for line in _run_section(run)),
        *_growth(report["runs"]),
        *_peer(report),
        *_plots(report),
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


def _plots(report: dict[str, Any]) -> list[str]:
    plots = report.get("plots")
    if not plots:
        return []
    if isinstance(plots, str):
        return ["## Plots", "", f"Not drawn: {plots}", ""]
    return [
        "## Plots",
        "",
        *(f"![{Path(path).stem}](bench/{Path(path).name})" for path in plots),
        "",
    ]


def write(report: dict[str, Any], json_dir: Path, markdown_path: Path) -> Path:
    json_dir.mkdir(parents=True, exist_ok=True)
    stamp = report["machine"]["date"].replace(":", "").replace("+0000", "Z")
    json_path = json_dir / f"bench-{report['mode']}-{stamp}.json"
    json_path.write_text(json.dumps(report, indent=2) + "\n")
    markdown_path.parent.mkdir(parents=True, exist_ok=True)
    markdown_path.write_text(markdown(report))
    return json_path
