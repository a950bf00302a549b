"""The desk of the scope pages, for the review tests too."""

from latitude.scopes.tests.ui.conftest import desk

__all__ = ["desk"]
