"""Definitions and inputs the engine refuses, each with a clear error."""

from datetime import date, datetime, time, timedelta

import pytest

from latitude.sla.calendars import Calendar
from latitude.sla.errors import (
    CalendarError,
    InvalidWorkingHoursError,
    NoWorkingTimeError,
    OutOfRangeError,
)
from latitude.sla.hours import WorkingInterval
from latitude.sla.tests.calendars import berlin, munich, office_week


def calendar_with(**changes: object) -> Calendar:
    definition: dict[str, object] = {"weekly": office_week(), "time_zone": "Europe/Berlin"}
    definition.update(changes)
    return Calendar(**definition)  # type: ignore[arg-type]


def test_a_week_without_working_time_is_refused():
    with pytest.raises(NoWorkingTimeError, match="working time"):
        calendar_with(weekly={})


def test_extra_working_days_do_not_make_an_empty_week_acceptable():
    with pytest.raises(NoWorkingTimeError):
        calendar_with(weekly={0: ()}, extra_working_days=[date(2025, 6, 14)])


def test_overlapping_intervals_on_a_weekday_are_refused():
    overlapping = (
        WorkingInterval.from_times(time(8), time(12)),
        WorkingInterval.from_times(time(11), time(17)),
    )
    with pytest.raises(InvalidWorkingHoursError, match="08:00-12:00 and 11:00-17:00 overlap"):
        calendar_with(weekly={2: overlapping})


def test_touching_intervals_are_accepted():
    touching = (
        WorkingInterval.from_times(time(8), time(12)),
        WorkingInterval.from_times(time(12), time(17)),
    )
    assert calendar_with(weekly={2: touching}).weekly_minutes == 9 * 60


@pytest.mark.parametrize(("start", "end"), [(time(12), time(8)), (time(9), time(9))])
def test_interval_ending_before_or_at_its_start_is_refused(start, end):
    with pytest.raises(InvalidWorkingHoursError, match="end after it starts"):
        WorkingInterval.from_times(start, end)


def test_midnight_as_end_means_the_end_of_the_day():
    assert WorkingInterval.from_times(time(22), time(0)).minutes == 120


def test_working_hours_must_be_whole_minutes():
    with pytest.raises(InvalidWorkingHoursError):
        WorkingInterval.from_times(time(8, 0, 30), time(12))


def test_unknown_weekday_is_refused():
    with pytest.raises(InvalidWorkingHoursError):
        calendar_with(weekly={7: (WorkingInterval(480, 600),)})


def test_unknown_time_zone_is_refused():
    with pytest.raises(CalendarError, match="Unknown time zone Europe/Munich") as refused:
        calendar_with(time_zone="Europe/Munich")
    assert refused.value.field == "time_zone"


@pytest.mark.parametrize(
    ("country", "subdivision", "field"),
    [
        ("XX", "", "holiday_country"),
        ("DE", "ZZ", "holiday_subdivision"),
        ("", "BY", "holiday_subdivision"),
    ],
)
def test_unknown_holiday_region_is_refused(country, subdivision, field):
    with pytest.raises(CalendarError) as refused:
        calendar_with(holiday_country=country, holiday_subdivision=subdivision)
    assert refused.value.field == field


def test_naive_instants_are_refused():
    with pytest.raises(CalendarError, match="time zone"):
        munich().add_business_minutes(datetime(2025, 6, 13, 16), 10)  # noqa: DTZ001


@pytest.mark.parametrize("minutes", [-1, 1.5, True])
def test_minutes_must_be_a_whole_non_negative_number(minutes):
    with pytest.raises(CalendarError, match="whole number"):
        munich().add_business_minutes(berlin(2025, 6, 13, 16), minutes)


def test_negative_business_time_is_refused():
    with pytest.raises(CalendarError):
        munich().add_business_time(berlin(2025, 6, 13, 16), timedelta(minutes=-1))


def test_closure_ending_before_it_starts_is_refused():
    with pytest.raises(CalendarError, match="closure"):
        calendar_with(closed_ranges=[(berlin(2025, 6, 2), berlin(2025, 6, 1))])


def test_absurd_amounts_are_refused_without_searching():
    with pytest.raises(OutOfRangeError):
        munich().add_business_minutes(berlin(2025, 6, 13, 16), 10**12)


def test_search_through_a_very_long_closure_stops_at_the_horizon():
    closed = [(berlin(2025, 1, 1), berlin(2300, 1, 1))]
    calendar = calendar_with(closed_ranges=closed)
    with pytest.raises(OutOfRangeError):
        calendar.add_business_minutes(berlin(2025, 6, 13, 16), 60)
    with pytest.raises(OutOfRangeError):
        calendar.next_working_instant(berlin(2025, 6, 13, 16))


def test_instants_before_the_supported_years_are_refused():
    with pytest.raises(OutOfRangeError):
        munich().is_working(berlin(1800, 1, 1))


def test_measuring_across_more_than_the_horizon_is_refused():
    with pytest.raises(OutOfRangeError):
        munich().business_minutes_between(berlin(2000, 1, 1), berlin(2200, 1, 1))
