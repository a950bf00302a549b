"""Stored calendars: validation on save, compilation with caching, audited actions."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from latitude.core.errors import InvalidInput, NotFound, NotPermitted
from latitude.core.models import AuditEntry
from latitude.sla import actions, selectors
from latitude.sla.choices import ExceptionKind
from latitude.sla.errors import InvalidWorkingHoursError, NoWorkingTimeError
from latitude.sla.models import BusinessCalendar, CalendarException, WorkingPeriod
from latitude.sla.tests.calendars import berlin
from latitude.testing.factories import AdminFactory, AgentFactory

pytestmark = pytest.mark.django_db

OFFICE_HOURS = {day: [(time(8), time(12)), (time(13), time(17))] for day in range(5)}


@pytest.fixture
def admin():
    return AdminFactory()


@pytest.fixture
def munich_calendar(admin):
    return actions.create_calendar(
        actor=admin,
        name="Munich",
        time_zone="Europe/Berlin",
        holiday_country="DE",
        holiday_subdivision="BY",
        hours=OFFICE_HOURS,
    )


def test_created_calendar_computes_the_munich_example(munich_calendar):
    engine = selectors.compiled_calendar(munich_calendar)
    assert engine.add_business_minutes(berlin(2024, 6, 7, 16, 30), 120) == berlin(
        2024, 6, 10, 9, 30
    )
    assert WorkingPeriod.objects.filter(calendar=munich_calendar).count() == 10


def test_creating_a_calendar_is_audited(admin, munich_calendar):
    entry = AuditEntry.objects.get(verb="sla.calendar_created")
    assert entry.actor == admin
    assert entry.changes["holiday_subdivision"] == "BY"


def test_only_administrators_change_calendars(munich_calendar):
    with pytest.raises(NotPermitted):
        actions.set_working_hours(
            actor=AgentFactory(), calendar_id=munich_calendar.pk, hours=OFFICE_HOURS
        )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"holiday_country": "XX"}, "holiday_country"),
        ({"holiday_subdivision": "ZZ"}, "holiday_subdivision"),
        ({"holiday_country": "", "holiday_subdivision": "BY"}, "holiday_subdivision"),
        ({"name": "Munich"}, "name"),
    ],
)
def test_bad_calendar_fields_are_refused_with_the_field_named(admin, changes, field):
    actions.create_calendar(actor=admin, name="Munich", time_zone="UTC", hours=OFFICE_HOURS)
    other = actions.create_calendar(actor=admin, name="Other", time_zone="UTC", hours=OFFICE_HOURS)
    with pytest.raises(InvalidInput) as refused:
        actions.update_calendar(actor=admin, calendar_id=other.pk, **changes)
    assert refused.value.field == field


def test_overlapping_hours_are_refused_and_nothing_changes(admin, munich_calendar):
    overlapping = {0: [(time(8), time(12)), (time(11), time(14))]}
    with pytest.raises(InvalidWorkingHoursError, match="overlap"):
        actions.set_working_hours(actor=admin, calendar_id=munich_calendar.pk, hours=overlapping)
    assert munich_calendar.working_periods.count() == 10


def test_reversed_hours_are_refused(admin, munich_calendar):
    with pytest.raises(InvalidWorkingHoursError, match="end after it starts"):
        actions.set_working_hours(
            actor=admin, calendar_id=munich_calendar.pk, hours={0: [(time(17), time(8))]}
        )


def test_a_week_without_working_time_is_refused(admin, munich_calendar):
    with pytest.raises(NoWorkingTimeError):
        actions.set_working_hours(actor=admin, calendar_id=munich_calendar.pk, hours={0: []})
    with pytest.raises(NoWorkingTimeError):
        actions.create_calendar(actor=admin, name="Empty", time_zone="UTC", hours={})
    assert not BusinessCalendar.objects.filter(name="Empty").exists()


def test_a_period_ending_before_it_starts_is_refused_on_save(munich_calendar):
    period = WorkingPeriod(calendar=munich_calendar, weekday=5, start=time(12), end=time(8))
    with pytest.raises(ValidationError, match="end after it starts"):
        period.save()


def test_a_period_may_end_at_midnight(admin):
    calendar = actions.create_calendar(
        actor=admin, name="Evenings", time_zone="UTC", hours={4: [(time(18), time(0))]}
    )
    assert calendar.working_periods.get().end == time(0)
    engine = selectors.compiled_calendar(calendar)
    assert engine.weekly_minutes == 6 * 60


def test_exception_with_only_a_start_is_refused(admin, munich_calendar):
    with pytest.raises(InvalidInput, match="both a start and an end"):
        actions.add_calendar_exception(
            actor=admin,
            calendar_id=munich_calendar.pk,
            day=date(2025, 6, 16),
            kind=ExceptionKind.CLOSURE,
            start=time(8),
        )


def test_unknown_exception_kind_is_refused(admin, munich_calendar):
    with pytest.raises(InvalidInput):
        actions.add_calendar_exception(
            actor=admin, calendar_id=munich_calendar.pk, day=date(2025, 6, 16), kind="party"
        )


def test_exceptions_change_the_compiled_calendar(admin, munich_calendar):
    friday = berlin(2025, 6, 13, 16)
    engine = selectors.compiled_calendar(munich_calendar)
    assert engine.add_business_minutes(friday, 120) == berlin(2025, 6, 16, 9)
    closure = actions.add_calendar_exception(
        actor=admin,
        calendar_id=munich_calendar.pk,
        day=date(2025, 6, 16),
        kind=ExceptionKind.CLOSURE,
        start=time(8),
        end=time(10),
    )
    actions.add_calendar_exception(
        actor=admin,
        calendar_id=munich_calendar.pk,
        day=date(2025, 6, 14),
        kind=ExceptionKind.EXTRA_WORKING_DAY,
        start=time(10),
        end=time(11),
    )
    engine = selectors.compiled_calendar_by_id(munich_calendar.pk)
    # Friday 60, Saturday 10:00-11:00 60 = 120.
    assert engine.add_business_minutes(friday, 120) == berlin(2025, 6, 14, 11)
    assert engine.add_business_minutes(friday, 180) == berlin(2025, 6, 16, 11)
    actions.remove_calendar_exception(actor=admin, exception_id=closure.pk)
    engine = selectors.compiled_calendar_by_id(munich_calendar.pk)
    assert engine.add_business_minutes(friday, 180) == berlin(2025, 6, 16, 9)
    assert AuditEntry.objects.filter(verb="sla.calendar_exception_removed").count() == 1


def test_removing_an_unknown_exception_looks_like_not_found(admin):
    with pytest.raises(NotFound):
        actions.remove_calendar_exception(actor=admin, exception_id=999_999)


def test_compiled_calendar_is_cached_until_the_calendar_changes(
    admin, munich_calendar, django_assert_num_queries
):
    calendar = BusinessCalendar.objects.get(pk=munich_calendar.pk)
    with django_assert_num_queries(2):
        first = selectors.compiled_calendar(calendar)
    with django_assert_num_queries(0):
        assert selectors.compiled_calendar(calendar) is first
    actions.update_calendar(actor=admin, calendar_id=calendar.pk, holiday_subdivision="NW")
    with django_assert_num_queries(3):
        second = selectors.compiled_calendar_by_id(calendar.pk)
    assert second is not first
    assert second.holiday_subdivision == "NW"


def test_any_row_change_gives_the_calendar_a_new_revision(munich_calendar):
    def revision():
        return BusinessCalendar.objects.get(pk=munich_calendar.pk).revision

    seen = {revision()}
    period = munich_calendar.working_periods.first()
    period.end = time(11)
    period.save()
    seen.add(revision())
    CalendarException.objects.create(
        calendar=munich_calendar, date=date(2025, 6, 16), kind=ExceptionKind.CLOSURE
    )
    seen.add(revision())
    period.delete()
    seen.add(revision())
    assert len(seen) == 4


def test_compiling_a_stored_calendar_without_hours_is_refused():
    calendar = BusinessCalendar.objects.create(name="Bare", time_zone="UTC")
    with pytest.raises(NoWorkingTimeError):
        selectors.compiled_calendar(calendar)


def test_changing_hours_is_audited_with_before_and_after(admin, munich_calendar):
    actions.set_working_hours(
        actor=admin, calendar_id=munich_calendar.pk, hours={0: [(time(9), time(17))]}
    )
    entry = AuditEntry.objects.get(verb="sla.working_hours_changed")
    before, after = entry.changes["hours"]
    assert len(before) == 10
    assert after == ["0 09:00-17:00"]
