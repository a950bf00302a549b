"""`latitude demo`: load the demo organisation and its tickets into an empty desk."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from latitude.demo import generator
from latitude.notifications import outbox

URL = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    help = (
        "Create a demo organisation (3 sites, 6 teams, 20 agents, 220 requesters, 15 services) "
        "and tickets worked over the last 60 days. Every demo account's password is "
        f"'{generator.DEMO_PASSWORD}'."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the desk already has data (tickets, teams, demo accounts).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=generator.DEFAULT_SEED,
            help="Seed for names and events; the same seed gives the same desk.",
        )
        parser.add_argument(
            "--tickets",
            type=int,
            default=generator.DEFAULT_TICKETS,
            help=f"How many tickets to create (at least {generator.MIN_TICKETS}).",
        )

    def handle(self, *args: Any, if_empty: bool, seed: int, tickets: int, **options: Any) -> None:
        if not generator.desk_is_empty():
            if if_empty:
                self.stdout.write("The desk is not empty; the demo was not loaded.")
                return
            raise CommandError(
                "The demo needs an empty desk, but organisation units, teams, services, tickets "
                "or demo accounts already exist. Use a fresh database, or --if-empty to skip "
                "quietly."
            )
        if tickets < generator.MIN_TICKETS or seed < 0:
            raise CommandError(
                f"--tickets must be at least {generator.MIN_TICKETS} and --seed not negative."
            )
        self.stdout.write(f"Creating the demo desk ({tickets} tickets, seed {seed}) ...")
        result = generator.generate(seed=seed, tickets=tickets)
        cancelled = outbox.cancel_pending(created_before=timezone.now())
        self.stdout.write(f"  {'e-mails not sent':<20} {cancelled} (the demo's history is past)")
        self._report(result)

    def _report(self, result: generator.DemoResult) -> None:
        for label, count in result.counts.items():
            self.stdout.write(f"  {label:<20} {count}")
        statuses = ", ".join(f"{status} {count}" for status, count in result.statuses.items())
        self.stdout.write(f"  tickets by status    {statuses}")
        decisions = ", ".join(f"{label} {count}" for label, count in result.decisions.items())
        self.stdout.write(f"  decisions            {decisions}")
        self.stdout.write(self.style.SUCCESS(f"Demo desk ready in {result.seconds:.1f} s."))
        self.stdout.write(f"\nSign in at {URL} (start it with `latitude serve`):")
        for account in result.accounts:
            line = f"  {account.role:<14} {account.email:<32} {account.password}"
            self.stdout.write(f"{line}  ({account.full_name})")
