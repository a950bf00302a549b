"""Create an administrator (interactive, or from --email/--name and LATITUDE_ADMIN_PASSWORD)."""

import getpass
import os
from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from latitude.people.models import User


class Command(BaseCommand):
    help = "Create an administrator account."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--email")
        parser.add_argument("--name")

    def handle(self, *args: Any, email: str | None, name: str | None, **options: Any) -> None:
        email = (email or input("E-mail: ")).strip().lower()
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError(f"Not an e-mail address: {email!r}") from exc
        if User.objects.filter(email=email).exists():
            raise CommandError(f"{email} already has an account.")
        name = name or input("Full name: ").strip() or email
        password = os.environ.get("LATITUDE_ADMIN_PASSWORD") or getpass.getpass("Password: ")
        if len(password) < 8:
            raise CommandError("The password needs at least 8 characters.")
        User.objects.create_superuser(email, password, full_name=name)
        self.stdout.write(self.style.SUCCESS(f"Administrator {email} created."))
