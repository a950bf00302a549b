"""Hand-computed clocks from trails; each comment shows the arithmetic (Munich: 08-12, 13-17)."""

from datetime import UTC, datetime, time

from django.utils import translation

from latitude.sla.calendars import Calendar
from latitude.sla.clocks.timeline import timeline_text
from latitude.sla.hours import WorkingInterval
from latitude.sla.tests.calendars import berlin, new_york
from latitude.sla.tests.trails import (
    clocks,
    extend,
    opened,
    reply,
    status,
    take,
    terms,
    terms_set,
    transfer,
    waive,
)

FRIDAY_1630 = berlin(2024, 6, 7, 16, 30)
MONDAY = (2024, 6, 10)


def new_york_office() -> Calendar:
    day = (WorkingInterval.from_times(time(9), time(17)),)
    return Calendar(
        weekly=dict.fromkeys(range(5), day),
        time_zone="America/New_York",
        holiday_country="US",
        holiday_subdivision="NY",
    )


def test_a_p2_incident_opened_friday_afternoon_in_munich():
    # Response 60: 30 min on Friday, 30 on Monday from 08:00. Resolution 480: 30 on Friday,
    # 240 on Monday morning, 210 after lunch -> Monday 16:30.
    found = clocks([opened(FRIDAY_1630)], now=FRIDAY_1630)
    assert found["response"].due_at == berlin(*MONDAY, 8, 30)
    assert found["resolution"].due_at == berlin(*MONDAY, 16, 30)
    assert found["resolution"].state == "running"
    assert found["resolution"].warn_at == berlin(*MONDAY, 14, 30)  # 75 % = 360 min


def test_a_ticket_opened_on_saturday_starts_counting_on_monday_morning():
    found = clocks([opened(berlin(2024, 6, 8, 10))], now=berlin(2024, 6, 8, 10))
    assert found["response"].due_at == berlin(*MONDAY, 9)


def test_the_first_public_agent_reply_stops_the_response_clock():
    trail = [
        opened(berlin(2024, 6, 11, 9)),
        reply(berlin(2024, 6, 11, 9, 10), internal=True),
        reply(berlin(2024, 6, 11, 9, 20), by_agent=False),
        reply(berlin(2024, 6, 11, 9, 40)),
    ]
    response = clocks(trail, now=berlin(2024, 6, 11, 12))["response"]
    assert (response.state, response.stopped_at) == ("met", berlin(2024, 6, 11, 9, 40))
    assert response.elapsed_minutes == 40
    assert response.due_at is None


def test_a_late_reply_misses_and_records_when_it_breached():
    trail = [opened(berlin(2024, 6, 11, 11, 30)), reply(berlin(2024, 6, 11, 14))]
    response = clocks(trail, now=berlin(2024, 6, 11, 15))["response"]
    # 11:30 + 60 minutes over lunch = 13:30.
    assert (response.state, response.breached_at) == ("missed", berlin(2024, 6, 11, 13, 30))


def test_waiting_on_the_requester_pauses_and_the_timeline_says_how_long():
    trail = [
        opened(berlin(2024, 6, 11, 8)),
        status(berlin(2024, 6, 11, 9), "in_progress", "waiting_requester"),
        status(berlin(2024, 6, 11, 11, 10), "waiting_requester", "in_progress"),
    ]
    resolution = clocks(trail, now=berlin(2024, 6, 11, 11, 10))["resolution"]
    # 60 min elapsed before the pause; 420 remain from 11:10: 50 before lunch, 240 after (to
    # 17:00), 130 on Wednesday from 08:00 -> 10:10.
    assert resolution.paused_minutes == 130
    assert resolution.due_at == berlin(2024, 6, 12, 10, 10)
    paused = next(item for item in resolution.timeline if item.what == "paused")
    assert timeline_text(paused) == (
        "Paused 2 h 10 min (2 h 10 min of business time): waiting on requester"
    )


def test_pausing_and_resuming_exactly_on_the_lunch_boundary_loses_nothing():
    trail = [
        opened(berlin(2024, 6, 11, 8)),
        status(berlin(2024, 6, 11, 12), "in_progress", "waiting_third_party"),
        status(berlin(2024, 6, 11, 13), "waiting_third_party", "in_progress"),
    ]
    resolution = clocks(trail, now=berlin(2024, 6, 11, 13))["resolution"]
    # The pause covers only the lunch break: nothing paused, 240 elapsed, 240 left -> 17:00.
    assert (resolution.paused_minutes, resolution.elapsed_minutes) == (0, 240)
    assert resolution.due_at == berlin(2024, 6, 11, 17)


def test_a_paused_clock_has_no_due_time_and_keeps_its_remaining_minutes():
    trail = [
        opened(berlin(2024, 6, 11, 8)),
        status(berlin(2024, 6, 11, 9), "in_progress", "waiting_requester"),
    ]
    resolution = clocks(trail, now=berlin(2024, 6, 12, 9))["resolution"]
    # Paused from Tuesday 09:00 to Wednesday 09:00: 7 h of Tuesday and 1 h of Wednesday.
    assert (resolution.state, resolution.due_at) == ("paused", None)
    assert (resolution.remaining_minutes, resolution.paused_minutes) == (420, 480)


def test_priority_raised_counts_the_new_target_from_the_start_keeping_paused_time():
    trail = [
        opened(berlin(2024, 6, 11, 8)),
        status(berlin(2024, 6, 11, 9), "in_progress", "waiting_requester"),
        status(berlin(2024, 6, 11, 10), "waiting_requester", "in_progress"),
        terms_set(berlin(2024, 6, 11, 10, 30), terms(response=30, resolution=240)),
    ]
    resolution = clocks(trail, now=berlin(2024, 6, 11, 10, 30))["resolution"]
    # 90 min elapsed (08-09, 10-10:30), 150 of the new 240 remain: 11:00-12:00 (90), 13:00
    # + 60 -> 14:00.
    assert resolution.due_at == berlin(2024, 6, 11, 14)
    assert resolution.target_minutes == 240
    # The response's 60 were used up at 09:00, when it paused; it ran on past due at 10:00.
    response = clocks(trail, now=berlin(2024, 6, 11, 10, 30))["response"]
    assert response.breached_at == berlin(2024, 6, 11, 10)


def test_a_target_lowered_below_the_time_elapsed_breaches_at_the_change():
    trail = [
        opened(berlin(2024, 6, 11, 8)),
        terms_set(berlin(2024, 6, 11, 8, 45), terms(response=30)),
    ]
    response = clocks(trail, now=berlin(2024, 6, 11, 8, 45))["response"]
    # 45 minutes elapsed, the new target is 30: breached at the change, due then too.
    assert (response.breached_at, response.due_at) == (berlin(2024, 6, 11, 8, 45),) * 2


def test_priority_lowered_gives_more_time_from_the_start():
    trail = [
        opened(berlin(2024, 6, 11, 8)),
        terms_set(berlin(2024, 6, 11, 9), terms(response=120, resolution=960)),
    ]
    resolution = clocks(trail, now=berlin(2024, 6, 11, 9))["resolution"]
    # 960 minutes = two full days from Tuesday 08:00 -> Wednesday 17:00.
    assert resolution.due_at == berlin(2024, 6, 12, 17)


def test_reopening_continues_the_resolution_clock_where_it_stopped():
    trail = [
        opened(berlin(2024, 6, 11, 8)),
        status(berlin(2024, 6, 11, 10), "in_progress", "resolved"),
        status(berlin(2024, 6, 12, 8), "resolved", "in_progress"),
    ]
    resolution = clocks(trail, now=berlin(2024, 6, 12, 8))["resolution"]
    # 120 used on Tuesday; 360 left from Wednesday 08:00 -> 08-12 and 13-15.
    assert resolution.due_at == berlin(2024, 6, 12, 15)
    # Resolved after 120 minutes without a reply: the response target of 60 was missed.
    assert clocks(trail, now=berlin(2024, 6, 12, 8))["response"].state == "missed"


def test_reopening_resets_the_resolution_clock_when_the_policy_says_so():
    trail = [
        opened(berlin(2024, 6, 11, 8)),
        status(berlin(2024, 6, 11, 10), "in_progress", "resolved"),
        status(berlin(2024, 6, 12, 8), "resolved", "in_progress"),
    ]
    found = clocks(trail, now=berlin(2024, 6, 12, 8), first=terms(on_reopen="reset"))
    resolution = found["resolution"]
    # A full 480 from Wednesday 08:00 -> 17:00.
    assert (resolution.started_at, resolution.due_at) == (
        berlin(2024, 6, 12, 8),
        berlin(2024, 6, 12, 17),
    )
    assert [item.what for item in resolution.timeline][:3] == ["started", "met", "reset"]


def test_berlin_autumn_dst_change_over_the_weekend():
    # Friday 2024-10-25 16:00 CEST (14:00 UTC) + 120: 60 on Friday, Monday 28th 08:00 CET +
    # 60 = 09:00 CET = 08:00 UTC.
    start = berlin(2024, 10, 25, 16)
    found = clocks([opened(start)], now=start, first=terms(response=120, resolution=480))
    assert found["response"].due_at == datetime(2024, 10, 28, 8, tzinfo=UTC)


def test_new_york_spring_dst_change_and_thanksgiving():
    # Friday 2024-03-08 16:00 EST + 120: 60 on Friday, Monday 10:00 EDT = 14:00 UTC.
    start = new_york(2024, 3, 8, 16)
    found = clocks(
        [opened(start)], now=start, first=terms(calendar=2, response=120), c2=new_york_office()
    )
    assert found["response"].due_at == datetime(2024, 3, 11, 14, tzinfo=UTC)
    # Wednesday 2024-11-27 16:00 + 120: 60 on Wednesday, Thanksgiving skipped, Friday 10:00.
    start = new_york(2024, 11, 27, 16)
    found = clocks(
        [opened(start)], now=start, first=terms(calendar=2, response=120), c2=new_york_office()
    )
    assert found["response"].due_at == new_york(2024, 11, 29, 10)


def test_holidays_are_skipped():
    # Whit Monday 2024-05-20 is a public holiday in Bavaria: Friday 16:30 + 60 -> Tuesday 08:30.
    start = berlin(2024, 5, 17, 16, 30)
    assert clocks([opened(start)], now=start)["response"].due_at == berlin(2024, 5, 21, 8, 30)


def test_a_calendar_change_keeps_the_time_elapsed_in_the_old_calendar():
    trail = [
        opened(berlin(2024, 6, 11, 8)),
        terms_set(berlin(2024, 6, 11, 10), terms(calendar=None)),
    ]
    resolution = clocks(trail, now=berlin(2024, 6, 11, 10))["resolution"]
    # 120 elapsed in Munich hours; the remaining 360 count around the clock: 16:00.
    assert resolution.due_at == berlin(2024, 6, 11, 16)
    assert any(item.what == "calendar_changed" for item in resolution.timeline)


def test_an_ola_runs_from_a_hand_off_until_the_new_team_takes_the_ticket():
    trail = [
        opened(berlin(2024, 6, 11, 8)),
        transfer(berlin(2024, 6, 11, 9), team=2, owner_before=5),
        take(berlin(2024, 6, 11, 9, 20), owner=6),
    ]
    first = terms(response=60, resolution=480, ola=30)
    ola = clocks(trail, now=berlin(2024, 6, 11, 10), first=first)["ola"]
    assert (ola.state, ola.started_at, ola.elapsed_minutes) == ("met", berlin(2024, 6, 11, 9), 20)
    late = clocks(trail[:2], now=berlin(2024, 6, 11, 10), first=first)["ola"]
    assert late.breached_at == berlin(2024, 6, 11, 9, 30)


def test_an_extension_moves_the_due_time_and_a_waiver_stops_the_clock():
    trail = [opened(berlin(2024, 6, 11, 8)), extend(berlin(2024, 6, 11, 8, 30), "response", 30)]
    found = clocks(trail, now=berlin(2024, 6, 11, 8, 30))
    assert found["response"].due_at == berlin(2024, 6, 11, 9, 30)
    trail.append(waive(berlin(2024, 6, 11, 9), "resolution"))
    found = clocks(trail, now=berlin(2024, 6, 11, 12))
    assert found["resolution"].state == "waived"
    assert found["response"].breached_at == berlin(2024, 6, 11, 9, 30)


def test_an_extension_after_a_breach_lifts_it():
    trail = [opened(berlin(2024, 6, 11, 8)), extend(berlin(2024, 6, 11, 9, 30), "response", 60)]
    response = clocks(trail, now=berlin(2024, 6, 11, 9, 30))["response"]
    assert (response.breached_at, response.due_at) == (None, berlin(2024, 6, 11, 10))


def test_timeline_lines_read_in_german_too():
    found = clocks([opened(FRIDAY_1630)], now=FRIDAY_1630)
    started = found["response"].timeline[0]
    with translation.override("de"):
        assert timeline_text(started) == "Gestartet: Ziel 1 Std. Geschäftszeit"
