"""`latitude sla recompute [--dry-run] [--chunk N]` and `latitude sla sweep`."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from latitude.sla.clocks.store import recompute
from latitude.sla.sweep import sweep

SHOWN_DIFFERENCES = 50


class Command(BaseCommand):
    help = "SLA clocks: rebuild them from the audit trail, or run the warning/breach sweep once."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        rebuild = commands.add_parser("recompute", help="rebuild every clock from events")
        rebuild.add_argument("--dry-run", action="store_true", help="report, write nothing")
        rebuild.add_argument("--chunk", type=int, default=1000, help="tickets per transaction")
        commands.add_parser("sweep", help="announce due warnings and breaches now")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "sweep":
            report = sweep()
            self.stdout.write(f"warned {report.warned}, breached {report.breached}")
            return
        started = time.perf_counter()
        result = recompute(chunk_size=options["chunk"], write=not options["dry_run"])
        for line in result.differences[:SHOWN_DIFFERENCES]:
            self.stdout.write(line)
        hidden = len(result.differences) - SHOWN_DIFFERENCES
        if hidden > 0:
            self.stdout.write(f"... and {hidden} more")
        verb = "found (dry run, nothing written)" if options["dry_run"] else "fixed"
        self.stdout.write(
            f"{result.tickets} tickets, {result.clocks} clocks; "
            f"differences {verb}: {len(result.differences)}; "
            f"{time.perf_counter() - started:.1f} s"
        )
