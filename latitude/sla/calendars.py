"""Business-time arithmetic on a working calendar (pure Python, no ORM in the hot path).

Semantics, in one place:

* Working time is a set of half-open intervals [start, end) of real (UTC) time. An instant on a
  start boundary is working; an instant on an end boundary is not.
* Working hours are local wall-clock times in the calendar's zone, so a working day across a DST
  change has its real length (see `localtime.wall_to_us` for repeated and skipped wall times).
* A day has no working time if it is a public holiday of the calendar's region or a closed date.
  An extra working day (a worked holiday, a Saturday) works the weekday's normal hours, or, on a
  day that normally has none, the hours of the first weekday that has some. Extra working hours
  are added to whatever the day has. Closures are removed last, so a closure always wins.
* `add_business_minutes(t, 0)` is `next_working_instant(t)`: t itself when t is working, else the
  start of the next working interval. For n > 0 it is the earliest instant by which n business
  minutes have elapsed since t, so it may be the end of an interval (16:00 + 60 min = 17:00).
* `business_minutes_between(a, b)` counts whole business minutes (rounded towards zero) and is
  negative when b is before a; `business_time_between` gives the exact timedelta. For n >= 0,
  business_minutes_between(t, add_business_minutes(t, n)) == n.
* Results are aware datetimes in UTC, except that an unchanged instant is returned as given
  (see `_as_given_or_utc`). Work never reaches further than HORIZON_YEARS ahead.

Speed: working intervals are built lazily one local year at a time, with running totals, so an
addition is two binary searches within a year and a subtraction per whole year skipped.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import accumulate

import holidays
from django.utils.translation import gettext as _

from latitude.sla.errors import CalendarError, OutOfRangeError
from latitude.sla.hours import (
    DayHours,
    WorkingInterval,
    union,
    weekly_hours,
    weekly_minutes,
)
from latitude.sla.localtime import (
    MICROSECONDS_PER_MINUTE,
    ONE_MICROSECOND,
    from_us,
    to_us,
    wall_to_us,
    zone,
)

HORIZON_YEARS = 100
FIRST_YEAR, LAST_YEAR = 1900, 9998
AVERAGE_YEAR_US = 31_556_952_000_000  # 365.2425 days: a first guess, corrected by year bounds
HOUR_US = 60 * MICROSECONDS_PER_MINUTE
ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=1)
def supported_holiday_regions() -> dict[str, frozenset[str]]:
    return {code: frozenset(subs) for code, subs in holidays.list_supported_countries().items()}


def check_holiday_region(country: str, subdivision: str) -> None:
    """Refuse a holiday country or subdivision the `holidays` package does not know."""
    regions = supported_holiday_regions()
    if country and country not in regions:
        raise CalendarError(
            _("Unknown holiday country %(country)s.") % {"country": country},
            field="holiday_country",
        )
    if subdivision and not country:
        raise CalendarError(
            _("A holiday subdivision needs a holiday country."), field="holiday_subdivision"
        )
    if subdivision and subdivision not in regions[country]:
        raise CalendarError(
            _("Unknown holiday subdivision %(subdivision)s of %(country)s.")
            % {"subdivision": subdivision, "country": country},
            field="holiday_subdivision",
        )


@lru_cache(maxsize=2048)
def holiday_dates(country: str, subdivision: str, year: int) -> frozenset[date]:
    if not country:
        return frozenset()
    found = holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    return frozenset(found.keys())


@dataclass(slots=True, frozen=True)
class _Year:
    """Working intervals of one local calendar year with running business totals."""

    year: int
    low: int  # local midnight of 1 January, in microseconds since the epoch
    high: int  # local midnight of 1 January of the next year
    starts: list[int]
    ends: list[int]
    elapsed_at_end: list[int]  # business microseconds from `low` to the end of interval i
    total: int

    def elapsed(self, instant: int) -> int:
        """Business microseconds between the start of this year and `instant`."""
        index = bisect_right(self.starts, instant) - 1
        if index < 0:
            return 0
        end = self.ends[index]
        done = self.elapsed_at_end[index]
        return done if instant >= end else done - (end - instant)

    def instant_after(self, business: int) -> int:
        """The earliest instant by which `business` (0 < business <= total) has elapsed."""
        index = bisect_left(self.elapsed_at_end, business)
        return self.ends[index] - (self.elapsed_at_end[index] - business)


class Calendar:
    """A working calendar: weekly hours in a zone, public holidays, closures, extra days."""

    __slots__ = (
        "_closed_ranges",
        "_extra",
        "_reach_limit",
        "_recent",
        "_years",
        "closed_dates",
        "holiday_country",
        "holiday_subdivision",
        "time_zone",
        "tz",
        "week",
    )

    def __init__(
        self,
        *,
        weekly: Mapping[int, Sequence[WorkingInterval]],
        time_zone: str,
        holiday_country: str = "",
        holiday_subdivision: str = "",
        closed_dates: Iterable[date] = (),
        closed_ranges: Iterable[tuple[datetime, datetime]] = (),
        extra_working_days: Iterable[date] = (),
        extra_working_hours: Mapping[date, Sequence[WorkingInterval]] | None = None,
    ) -> None:
        check_holiday_region(holiday_country, holiday_subdivision)
        self.week = weekly_hours(weekly)
        self.time_zone = time_zone
        self.tz = zone(time_zone)
        self.holiday_country = holiday_country
        self.holiday_subdivision = holiday_subdivision
        self.closed_dates = frozenset(closed_dates)
        self._closed_ranges = _closed_microseconds(closed_ranges)
        self._extra = self._resolve_extra(extra_working_days, extra_working_hours or {})
        self._reach_limit = self._reachable_microseconds()
        self._years: dict[int, _Year] = {}
        self._recent = _Year(0, 0, 0, [], [], [], 0)  # most instants fall in the same year

    def __repr__(self) -> str:
        region = "-".join(filter(None, [self.holiday_country, self.holiday_subdivision]))
        return f"<Calendar {self.time_zone} {region or 'no holidays'}>"

    # Public API -------------------------------------------------------------------------

    @property
    def weekly_minutes(self) -> int:
        """Nominal working minutes in a week without holidays or exceptions."""
        return weekly_minutes(self.week)

    def is_working(self, instant: datetime) -> bool:
        moment = to_us(instant)
        year = self._year_of(moment)
        index = bisect_right(year.starts, moment) - 1
        return index >= 0 and moment < year.ends[index]

    def next_working_instant(self, instant: datetime) -> datetime:
        """`instant` if it is working time, else the start of the next working interval."""
        moment = to_us(instant)
        return _as_given_or_utc(instant, moment, self._next_working(moment))

    def add_business_minutes(self, instant: datetime, minutes: int) -> datetime:
        if type(minutes) is not int or minutes < 0:
            raise CalendarError(_("Business minutes to add must be a whole number, 0 or more."))
        moment = to_us(instant)
        result = self._add(moment, minutes * MICROSECONDS_PER_MINUTE)
        return _as_given_or_utc(instant, moment, result)

    def add_business_time(self, instant: datetime, amount: timedelta) -> datetime:
        if amount < timedelta(0):
            raise CalendarError(_("Business time to add cannot be negative."))
        moment = to_us(instant)
        return _as_given_or_utc(instant, moment, self._add(moment, amount // ONE_MICROSECOND))

    def business_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Exact business time from `start` to `end`; negative when `end` is earlier."""
        first, last = to_us(start), to_us(end)
        if last < first:
            return -timedelta(microseconds=self._between(last, first))
        return timedelta(microseconds=self._between(first, last))

    def business_minutes_between(self, start: datetime, end: datetime) -> int:
        """Whole business minutes from `start` to `end`, rounded towards zero."""
        first, last = to_us(start), to_us(end)
        if last < first:
            return -(self._between(last, first) // MICROSECONDS_PER_MINUTE)
        return self._between(first, last) // MICROSECONDS_PER_MINUTE

    def working_periods_on(self, day: date) -> list[tuple[datetime, datetime]]:
        """The working intervals of a local date, as aware UTC datetimes."""
        year = self._year(day.year)
        low, high = wall_to_us(self.tz, day, 0), wall_to_us(self.tz, day + ONE_DAY, 0)
        first = bisect_left(year.starts, low)
        pairs = zip(year.starts[first:], year.ends[first:], strict=True)
        return [(from_us(start), from_us(end)) for start, end in pairs if start < high]

    def is_holiday(self, day: date) -> bool:
        return day in holiday_dates(self.holiday_country, self.holiday_subdivision, day.year)

    # Arithmetic on microseconds ---------------------------------------------------------

    def _add(self, moment: int, amount: int) -> int:
        if amount == 0:
            return self._next_working(moment)
        if amount > self._reach_limit:
            raise OutOfRangeError(_("The result lies too far in the future."))
        year = self._year_of(moment)
        target = year.elapsed(moment) + amount
        limit = year.year + HORIZON_YEARS
        while target > year.total:
            target -= year.total
            year = self._following(year, limit)
        return year.instant_after(target)

    def _next_working(self, moment: int) -> int:
        year = self._year_of(moment)
        limit = year.year + HORIZON_YEARS
        index = bisect_right(year.ends, moment)
        while index == len(year.ends):
            year, index = self._following(year, limit), 0
        return max(moment, year.starts[index])

    def _between(self, first: int, last: int) -> int:
        """Business microseconds from `first` to `last` (first <= last)."""
        start_year, end_year = self._year_of(first), self._year_of(last)
        if end_year.year - start_year.year > HORIZON_YEARS:
            raise OutOfRangeError(_("The instants lie too far apart."))
        if start_year is end_year:
            return end_year.elapsed(last) - start_year.elapsed(first)
        whole_years = range(start_year.year + 1, end_year.year)
        return (
            start_year.total
            - start_year.elapsed(first)
            + sum(self._year(number).total for number in whole_years)
            + end_year.elapsed(last)
        )

    def _following(self, year: _Year, limit: int) -> _Year:
        if year.year >= limit:
            raise OutOfRangeError(
                _("No working time within the next %(years)d years.") % {"years": HORIZON_YEARS}
            )
        return self._year(year.year + 1)

    # Building years lazily --------------------------------------------------------------

    def _year_of(self, moment: int) -> _Year:
        year = self._recent
        if year.low <= moment < year.high:
            return year
        year = self._year(1970 + moment // AVERAGE_YEAR_US)
        while moment < year.low:
            year = self._year(year.year - 1)
        while moment >= year.high:
            year = self._year(year.year + 1)
        self._recent = year
        return year

    def _year(self, number: int) -> _Year:
        year = self._years.get(number)
        if year is None:
            year = self._years[number] = self._build_year(number)
        return year

    def _build_year(self, number: int) -> _Year:
        if not FIRST_YEAR <= number <= LAST_YEAR:
            raise OutOfRangeError(
                _("Calendars compute between the years %(first)d and %(last)d.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        low = wall_to_us(self.tz, date(number, 1, 1), 0)
        high = wall_to_us(self.tz, date(number + 1, 1, 1), 0)
        pairs = _subtract(self._intervals_of_year(number), self._closed_ranges, low, high)
        starts = [start for start, _end in pairs]
        ends = [end for _start, end in pairs]
        elapsed = list(accumulate(end - start for start, end in pairs))
        return _Year(number, low, high, starts, ends, elapsed, elapsed[-1] if elapsed else 0)

    def _intervals_of_year(self, number: int) -> list[tuple[int, int]]:
        free_days = holiday_dates(self.holiday_country, self.holiday_subdivision, number)
        pairs: list[tuple[int, int]] = []
        day, end = date(number, 1, 1), date(number + 1, 1, 1)
        while day < end:
            for interval in self._hours_on(day, free_days):
                start_us = wall_to_us(self.tz, day, interval.start)
                end_us = wall_to_us(self.tz, day, interval.end)
                if end_us > start_us:
                    pairs.append((start_us, end_us))
            day += ONE_DAY
        return pairs

    def _hours_on(self, day: date, free_days: frozenset[date]) -> DayHours:
        if day in self.closed_dates:
            return ()
        normal = () if day in free_days else self.week[day.weekday()]
        extra = self._extra.get(day)
        return normal if extra is None else union(normal, extra)

    def _resolve_extra(
        self, days: Iterable[date], hours: Mapping[date, Sequence[WorkingInterval]]
    ) -> dict[date, DayHours]:
        """Hours of each extra working day: its own, plus the standard ones if asked for."""
        standard = next(day for day in self.week if day)
        extra = {day: self.week[day.weekday()] or standard for day in days}
        for day, intervals in hours.items():
            extra[day] = union(extra.get(day, ()), intervals)
        return extra

    def _reachable_microseconds(self) -> int:
        """An upper bound of the business time within the horizon, to refuse absurd additions."""
        per_year = 54 * self.weekly_minutes * MICROSECONDS_PER_MINUTE + HOUR_US
        extra = sum(i.minutes for hours in self._extra.values() for i in hours)
        return (HORIZON_YEARS + 1) * per_year + extra * MICROSECONDS_PER_MINUTE


def _as_given_or_utc(instant: datetime, moment: int, result: int) -> datetime:
    """`instant` itself when the result is the same instant, else the result in UTC.

    Python compares an ambiguous local time (the repeated hour of an autumn DST change) with a
    datetime of another zone as unequal even when both denote the same instant, so converting
    an unchanged instant to UTC would make `add(t, 0) == t` false for such a t.
    """
    return instant if result == moment else from_us(result)


def _closed_microseconds(ranges: Iterable[tuple[datetime, datetime]]) -> list[tuple[int, int]]:
    closed = []
    for start, end in ranges:
        first, last = to_us(start), to_us(end)
        if last <= first:
            raise CalendarError(_("A closure must end after it starts."))
        closed.append((first, last))
    return sorted(closed)


def _subtract(
    pairs: list[tuple[int, int]], closed: list[tuple[int, int]], low: int, high: int
) -> list[tuple[int, int]]:
    """Working intervals minus the closed ranges that touch [low, high)."""
    for closed_start, closed_end in closed:
        if closed_end <= low or closed_start >= high:
            continue
        remaining = []
        for start, end in pairs:
            if end <= closed_start or start >= closed_end:
                remaining.append((start, end))
                continue
            if start < closed_start:
                remaining.append((start, closed_start))
            if end > closed_end:
                remaining.append((closed_end, end))
        pairs = remaining
    return pairs
