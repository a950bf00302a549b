"""Hand-computed business-time cases; each comment shows the arithmetic."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from latitude.sla.calendars import Calendar
from latitude.sla.hours import WorkingInterval
from latitude.sla.tests.calendars import (
    OFFICE_DAY,
    berlin,
    munich,
    new_york,
    office_week,
)

ALL_DAY = (WorkingInterval(0, 24 * 60),)


def around_the_clock() -> Calendar:
    return Calendar(weekly=dict.fromkeys(range(7), ALL_DAY), time_zone="Europe/Berlin")


def test_friday_afternoon_ticket_in_munich_is_due_monday_morning():
    # 2024-06-07 is a Friday: 16:30-17:00 gives 30 minutes, Monday 08:00 + 90 = 09:30.
    due = munich().add_business_minutes(berlin(2024, 6, 7, 16, 30), 120)
    assert due == berlin(2024, 6, 10, 9, 30)


def test_lunch_break_is_not_counted():
    # Tuesday 11:30 + 60: 30 minutes before lunch, 30 after 13:00.
    assert munich().add_business_minutes(berlin(2024, 6, 11, 11, 30), 60) == berlin(
        2024, 6, 11, 13, 30
    )


def test_due_time_on_the_end_of_an_interval_is_that_end():
    calendar = munich()
    assert calendar.add_business_minutes(berlin(2024, 6, 11, 8), 240) == berlin(2024, 6, 11, 12)
    assert calendar.add_business_minutes(berlin(2024, 6, 11, 16), 60) == berlin(2024, 6, 11, 17)


def test_start_boundary_is_working_and_end_boundary_is_not():
    calendar = munich()
    assert calendar.is_working(berlin(2024, 6, 11, 8))
    assert calendar.is_working(berlin(2024, 6, 11, 11, 59, 59, 999999))
    assert not calendar.is_working(berlin(2024, 6, 11, 12))
    assert calendar.is_working(berlin(2024, 6, 11, 13))
    assert not calendar.is_working(berlin(2024, 6, 11, 17))
    assert not calendar.is_working(berlin(2024, 6, 15, 10))  # Saturday


@pytest.mark.parametrize(
    ("opened", "minutes", "due"),
    [
        ((2024, 6, 11, 12, 0), 60, (2024, 6, 11, 14, 0)),  # opened at lunch
        ((2024, 6, 11, 7, 0), 30, (2024, 6, 11, 8, 30)),  # before opening
        ((2024, 6, 11, 18, 0), 30, (2024, 6, 12, 8, 30)),  # after closing
        ((2024, 6, 15, 10, 0), 1, (2024, 6, 17, 8, 1)),  # on a Saturday
        ((2024, 6, 11, 17, 0), 0, (2024, 6, 12, 8, 0)),  # zero minutes on the end boundary
    ],
)
def test_tickets_opened_outside_working_hours_start_counting_at_the_next_opening(
    opened, minutes, due
):
    assert munich().add_business_minutes(berlin(*opened), minutes) == berlin(*due)


def test_adding_zero_keeps_a_working_instant_and_moves_a_non_working_one():
    calendar = munich()
    working = berlin(2024, 6, 11, 9, 15, 7, 123)
    assert calendar.add_business_minutes(working, 0) == working
    assert calendar.add_business_minutes(berlin(2024, 6, 15, 10), 0) == berlin(2024, 6, 17, 8)
    assert calendar.next_working_instant(berlin(2024, 6, 11, 12, 30)) == berlin(2024, 6, 11, 13)


def test_fractions_of_a_second_are_kept_exactly():
    due = munich().add_business_minutes(berlin(2024, 6, 11, 9, 0, 0, 123456), 1)
    assert due == berlin(2024, 6, 11, 9, 1, 0, 123456)


def test_berlin_spring_forward_weekend_is_an_hour_shorter_in_real_time():
    # DST begins Sunday 2025-03-30. Friday 16:00 CET (15:00 UTC) + 120: 60 on Friday,
    # Monday 08:00 CEST (06:00 UTC) + 60 = 07:00 UTC.
    due = munich().add_business_minutes(berlin(2025, 3, 28, 16), 120)
    assert due == datetime(2025, 3, 31, 7, tzinfo=UTC)
    assert due - berlin(2025, 3, 28, 16) == timedelta(hours=64)


def test_berlin_fall_back_weekend_is_an_hour_longer_in_real_time():
    # DST ends Sunday 2025-10-26: Friday 16:00 CEST + 120 = Monday 09:00 CET = 08:00 UTC.
    due = munich().add_business_minutes(berlin(2025, 10, 24, 16), 120)
    assert due == datetime(2025, 10, 27, 8, tzinfo=UTC)
    assert due - berlin(2025, 10, 24, 16) == timedelta(hours=66)


def test_whole_days_have_their_real_length_on_dst_sundays():
    calendar = around_the_clock()
    assert calendar.business_minutes_between(berlin(2025, 3, 30), berlin(2025, 3, 31)) == 23 * 60
    assert calendar.business_minutes_between(berlin(2025, 10, 26), berlin(2025, 10, 27)) == 25 * 60
    # Saturday 12:00 CET + 24 real hours is Sunday 13:00 CEST.
    due = calendar.add_business_minutes(berlin(2025, 3, 29, 12), 24 * 60)
    assert due == berlin(2025, 3, 30, 13)


def test_working_hours_across_the_switch_have_their_real_length():
    night = (WorkingInterval.from_times(time(1), time(4)),)
    skipped = (WorkingInterval.from_times(time(2, 15), time(2, 45)),)
    calendar = Calendar(weekly={6: night}, time_zone="Europe/Berlin")
    assert _minutes_on(calendar, date(2025, 3, 30)) == 120  # 02:00-03:00 never happens
    assert _minutes_on(calendar, date(2025, 10, 26)) == 240  # 02:00-03:00 happens twice
    assert _minutes_on(calendar, date(2025, 4, 6)) == 180
    gap = Calendar(weekly={6: skipped, 0: OFFICE_DAY}, time_zone="Europe/Berlin")
    assert gap.working_periods_on(date(2025, 3, 30)) == []


def _minutes_on(calendar: Calendar, day: date) -> int:
    periods = calendar.working_periods_on(day)
    return sum((end - start for start, end in periods), timedelta()) // timedelta(minutes=1)


def test_new_york_dst_changes_move_the_utc_due_time():
    calendar = Calendar(
        weekly=dict.fromkeys(range(5), (WorkingInterval.from_times(time(9), time(17)),)),
        time_zone="America/New_York",
        holiday_country="US",
        holiday_subdivision="NY",
    )
    # DST begins Sunday 2025-03-09: Friday 16:00 EST + 120 = Monday 10:00 EDT = 14:00 UTC.
    spring = calendar.add_business_minutes(new_york(2025, 3, 7, 16), 120)
    assert spring == datetime(2025, 3, 10, 14, tzinfo=UTC)
    # DST ends Sunday 2025-11-02: Friday 16:00 EDT + 120 = Monday 10:00 EST = 15:00 UTC.
    autumn = calendar.add_business_minutes(new_york(2025, 10, 31, 16), 120)
    assert autumn == datetime(2025, 11, 3, 15, tzinfo=UTC)


def test_christmas_and_new_year_in_bavaria():
    calendar = munich()
    # Monday 23 Dec 16:00: 60 + Tuesday 24th 480; 25th and 26th are holidays; Friday 27th 60.
    assert calendar.add_business_minutes(berlin(2024, 12, 23, 16), 600) == berlin(2024, 12, 27, 9)
    # Tuesday 31 Dec 16:00: 60, 1 January is a holiday, Thursday 2 January 09:00.
    assert calendar.add_business_minutes(berlin(2024, 12, 31, 16), 120) == berlin(2025, 1, 2, 9)
    # Working days from 23 Dec to 2 Jan: 23, 24, 27, 30, 31 December.
    between = calendar.business_minutes_between(berlin(2024, 12, 23, 8), berlin(2025, 1, 2, 8))
    assert between == 5 * 480


def test_epiphany_is_a_holiday_in_bavaria_but_not_in_north_rhine_westphalia():
    friday = berlin(2025, 1, 3, 16)
    assert munich().add_business_minutes(friday, 120) == berlin(2025, 1, 7, 9)
    cologne = Calendar(
        weekly=office_week(),
        time_zone="Europe/Berlin",
        holiday_country="DE",
        holiday_subdivision="NW",
    )
    assert cologne.add_business_minutes(friday, 120) == berlin(2025, 1, 6, 9)
    assert munich().is_holiday(date(2025, 1, 6))
    assert not cologne.is_holiday(date(2025, 1, 6))


def test_extra_working_saturday_works_standard_hours():
    calendar = munich(extra_working_days=[date(2025, 6, 14)])
    assert calendar.add_business_minutes(berlin(2025, 6, 13, 16), 120) == berlin(2025, 6, 14, 9)


def test_extra_working_hours_on_a_saturday():
    hours = {date(2025, 6, 14): [WorkingInterval.from_times(time(10), time(14))]}
    calendar = munich(extra_working_hours=hours)
    assert calendar.add_business_minutes(berlin(2025, 6, 13, 16), 120) == berlin(2025, 6, 14, 11)


def test_worked_holiday_has_the_normal_hours_of_its_weekday():
    calendar = munich(extra_working_days=[date(2025, 1, 6)])
    assert calendar.add_business_minutes(berlin(2025, 1, 3, 16), 120) == berlin(2025, 1, 6, 9)


def test_whole_day_closure_skips_the_day():
    calendar = munich(closed_dates=[date(2025, 6, 16)])
    assert calendar.add_business_minutes(berlin(2025, 6, 13, 16), 120) == berlin(2025, 6, 17, 9)


def test_closed_range_removes_part_of_a_day():
    calendar = munich(closed_ranges=[(berlin(2025, 6, 16, 8), berlin(2025, 6, 16, 10))])
    assert calendar.add_business_minutes(berlin(2025, 6, 13, 16), 120) == berlin(2025, 6, 16, 11)


def test_closure_wins_over_an_extra_working_day():
    saturday = date(2025, 6, 14)
    calendar = munich(extra_working_days=[saturday], closed_dates=[saturday])
    assert calendar.add_business_minutes(berlin(2025, 6, 13, 16), 120) == berlin(2025, 6, 16, 9)


def test_minutes_between_counts_only_business_time_and_is_signed():
    calendar = munich()
    start, end = berlin(2024, 6, 7, 16, 30), berlin(2024, 6, 10, 9, 30)
    assert calendar.business_minutes_between(start, end) == 120
    assert calendar.business_minutes_between(end, start) == -120
    assert calendar.business_minutes_between(start, start) == 0
    lunch = calendar.business_minutes_between(berlin(2024, 6, 11, 12), berlin(2024, 6, 11, 13))
    assert lunch == 0


def test_minutes_between_rounds_partial_minutes_towards_zero():
    calendar = munich()
    start, end = berlin(2024, 6, 11, 9), berlin(2024, 6, 11, 9, 2, 59)
    assert calendar.business_minutes_between(start, end) == 2
    assert calendar.business_minutes_between(end, start) == -2
    assert calendar.business_time_between(start, end) == timedelta(minutes=2, seconds=59)


def test_additions_and_measurements_across_many_years():
    calendar = munich()
    start = berlin(2024, 6, 7, 16, 30)
    due = calendar.add_business_minutes(start, 1_000_000)
    assert due.year > 2030
    assert calendar.business_minutes_between(start, due) == 1_000_000


def test_results_are_aware_utc_datetimes():
    due = munich().add_business_minutes(berlin(2024, 6, 7, 16, 30), 120)
    assert due.tzinfo is UTC


def sunday_night_shift_in_new_york() -> Calendar:
    return Calendar(
        weekly={6: (WorkingInterval(0, 15), WorkingInterval(15, 75))},
        time_zone="America/New_York",
    )


def test_an_ambiguous_autumn_instant_that_is_working_is_returned_unchanged():
    # 2024-11-03 01:00 happens twice in New York: 05:00 UTC (EDT) and 06:00 UTC (EST). The shift
    # 00:15-01:15 runs from 04:15 UTC to the first 01:15, 05:15 UTC, so both 01:00 fold=0 and
    # 01:05 fold=0 are working and adding nothing must give back an instant equal to them.
    calendar = sunday_night_shift_in_new_york()
    for minute in (0, 5):
        first = new_york(2024, 11, 3, 1, minute)
        assert calendar.add_business_minutes(first, 0) == first
        assert calendar.next_working_instant(first) == first
    # 01:00 fold=1 (06:00 UTC) is after the shift ended at 05:15 UTC: the next one is a week on.
    second = new_york(2024, 11, 3, 1, 0).replace(fold=1)
    assert not calendar.is_working(second)
    assert calendar.add_business_minutes(second, 0) == datetime(2024, 11, 10, 5, 0, tzinfo=UTC)
    # 01:00 EDT + 10 minutes = 05:10 UTC; the shift holds 75 real minutes (04:00-05:15 UTC).
    assert calendar.add_business_minutes(new_york(2024, 11, 3, 1), 10) == datetime(
        2024, 11, 3, 5, 10, tzinfo=UTC
    )
    assert (
        calendar.business_minutes_between(
            datetime(2024, 11, 3, tzinfo=UTC), datetime(2024, 11, 4, tzinfo=UTC)
        )
        == 75
    )
