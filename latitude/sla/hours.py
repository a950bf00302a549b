"""Working intervals within one local day, as minutes after midnight (pure, no ORM).

A day's interval is half-open: [start, end). The end may be 1440 (24:00); in models and forms
an end of 00:00 means midnight at the end of the day, because `datetime.time` has no 24:00.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import time
from itertools import pairwise

from django.utils.translation import gettext as _

from latitude.sla.errors import InvalidWorkingHoursError, NoWorkingTimeError

MINUTES_PER_DAY = 24 * 60
WEEKDAYS = range(7)  # 0 = Monday ... 6 = Sunday, as date.weekday()

DayHours = tuple["WorkingInterval", ...]
WeeklyHours = tuple[DayHours, ...]


@dataclass(frozen=True, slots=True, order=True)
class WorkingInterval:
    """Working time on a local day from `start` to `end` minutes after midnight."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < MINUTES_PER_DAY or not 0 < self.end <= MINUTES_PER_DAY:
            raise InvalidWorkingHoursError(_("Working hours must lie within the day."))
        if self.end <= self.start:
            raise InvalidWorkingHoursError(_("A working period must end after it starts."))

    @classmethod
    def from_times(cls, start: time, end: time) -> "WorkingInterval":
        """Build from wall-clock times; an end of 00:00 means the end of the day."""
        end_minute = minute_of_day(end) or MINUTES_PER_DAY
        return cls(minute_of_day(start), end_minute)

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def overlaps(self, other: "WorkingInterval") -> bool:
        return self.start < other.end and other.start < self.end


def minute_of_day(value: time) -> int:
    if value.second or value.microsecond:
        raise InvalidWorkingHoursError(_("Working hours are whole minutes."))
    return value.hour * 60 + value.minute


def format_minute(minute: int) -> str:
    hours, minutes = divmod(minute, 60)
    return f"{hours:02d}:{minutes:02d}"


def day_hours(intervals: Iterable[WorkingInterval]) -> DayHours:
    """Sorted intervals of one day; overlapping intervals are refused, touching ones are fine."""
    ordered = sorted(intervals)
    for earlier, later in pairwise(ordered):
        if earlier.overlaps(later):
            raise InvalidWorkingHoursError(
                _("Working periods %(first)s and %(second)s overlap.")
                % {"first": describe(earlier), "second": describe(later)}
            )
    return tuple(ordered)


def weekly_hours(by_weekday: Mapping[int, Sequence[WorkingInterval]]) -> WeeklyHours:
    """Validated hours for Monday..Sunday; a week without any working time is refused."""
    unknown = set(by_weekday) - set(WEEKDAYS)
    if unknown:
        raise InvalidWorkingHoursError(_("Weekdays are numbered 0 (Monday) to 6 (Sunday)."))
    week = tuple(day_hours(by_weekday.get(weekday, ())) for weekday in WEEKDAYS)
    if not any(week):
        raise NoWorkingTimeError(_("A calendar needs working time on at least one weekday."))
    return week


def union(first: DayHours, second: Iterable[WorkingInterval]) -> DayHours:
    """Merge two sets of intervals of the same day; overlaps are allowed here and joined."""
    merged: list[WorkingInterval] = []
    for interval in sorted((*first, *second)):
        if merged and interval.start <= merged[-1].end:
            last = merged.pop()
            interval = WorkingInterval(last.start, max(last.end, interval.end))
        merged.append(interval)
    return tuple(merged)


def weekly_minutes(week: WeeklyHours) -> int:
    return sum(interval.minutes for day in week for interval in day)


def describe(interval: WorkingInterval) -> str:
    return f"{format_minute(interval.start)}-{format_minute(interval.end)}"
