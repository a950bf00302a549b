# ruff: noqa: N999 - the command is spelled `latitude bench-data`
"""latitude bench-data --tickets N [--seed S]: realistic scale data for benchmarks."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from latitude.bench.loader import load
from latitude.bench.safety import require_bench_database


class Command(BaseCommand):
    help = "Create a realistic organisation and N tickets shaped like the ServiceNow incident log."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--tickets", type=int, required=True, help="number of tickets to create"
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed (same seed, same data)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["tickets"] < 1:
            raise CommandError("--tickets must be at least 1.")
        require_bench_database()
        try:
            result = load(options["tickets"], seed=options["seed"], progress=self.stdout.write)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Created {result.tickets:,} tickets and {result.rows - result.tickets:,} related rows "
            f"in {result.seconds:,.1f} s ({result.rows_per_second:,.0f} rows/s)."
        )
