"""Building blocks for clock-engine tests: terms, trail events and a calendar lookup."""

from datetime import datetime
from typing import Any

from latitude.sla.calendars import Calendar
from latitude.sla.clocks.engine import compute_clocks
from latitude.sla.clocks.types import ClockResult, Terms, TrailEvent
from latitude.sla.policies import around_the_clock
from latitude.sla.tests.calendars import munich

MUNICH = 1
WAITING = ("waiting_requester", "waiting_third_party")


def terms(calendar: int | None = MUNICH, on_reopen: str = "continue", **targets: int) -> Terms:
    return Terms(
        policy_id=7,
        policy_version=1,
        policy_name="Incidents",
        targets=targets or {"response": 60, "resolution": 480},
        pause_statuses=WAITING,
        on_reopen=on_reopen,
        warn_percent=75,
        calendar_id=calendar,
        calendar_name="Munich" if calendar else "",
    )


def opened(at: datetime) -> TrailEvent:
    return TrailEvent(at, "ticket.opened")


def status(at: datetime, before: str, after: str) -> TrailEvent:
    return TrailEvent(at, "ticket.status_changed", {"status": [before, after]})


def terms_set(at: datetime, value: Terms) -> TrailEvent:
    return TrailEvent(at, "sla.terms_set", {}, value.as_context())


def reply(at: datetime, *, internal: bool = False, by_agent: bool = True) -> TrailEvent:
    return TrailEvent(at, "ticket.commented", {}, {"internal": internal}, by_agent)


def transfer(at: datetime, team: int, owner_before: int | None = None) -> TrailEvent:
    changes: dict[str, Any] = {"team": [1, team]}
    if owner_before is not None:
        changes["owner"] = [owner_before, None]
    return TrailEvent(at, "ticket.team_changed", changes)


def take(at: datetime, owner: int) -> TrailEvent:
    return TrailEvent(at, "ticket.owner_changed", {"owner": [None, owner]})


def waive(at: datetime, clock: str) -> TrailEvent:
    return TrailEvent(at, "sla.waived", {}, {"clock": clock, "reason": "Agreed."})


def extend(at: datetime, clock: str, minutes: int) -> TrailEvent:
    return TrailEvent(at, "sla.extended", {}, {"clock": clock, "minutes": minutes, "reason": "x"})


def calendars(**extra: Calendar) -> Any:
    known = {MUNICH: munich(), **{int(k[1:]): v for k, v in extra.items()}}

    def lookup(calendar_id: int | None) -> Calendar:
        return around_the_clock() if calendar_id is None else known[calendar_id]

    return lookup


def clocks(
    trail: list[TrailEvent], now: datetime, first: Terms | None = None, **extra: Calendar
) -> dict[str, ClockResult]:
    events = [trail[0], terms_set(trail[0].at, first or terms()), *trail[1:]]
    return compute_clocks(events, fallback_terms=terms(), calendars=calendars(**extra), now=now)
