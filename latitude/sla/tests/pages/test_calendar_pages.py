"""Calendar administration: who reaches it, what a save does, and refusals that keep input."""

from datetime import date, time

import pytest
from django.urls import reverse

from latitude.core.models import AuditEntry
from latitude.sla import actions
from latitude.sla.models import BusinessCalendar, CalendarException, WorkingPeriod
from latitude.sla.tests.pages.conftest import OFFICE_HOURS, ROLES

pytestmark = pytest.mark.django_db

READERS = {"lead", "admin"}


def _week(**days: str) -> dict[str, str]:
    return {f"hours-day_{day}": days.get(f"d{day}", "") for day in range(7)}


def _settings(**fields: str) -> dict[str, str]:
    data = {
        "name": "Munich",
        "time_zone": "Europe/Berlin",
        "holiday_country": "DE",
        "holiday_subdivision": "BY",
        "is_active": "on",
    }
    return {f"settings-{key}": value for key, value in {**data, **fields}.items()}


@pytest.mark.parametrize("role", ROLES)
def test_reading_pages_answer_leads_and_admins_and_nobody_else(client_as, munich, role):
    client = client_as(role)
    for url in (
        reverse("sla:settings"),
        reverse("sla:calendar", args=[munich.pk]),
        reverse("sla:calendar_preview", args=[munich.pk]),
    ):
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302, url
        else:
            assert response.status_code == (200 if role in READERS else 404), (role, url)


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_create_calendars(client_as, people, role):
    response = client_as(role).post(
        reverse("sla:calendar_new"),
        {"name": "Vienna", "time_zone": "Europe/Vienna", "holiday_country": "AT", **_raw_week()},
    )
    created = BusinessCalendar.objects.filter(name="Vienna").exists()
    assert created == (role == "admin"), role
    if role != "admin":
        assert response.status_code in (302, 404)


def _raw_week() -> dict[str, str]:
    return {f"day_{day}": "08:00-12:00, 13:00-17:00" for day in range(5)}


@pytest.mark.parametrize("role", ["requester", "other_agent", "agent", "lead"])
def test_writes_are_refused_to_everyone_but_admins(client_as, munich, role):
    client = client_as(role)
    before = list(WorkingPeriod.objects.values_list("weekday", "start", "end"))
    responses = [
        client.post(reverse("sla:calendar_hours", args=[munich.pk]), _week(d0="09:00-10:00")),
        client.post(reverse("sla:calendar_settings", args=[munich.pk]), _settings(name="X")),
        client.post(
            reverse("sla:exception_add", args=[munich.pk]),
            {"exception-day": "2026-12-24", "exception-kind": "closure"},
        ),
    ]
    assert all(r.status_code in (403, 404) for r in responses), role
    assert list(WorkingPeriod.objects.values_list("weekday", "start", "end")) == before
    assert BusinessCalendar.objects.get().name == "Munich"
    assert not CalendarException.objects.exists()


def test_leads_read_the_calendar_without_forms(client_as, munich):
    body = client_as("lead").get(reverse("sla:calendar", args=[munich.pk])).content.decode()
    assert "08:00-12:00, 13:00-17:00" in body
    assert reverse("sla:calendar_hours", args=[munich.pk]) not in body
    assert "Heilige Drei Könige" in body or "Epiphany" in body  # Bavarian holidays are listed


def test_admin_creates_a_calendar_with_a_lunch_break(client_as):
    response = client_as("admin").post(
        reverse("sla:calendar_new"),
        {"name": "Vienna", "time_zone": "Europe/Vienna", "holiday_country": "AT", **_raw_week()},
    )
    calendar = BusinessCalendar.objects.get(name="Vienna")
    assert response.status_code == 302
    assert response["Location"] == reverse("sla:calendar", args=[calendar.pk])
    assert calendar.working_periods.count() == 10


def test_overlapping_periods_are_refused_next_to_their_day_and_kept(client_as, munich):
    response = client_as("admin").post(
        reverse("sla:calendar_hours", args=[munich.pk]),
        _week(d0="08:00-12:00, 11:00-17:00", d1="08:00-16:00"),
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "Working periods 08:00-12:00 and 11:00-17:00 overlap." in body
    assert 'value="08:00-12:00, 11:00-17:00"' in body
    assert 'value="08:00-16:00"' in body
    assert munich.working_periods.count() == 10


def test_a_week_without_working_time_is_refused(client_as, munich):
    response = client_as("admin").post(reverse("sla:calendar_hours", args=[munich.pk]), _week())
    assert response.status_code == 422
    assert "A calendar needs working time on at least one weekday." in response.content.decode()
    assert munich.working_periods.count() == 10


def test_nonsense_hours_name_the_part_that_is_wrong(client_as, munich):
    response = client_as("admin").post(
        reverse("sla:calendar_hours", args=[munich.pk]), _week(d2="8 to 5", d3="09:00-25:00")
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "“8 to 5” is not one." in body
    assert "“09:00-25:00” is not a time of day." in body


def test_saved_hours_replace_the_week_and_are_audited(client_as, munich):
    response = client_as("admin").post(
        reverse("sla:calendar_hours", args=[munich.pk]), _week(d0="07:30-12:00, 12:30-24:00")
    )
    assert response.status_code == 302
    periods = list(munich.working_periods.values_list("weekday", "start", "end"))
    assert periods == [(0, time(7, 30), time(12)), (0, time(12, 30), time(0))]
    assert AuditEntry.objects.filter(verb="sla.working_hours_changed").count() == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"holiday_country": "XX"}, "holiday_country", "Unknown holiday country XX."),
        ({"holiday_subdivision": "ZZ"}, "holiday_subdivision", "Unknown holiday subdivision ZZ"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Unknown time zone Mars/Olympus."),
    ],
)
def test_unknown_regions_and_zones_are_refused_with_the_input_kept(
    client_as, munich, fields, field, message
):
    response = client_as("admin").post(
        reverse("sla:calendar_settings", args=[munich.pk]), _settings(**fields)
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert message in body
    assert f'value="{next(iter(fields.values()))}"' in body
    munich.refresh_from_db()
    assert (munich.holiday_country, munich.time_zone) == ("DE", "Europe/Berlin")


def test_a_second_calendar_cannot_take_a_name_in_use(client_as, munich):
    response = client_as("admin").post(
        reverse("sla:calendar_new"), {"name": "Munich", "time_zone": "UTC", **_raw_week()}
    )
    assert response.status_code == 422
    assert BusinessCalendar.objects.count() == 1
    assert 'value="Munich"' in response.content.decode()


def test_closures_and_extra_days_are_added_and_removed(client_as, munich):
    client = client_as("admin")
    url = reverse("sla:exception_add", args=[munich.pk])
    client.post(url, {"exception-day": "2026-12-24", "exception-kind": "closure"})
    client.post(
        url,
        {
            "exception-day": "2026-12-19",
            "exception-kind": "extra_working_day",
            "exception-start": "09:00",
            "exception-end": "13:00",
            "exception-note": "Year-end push",
        },
    )
    rows = list(munich.exceptions.order_by("date").values_list("date", "kind", "start"))
    assert rows == [
        (date(2026, 12, 19), "extra_working_day", time(9)),
        (date(2026, 12, 24), "closure", None),
    ]
    closure = munich.exceptions.get(kind="closure")
    client.post(reverse("sla:exception_remove", args=[munich.pk, closure.pk]))
    assert munich.exceptions.count() == 1


def test_an_exception_with_only_a_start_is_refused(client_as, munich):
    response = client_as("admin").post(
        reverse("sla:exception_add", args=[munich.pk]),
        {"exception-day": "2026-12-24", "exception-kind": "closure", "exception-start": "12:00"},
    )
    assert response.status_code == 422
    assert "Give both a start and an end" in response.content.decode()
    assert not munich.exceptions.exists()


def test_preview_says_when_a_friday_afternoon_ticket_is_due(client_as, munich):
    response = client_as("lead").get(
        reverse("sla:calendar_preview", args=[munich.pk]),
        {"opened_day": "2026-12-04", "opened_time": "16:30", "target": "4 h"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    # Friday 16:30-17:00 is half an hour; Monday 08:00-11:30 the rest.
    assert "Monday 7 December 2026, 11:30" in body
    assert 'id="calendar-preview"' in body
    assert "<html" not in body


def test_preview_over_a_holiday_skips_it(client_as, munich):
    response = client_as("admin").get(
        reverse("sla:calendar_preview", args=[munich.pk]),
        {"opened_day": "2026-12-23", "opened_time": "16:00", "target": "2 h"},
    )
    # 24 December is a working Thursday, 25 and 26 are holidays: 16-17 on the 23rd, 8-9 on the 24th.
    assert "Thursday 24 December 2026, 09:00" in response.content.decode()


def test_preview_refuses_a_target_of_zero(client_as, munich):
    response = client_as("admin").get(
        reverse("sla:calendar_preview", args=[munich.pk]),
        {"opened_day": "2026-12-04", "opened_time": "16:30", "target": "0 h"},
    )
    assert "A duration must be longer than zero." in response.content.decode()


def _queries(client, url, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(20) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_for_many_calendars(
    client_as, munich, people, django_assert_num_queries, django_assert_max_num_queries
):
    client, url = client_as("admin"), reverse("sla:settings")
    client.get(url)
    one = _queries(client, url, django_assert_max_num_queries)
    for number in range(5):
        actions.create_calendar(
            actor=people["admin"], name=f"Site {number}", time_zone="UTC", hours=OFFICE_HOURS
        )
    # session, person, calendars, their periods, policies, assignments, the header's bell and
    # decision badge, and the due-time preview through the policies (about eight)
    with django_assert_num_queries(one):
        response = client.get(url)
    assert response.content.decode().count('<tr id="calendar-') == 6
    assert one <= 16


def test_admin_assigns_the_calendar_to_a_team_and_removes_it(client_as, munich, people):
    client = client_as("admin")
    response = client.post(
        reverse("sla:assign", args=[munich.pk]), {"assign-team": str(people["team"].pk)}
    )
    assert response.status_code == 302
    row = munich.assignments.get()
    assert row.team == people["team"]
    body = client.get(reverse("sla:calendar", args=[munich.pk])).content.decode()
    assert f"team: {people['team'].name}" in body
    client.post(reverse("sla:unassign", args=[munich.pk, row.pk]))
    assert not munich.assignments.exists()


def test_an_assignment_names_exactly_one_target(client_as, munich, people):
    response = client_as("admin").post(reverse("sla:assign", args=[munich.pk]), {})
    assert response.status_code == 422
    assert "Choose exactly one service, team or unit." in response.content.decode()


@pytest.mark.parametrize("role", ["requester", "other_agent", "agent", "lead"])
def test_only_admins_assign_and_choose_the_default(client_as, munich, people, role):
    client = client_as(role)
    client.post(reverse("sla:assign", args=[munich.pk]), {"assign-team": str(people["team"].pk)})
    client.post(reverse("sla:make_default", args=[munich.pk]))
    munich.refresh_from_db()
    assert not munich.assignments.exists()
    assert not munich.is_default


def test_admin_makes_the_calendar_the_default(client_as, munich):
    client_as("admin").post(reverse("sla:make_default", args=[munich.pk]))
    munich.refresh_from_db()
    assert munich.is_default
