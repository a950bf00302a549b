"""Office hours, so that the demo's people mostly act on weekdays between 8:00 and 18:00."""

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from itertools import count
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Europe/Berlin")
OPENS, CLOSES = time(8), time(18)


def _window(day: date) -> tuple[datetime, datetime] | None:
    if day.weekday() >= 5:
        return None
    return datetime.combine(day, OPENS, LOCAL), datetime.combine(day, CLOSES, LOCAL)


def _days(start: datetime) -> Iterator[date]:
    first = start.astimezone(LOCAL).date()
    for offset in count():
        yield first + timedelta(days=offset)


def office_minutes(start: datetime, end: datetime) -> float:
    """Minutes of office hours between `start` and `end`."""
    total = 0.0
    for day in _days(start):
        window = _window(day)
        if window is not None:
            overlap = min(end, window[1]) - max(start, window[0])
            total += max(overlap.total_seconds(), 0) / 60
        if datetime.combine(day, CLOSES, LOCAL) >= end:
            break
    return total


def after_office_minutes(start: datetime, minutes: float) -> datetime:
    """The moment `minutes` of office hours after `start` (starting at the next opening)."""
    for day in _days(start):
        window = _window(day)
        if window is None or window[1] <= start:
            continue
        begin = max(start, window[0])
        available = (window[1] - begin).total_seconds() / 60
        if minutes <= available:
            return begin + timedelta(minutes=minutes)
        minutes -= available
    raise AssertionError("unreachable: every week has office hours")
