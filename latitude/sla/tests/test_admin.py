"""The calendar admin validates the week as a whole and audits what it saves."""

import pytest
from django.urls import reverse

from latitude.core.models import AuditEntry
from latitude.sla import selectors
from latitude.sla.models import BusinessCalendar
from latitude.sla.tests.calendars import berlin
from latitude.testing.factories import AdminFactory

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:sla_businesscalendar_add")


def calendar_form(periods: list[tuple[int, str, str]], **fields: str) -> dict[str, str]:
    data = {
        "name": "Munich",
        "time_zone": "Europe/Berlin",
        "holiday_country": "DE",
        "holiday_subdivision": "BY",
        "is_active": "on",
        "working_periods-TOTAL_FORMS": str(len(periods)),
        "working_periods-INITIAL_FORMS": "0",
        "exceptions-TOTAL_FORMS": "0",
        "exceptions-INITIAL_FORMS": "0",
        **fields,
    }
    for index, (weekday, start, end) in enumerate(periods):
        prefix = f"working_periods-{index}-"
        data |= {prefix + "weekday": str(weekday), prefix + "start": start, prefix + "end": end}
    return data


@pytest.fixture
def admin_client(client):
    client.force_login(AdminFactory())
    return client


def test_admin_creates_a_calendar_that_computes(admin_client):
    periods = [
        (day, start, end)
        for day in range(5)
        for start, end in [("08:00", "12:00"), ("13:00", "17:00")]
    ]
    response = admin_client.post(ADD_URL, calendar_form(periods))
    assert response.status_code == 302
    calendar = BusinessCalendar.objects.get(name="Munich")
    engine = selectors.compiled_calendar(calendar)
    assert engine.add_business_minutes(berlin(2024, 6, 7, 16, 30), 120) == berlin(
        2024, 6, 10, 9, 30
    )
    assert AuditEntry.objects.filter(subject_id=calendar.pk, verb="admin.created").exists()


def test_admin_refuses_overlapping_periods(admin_client):
    periods = [(0, "08:00", "12:00"), (0, "11:00", "15:00")]
    response = admin_client.post(ADD_URL, calendar_form(periods))
    assert response.status_code == 200
    assert "08:00-12:00 and 11:00-15:00 overlap" in response.content.decode()
    assert not BusinessCalendar.objects.exists()


def test_admin_refuses_a_calendar_without_working_time(admin_client):
    response = admin_client.post(ADD_URL, calendar_form([]))
    assert "at least one weekday" in response.content.decode()
    assert not BusinessCalendar.objects.exists()


def test_admin_refuses_a_period_ending_before_it_starts(admin_client):
    response = admin_client.post(ADD_URL, calendar_form([(0, "17:00", "08:00")]))
    assert "end after it starts" in response.content.decode()
    assert not BusinessCalendar.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"time_zone": "Europe/Munich"}, "Unknown time zone"),
        ({"holiday_country": "XX"}, "Unknown holiday country"),
        ({"holiday_subdivision": "ZZ"}, "Unknown holiday subdivision"),
    ],
)
def test_admin_refuses_unknown_zone_and_holiday_region(admin_client, fields, message):
    response = admin_client.post(ADD_URL, calendar_form([(0, "08:00", "12:00")], **fields))
    assert message in response.content.decode()
    assert not BusinessCalendar.objects.exists()
