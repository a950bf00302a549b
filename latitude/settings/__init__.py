"""Settings, read from environment variables only (see docs/operations.md)."""

from latitude.settings.base import *  # noqa: F403
