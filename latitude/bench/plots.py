"""Latency against data size, one SVG per backend, beside docs/benchmarks.md.

matplotlib is a bench-only dependency (the `bench` extra); without it the report says so.
"""

from pathlib import Path
from typing import Any


def series(runs: list[dict[str, Any]], backend: str) -> dict[str, list[tuple[int, float]]]:
    """Per benchmark: (tickets, median ms) for every size measured on this backend."""
    lines: dict[str, list[tuple[int, float]]] = {}
    for run in sorted((r for r in runs if r["backend"] == backend), key=lambda r: r["size"]):
        for m in run["measurements"]:
            if m.get("median_ms") is not None:
                lines.setdefault(m["name"], []).append((run["size"], m["median_ms"]))
        http = run.get("http_create") or {}
        if http.get("median_ms") is not None:
            lines.setdefault("HTTP create (wrk, median)", []).append(
                (run["size"], http["median_ms"])
            )
    return lines


def _draw(lines: dict[str, list[tuple[int, float]]], title: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    # Text stays text (small files that diff), and ids are stable from run to run.
    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["svg.hashsalt"] = "latitude-bench"
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(9, 5.5))
    axes.set_prop_cycle(color=[pyplot.get_cmap("tab20")(index) for index in range(20)])
    for name, points in lines.items():
        axes.plot([x for x, _ in points], [y for _, y in points], marker="o", label=name)
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("tickets")
    axes.set_ylabel("median latency, ms (log)")
    axes.set_title(title)
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    figure.tight_layout()
    figure.savefig(path, format="svg", metadata={"Date": None})
    pyplot.close(figure)


def draw(report: dict[str, Any], directory: Path) -> list[str] | str:
    """Paths of the plots written, or why none were."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return "matplotlib is not installed (pip install -e '.[bench]' or `make install`)"
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for backend in dict.fromkeys(run["backend"] for run in report["runs"]):
        path = directory / f"latency-{backend}.svg"
        _draw(series(report["runs"], backend), f"Latitude on {backend}: latency by data size", path)
        written.append(str(path))
    return written
