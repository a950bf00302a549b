"""Serve the desk on one port, collecting static files first."""

from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Latitude (Django's threaded server; use gunicorn in production)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args: Any, port: int, host: str, **options: Any) -> None:
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Latitude is serving on http://{host}:{port}/ (Ctrl+C stops it)")
        call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
