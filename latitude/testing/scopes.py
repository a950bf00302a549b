"""Test helpers for the standard grants a desk starts with (migrations scopes 0003 and 0005)."""

import importlib

from django.apps import apps

from latitude.scopes.models import Grant, GrantsRevision, GrantVersion

_STANDARD = importlib.import_module("latitude.scopes.migrations.0003_standard_grants")
_UNDOING = importlib.import_module("latitude.scopes.migrations.0005_standard_grants_for_undoing")


def remove_all_grants() -> None:
    """Start from a desk where nobody may decide anything (bypasses immutability on purpose)."""
    GrantVersion.objects.all()._raw_delete(GrantVersion.objects.db)
    Grant.objects.all()._raw_delete(Grant.objects.db)
    GrantsRevision.bump()


def install_standard_grants() -> None:
    """What migrate seeds (the whole standard set); for transactional tests, whose flush
    removes it."""
    _STANDARD.seed(apps, None)
    _UNDOING.seed(apps, None)


STANDARD_GRANTS = [*_STANDARD.STANDARD, *_UNDOING.STANDARD]
