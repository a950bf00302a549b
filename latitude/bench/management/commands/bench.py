"""latitude bench [--quick|--full] [--sizes 10000,100000] [--backends sqlite,postgresql]."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from latitude.bench import plots, report
from latitude.bench.orchestrate import Plan, run
from latitude.bench.safety import require_bench_database


@dataclass(frozen=True)
class Preset:
    sizes: list[int]
    iterations: int
    pgbench_seconds: int
    http_seconds: int


QUICK = Preset(sizes=[10_000], iterations=30, pgbench_seconds=10, http_seconds=10)
FULL = Preset(
    sizes=[10_000, 100_000, 1_000_000], iterations=100, pgbench_seconds=30, http_seconds=30
)
BACKENDS = ("sqlite", "postgresql")


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise CommandError("--sizes takes numbers separated by commas, e.g. 10000,100000.") from exc
    if not sizes or min(sizes) < 1:
        raise CommandError("--sizes needs at least one positive number.")
    return sizes


class Command(BaseCommand):
    help = "Measure Latitude at growing data sizes; rewrite docs/benchmarks.md."

    def add_arguments(self, parser: CommandParser) -> None:
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--quick", action="store_true", help="10k tickets, few iterations (default)"
        )
        mode.add_argument("--full", action="store_true", help="10k, 100k and 1M tickets")
        parser.add_argument("--sizes", help="ticket counts, comma-separated (overrides the mode)")
        parser.add_argument("--backends", default=",".join(BACKENDS), help="sqlite,postgresql")
        parser.add_argument("--iterations", type=int, help="timed iterations per benchmark")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--output", default=str(Path(settings.BASE_DIR).parent / "bench-results")
        )
        parser.add_argument(
            "--markdown", default=str(Path(settings.BASE_DIR).parent / "docs" / "benchmarks.md")
        )
        parser.add_argument(
            "--no-peer", action="store_true", help="leave out the django-helpdesk comparison"
        )
        # Internal: the measuring child process started by the run itself.
        parser.add_argument("--measure-size", type=int, help="(internal) measure the loaded data")
        parser.add_argument("--limits", default="{}", help="(internal) limits as JSON")
        parser.add_argument("--part", help="(internal) where the child writes its results")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["measure_size"]:
            self._measure(options)
            return
        plan = self._plan(options)
        result = run(plan, self.stdout.write)
        result["plots"] = plots.draw(result, Path(options["markdown"]).parent / "bench")
        json_path = report.write(result, Path(options["output"]), Path(options["markdown"]))
        self.stdout.write(f"Wrote {json_path} and {options['markdown']}.")

    def _plan(self, options: dict[str, Any]) -> Plan:
        mode = "full" if options["full"] else "quick"
        if options["sizes"]:
            mode = "custom"
        preset = FULL if mode == "full" else QUICK
        backends = [name.strip() for name in options["backends"].split(",") if name.strip()]
        if not backends or set(backends) - set(BACKENDS):
            raise CommandError("--backends is a comma-separated choice of sqlite and postgresql.")
        iterations = preset.iterations if options["iterations"] is None else options["iterations"]
        if iterations < 1:
            raise CommandError("--iterations must be at least 1.")
        return Plan(
            mode=mode,
            sizes=_sizes(options["sizes"]) if options["sizes"] else preset.sizes,
            backends=backends,
            iterations=iterations,
            seed=options["seed"],
            pgbench_seconds=preset.pgbench_seconds,
            http_seconds=preset.http_seconds,
            peer=not options["no_peer"],
        )

    def _measure(self, options: dict[str, Any]) -> None:
        import json

        from latitude.bench.runner import measure_size, write_part

        require_bench_database()
        part = measure_size(
            options["measure_size"],
            iterations=options["iterations"] or 10,
            limits=json.loads(options["limits"]),
            seed=options["seed"],
        )
        write_part(Path(options["part"]), part)
