"""A controllable clock, so the demo's actions happen at chosen moments in the past."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, tzinfo
from unittest import mock


class DemoClock:
    """The current instant as seen by `django.utils.timezone.now` while the clock is installed."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def set(self, instant: datetime) -> None:
        self.current = instant


@contextmanager
def installed_clock(start: datetime) -> Iterator[DemoClock]:
    """Make `timezone.now()` return `clock.current` inside the block.

    Patching `timezone.now` itself would miss model fields declared with `default=timezone.now`
    (they hold the original function), so the clock replaces the `datetime` class that function
    reads instead; every caller then sees the same instant.
    """
    clock = DemoClock(start)

    class ClockedDatetime(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
            # A plain datetime, not this class: callers compare and store it like any other.
            return clock.current.astimezone(tz) if tz else clock.current.replace(tzinfo=None)

    with mock.patch("django.utils.timezone.datetime", ClockedDatetime):
        yield clock
