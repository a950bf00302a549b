"""`latitude token create EMAIL`: print a new personal API token for that person."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from latitude.core.actors import SystemActor
from latitude.people.actions import create_api_token
from latitude.people.models import User


class Command(BaseCommand):
    help = "Manage personal API tokens: `token create EMAIL [--name NAME]`."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("verb", choices=["create"])
        parser.add_argument("email")
        parser.add_argument("--name", default="command line")

    def handle(self, *args: Any, verb: str, email: str, name: str, **options: Any) -> None:
        user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active person with the e-mail address {email!r}.")
        issued = create_api_token(actor=SystemActor("cli"), user=user, name=name)
        self.stdout.write(issued.secret)
