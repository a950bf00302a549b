"""Test helpers for the standard grants a desk starts with (migration scopes 0003)."""

import importlib

from django.apps import apps

from latitude.scopes.models import Grant, GrantsRevision, GrantVersion

_STANDARD = importlib.import_module("latitude.scopes.migrations.0003_standard_grants")


def remove_all_grants() -> None:
    """Start from a desk where nobody may decide anything (bypasses immutability on purpose)."""
    GrantVersion.objects.all()._raw_delete(GrantVersion.objects.db)
    Grant.objects.all()._raw_delete(Grant.objects.db)
    GrantsRevision.bump()


def install_standard_grants() -> None:
    """What migrate seeds; for transactional tests, whose flush removes it."""
    _STANDARD.seed(apps, None)


STANDARD_GRANTS = _STANDARD.STANDARD
