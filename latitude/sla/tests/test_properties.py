"""Properties of business-time arithmetic for random calendars, instants and amounts."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from latitude.sla.calendars import Calendar
from latitude.sla.hours import WorkingInterval

ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "UTC",
    "Australia/Lord_Howe",  # a 30-minute DST shift
    "Asia/Kolkata",
    "America/Sao_Paulo",
    "Pacific/Chatham",  # DST changes at 02:45
]
REGIONS = [("", ""), ("DE", "BY"), ("DE", "NW"), ("US", "CA"), ("AT", ""), ("CH", "ZH")]
ONE_MICROSECOND = timedelta(microseconds=1)
PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def day_hours(draw: st.DrawFn, first_minute: int = 0, step: int = 15) -> list[WorkingInterval]:
    """Up to three disjoint intervals on boundaries `step` minutes apart."""
    slots = range(first_minute // step, 24 * 60 // step + 1)
    points = sorted(draw(st.lists(st.sampled_from(slots), unique=True, max_size=6)))
    pairs = zip(points[::2], points[1::2], strict=False)
    return [WorkingInterval(start * step, end * step) for start, end in pairs]


@st.composite
def calendars(draw: st.DrawFn, first_minute: int = 0, step: int = 15) -> Calendar:
    week = {day: draw(day_hours(first_minute, step)) for day in range(7)}
    if not any(week.values()):
        week[draw(st.integers(0, 6))] = [WorkingInterval(max(first_minute, 9 * 60), 17 * 60)]
    country, subdivision = draw(st.sampled_from(REGIONS))
    days = st.dates(date(2024, 1, 1), date(2026, 12, 31))
    return Calendar(
        weekly=week,
        time_zone=draw(st.sampled_from(ZONES)),
        holiday_country=country,
        holiday_subdivision=subdivision,
        closed_dates=draw(st.lists(days, max_size=3)),
        extra_working_days=draw(st.lists(days, max_size=2)),
    )


instants = st.datetimes(
    min_value=datetime(2024, 1, 1),  # noqa: DTZ001
    max_value=datetime(2026, 12, 31),  # noqa: DTZ001
    timezones=st.sampled_from([UTC, ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")]),
    allow_imaginary=False,
)
amounts = st.integers(min_value=0, max_value=10_000)


@PROPERTY_SETTINGS
@given(calendars(), instants, amounts)
def test_measuring_what_was_added_gives_it_back(calendar, start, minutes):
    due = calendar.add_business_minutes(start, minutes)
    assert calendar.business_minutes_between(start, due) == minutes
    assert calendar.business_time_between(start, due) == timedelta(minutes=minutes)


@PROPERTY_SETTINGS
@given(calendars(), instants, amounts, amounts)
def test_adding_is_monotone_in_the_amount(calendar, start, first, second):
    smaller, larger = sorted([first, second])
    assert calendar.add_business_minutes(start, smaller) <= calendar.add_business_minutes(
        start, larger
    )


@PROPERTY_SETTINGS
@given(calendars(), instants)
def test_adding_zero_is_the_next_working_instant(calendar, start):
    moved = calendar.add_business_minutes(start, 0)
    assert moved == calendar.next_working_instant(start)
    assert calendar.is_working(moved)
    if calendar.is_working(start):
        assert moved == start
    else:
        assert moved > start
        assert not calendar.is_working(moved - ONE_MICROSECOND)
        assert calendar.business_time_between(start, moved) == timedelta(0)


@PROPERTY_SETTINGS
@given(calendars(), instants, amounts, st.integers(min_value=1, max_value=10_000))
def test_adding_in_two_steps_equals_adding_at_once(calendar, start, first, second):
    in_steps = calendar.add_business_minutes(calendar.add_business_minutes(start, first), second)
    assert in_steps == calendar.add_business_minutes(start, first + second)


@PROPERTY_SETTINGS
@given(calendars(), instants, instants, instants)
def test_measured_time_adds_up_and_changes_sign_when_reversed(calendar, first, second, third):
    a, b, c = sorted([first, second, third])
    between = calendar.business_time_between
    assert between(a, c) == between(a, b) + between(b, c)
    assert between(c, a) == -between(a, c)


def count_minutes_one_by_one(calendar: Calendar, start: datetime, end: datetime) -> int:
    """An independent oracle: look at the local wall clock of every minute of real time."""
    tz = ZoneInfo(calendar.time_zone)
    counted, moment = 0, start
    while moment < end:
        local = moment.astimezone(tz)
        minute = local.hour * 60 + local.minute
        day = local.date()
        if day not in calendar.closed_dates and not calendar.is_holiday(day):
            hours = calendar.week[day.weekday()]
            counted += any(i.start <= minute < i.end for i in hours)
        moment += timedelta(minutes=1)
    return counted


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    calendars(first_minute=5 * 60, step=60).filter(lambda c: not c._extra),
    instants.map(lambda moment: moment.astimezone(UTC).replace(second=0, microsecond=0)),
    st.integers(min_value=0, max_value=4 * 24 * 60),
)
def test_measured_minutes_match_counting_the_wall_clock_minute_by_minute(calendar, start, span):
    # Hours start at 05:00 or later, away from the night-time DST switches, so that the
    # repeated or skipped wall-clock hour cannot make the oracle itself ambiguous.
    end = start + timedelta(minutes=span)
    assert calendar.business_minutes_between(start, end) == count_minutes_one_by_one(
        calendar, start, end
    )
