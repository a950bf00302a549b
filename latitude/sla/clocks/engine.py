"""Clocks computed from a ticket's trail: a pure function of the events, the terms and `now`.

Rules, in one place:

* Response and resolution start when the ticket opens; an OLA cycle starts at each hand-off to
  another team that leaves the ticket without an owner, and stops when someone takes it.
* Every running clock pauses while the status is one of the terms' pause statuses and resumes
  when it leaves them. Paused time is counted (in business minutes) but not elapsed.
* The first public comment by an agent other than the requester stops the response clock; a
  resolved or closed status stops every clock: met if not breached, else missed.
* Reopening (resolved or closed -> open) lets the resolution clock continue, or start again from
  the reopening when the terms say `reset`; response and OLA stay as they were.
* Terms (`sla.terms_set`) can change the targets and the calendar. A target always counts from
  the clock's start (retroactive) and paused time stays paused; business time already elapsed
  keeps the calendar it elapsed in, the new calendar counts from the change on.
* A clock is breached at the instant its elapsed business time exceeds its target while it is
  still running; if a change of target finds it already exceeded, at the change. A breach stays
  recorded, except that an extension (`sla.extended`) which lifts the target above the elapsed
  time lifts it. A waiver (`sla.waived`) stops the clock for good.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from latitude.sla.calendars import Calendar
from latitude.sla.choices import ClockKind, ClockState, ReopenRule
from latitude.sla.clocks.types import ClockResult, Terms, TimelineItem, TrailEvent

US_PER_MINUTE = 60_000_000
ONE_US = timedelta(microseconds=1)
STOP_STATUSES = frozenset({"resolved", "closed"})
OPENED, TERMS_SET, WAIVED, EXTENDED = "ticket.opened", "sla.terms_set", "sla.waived", "sla.extended"
COMMENTED, TEAM_CHANGED = "ticket.commented", "ticket.team_changed"

Calendars = Callable[[int | None], Calendar]


def _us(delta: timedelta) -> int:
    return delta // ONE_US


@dataclass
class _Clock:
    kind: str
    started_at: datetime
    mark: datetime
    paused: bool = False
    stopped: bool = False
    waived: bool = False
    elapsed: int = 0  # business microseconds counted, up to `mark`
    paused_us: int = 0
    extension: int = 0  # business microseconds
    paused_since: datetime | None = None
    paused_status: str = ""
    paused_at_pause: int = 0
    breached_at: datetime | None = None
    stopped_at: datetime | None = None
    timeline: list[TimelineItem] = field(default_factory=list)

    @property
    def running(self) -> bool:
        return not (self.paused or self.stopped)

    def note(self, at: datetime, what: str, minutes: int | None = None, **detail: Any) -> None:
        self.timeline.append(TimelineItem(at, what, minutes, dict(detail)))


class _Walk:
    """The state of one ticket's clocks while its trail is replayed in order."""

    def __init__(self, terms: Terms, calendars: Calendars, start: datetime) -> None:
        self.terms = terms
        self.calendars = calendars
        self.status = "new"
        self.owner: int | None = None
        self.clocks: dict[str, _Clock] = {}
        for kind in (ClockKind.RESPONSE, ClockKind.RESOLUTION):
            self._start(kind, start)

    # Time passing ------------------------------------------------------------------------

    def target_us(self, clock: _Clock) -> int | None:
        minutes = self.terms.targets.get(clock.kind)
        return None if minutes is None else minutes * US_PER_MINUTE + clock.extension

    def advance(self, until: datetime) -> None:
        calendar = self.calendars(self.terms.calendar_id)
        for clock in self.clocks.values():
            if clock.stopped or until <= clock.mark:
                continue
            spent = _us(calendar.business_time_between(clock.mark, until))
            if clock.paused:
                clock.paused_us += spent
            else:
                self._check_breach(clock, calendar, until)
                clock.elapsed += spent
            clock.mark = until

    def _check_breach(self, clock: _Clock, calendar: Calendar, until: datetime) -> None:
        target = self.target_us(clock)
        if target is None or clock.breached_at is not None:
            return
        if clock.elapsed >= target:
            self._breach(clock, clock.mark)
            return
        left = timedelta(microseconds=target - clock.elapsed)
        crossing = calendar.add_business_time(clock.mark, left)
        if crossing < until:
            self._breach(clock, crossing)

    def _breach(self, clock: _Clock, at: datetime) -> None:
        clock.breached_at = at
        clock.note(at, "breached", self.terms.targets.get(clock.kind))

    # Events ------------------------------------------------------------------------------

    def apply(self, event: TrailEvent) -> None:
        if event.verb == TERMS_SET:
            self._set_terms(event.at, Terms.from_context(event.context))
        elif event.verb == WAIVED:
            self._waive(event)
        elif event.verb == EXTENDED:
            self._extend(event)
        elif event.verb == COMMENTED and event.by_agent and not event.context.get("internal"):
            self._stop_kind(ClockKind.RESPONSE, event.at)
        owner = event.changes.get("owner")
        if owner is not None:
            self.owner = owner[1]
        if event.verb == TEAM_CHANGED and "team" in event.changes:
            self._hand_off(event)
        elif owner is not None and self.owner is not None:
            self._stop_kind(ClockKind.OLA, event.at, taken_by=self.owner)
        status = event.changes.get("status")
        if status is not None:
            self._set_status(event.at, str(status[1]))

    def _set_terms(self, at: datetime, terms: Terms) -> None:
        before, self.terms = self.terms, terms
        for clock in self.clocks.values():
            old, new = before.targets.get(clock.kind), terms.targets.get(clock.kind)
            if old != new:
                clock.note(at, "target_changed", new, previous=old, policy=terms.policy_name)
                self._breach_if_exceeded(clock, at)
            if before.calendar_id != terms.calendar_id:
                clock.note(at, "calendar_changed", None, calendar=terms.calendar_name)

    def _breach_if_exceeded(self, clock: _Clock, at: datetime) -> None:
        target = self.target_us(clock)
        exceeded = target is not None and clock.elapsed > target
        if exceeded and not clock.stopped and clock.breached_at is None:
            self._breach(clock, at)

    def _set_status(self, at: datetime, status: str) -> None:
        previous, self.status = self.status, status
        if status in STOP_STATUSES:
            for clock in self.clocks.values():
                self._stop(clock, at)
            return
        if previous in STOP_STATUSES:
            self._reopen(at)
        pausing = status in self.terms.pause_statuses
        for clock in self.clocks.values():
            if clock.stopped:
                continue
            if pausing and not clock.paused:
                self._pause(clock, at, status)
            elif not pausing and clock.paused:
                self._resume(clock, at)

    def _pause(self, clock: _Clock, at: datetime, status: str) -> None:
        clock.paused, clock.paused_since, clock.paused_status = True, at, status
        clock.paused_at_pause = clock.paused_us

    def _resume(self, clock: _Clock, at: datetime) -> None:
        self._note_pause(clock, at, ongoing=False)
        clock.paused, clock.paused_since = False, None
        clock.note(at, "resumed")

    def _note_pause(self, clock: _Clock, until: datetime, *, ongoing: bool) -> None:
        since = clock.paused_since or until
        clock.note(
            since,
            "paused",
            (clock.paused_us - clock.paused_at_pause) // US_PER_MINUTE,
            status=clock.paused_status,
            wall_minutes=_us(until - since) // US_PER_MINUTE,
            ongoing=ongoing,
        )

    def _stop(self, clock: _Clock, at: datetime, **detail: Any) -> None:
        if clock.stopped:
            return
        if clock.paused:
            self._note_pause(clock, at, ongoing=False)
        clock.paused, clock.stopped, clock.stopped_at = False, True, at
        clock.note(at, "missed" if clock.breached_at else "met", **detail)

    def _stop_kind(self, kind: str, at: datetime, **detail: Any) -> None:
        clock = self.clocks.get(kind)
        if clock is not None:
            self._stop(clock, at, **detail)

    def _reopen(self, at: datetime) -> None:
        clock = self.clocks.get(ClockKind.RESOLUTION)
        if clock is None or clock.waived:
            return
        if self.terms.on_reopen == ReopenRule.RESET:
            timeline = clock.timeline
            clock = self._start(ClockKind.RESOLUTION, at, what="reset")
            clock.timeline[:0] = timeline
        else:
            clock.stopped, clock.stopped_at, clock.mark = False, None, at
            clock.note(at, "continued")

    def _hand_off(self, event: TrailEvent) -> None:
        previous = self.clocks.get(ClockKind.OLA)
        if previous is not None:
            self._stop(previous, event.at)
        if self.owner is None and self.status not in STOP_STATUSES:
            clock = self._start(ClockKind.OLA, event.at, team=event.changes["team"][1])
            if previous is not None:
                clock.timeline[:0] = previous.timeline
            if self.status in self.terms.pause_statuses:
                self._pause(clock, event.at, self.status)

    def _start(self, kind: str, at: datetime, what: str = "started", **detail: Any) -> _Clock:
        clock = self.clocks[kind] = _Clock(kind, at, at)
        clock.note(at, what, self.terms.targets.get(kind), **detail)
        return clock

    def _waive(self, event: TrailEvent) -> None:
        clock = self.clocks.get(str(event.context.get("clock")))
        if clock is None or clock.stopped:
            return
        if clock.paused:
            self._note_pause(clock, event.at, ongoing=False)
        clock.paused, clock.stopped, clock.waived, clock.stopped_at = False, True, True, event.at
        clock.note(event.at, "waived", reason=event.context.get("reason", ""))

    def _extend(self, event: TrailEvent) -> None:
        clock = self.clocks.get(str(event.context.get("clock")))
        if clock is None or clock.stopped:
            return
        minutes = int(event.context.get("minutes") or 0)
        clock.extension += minutes * US_PER_MINUTE
        clock.note(event.at, "extended", minutes, reason=event.context.get("reason", ""))
        target = self.target_us(clock)
        if clock.breached_at is not None and target is not None and clock.elapsed < target:
            clock.breached_at = None
            clock.timeline = [item for item in clock.timeline if item.what != "breached"]

    # Results -----------------------------------------------------------------------------

    def results(self, now: datetime) -> dict[str, ClockResult]:
        found: dict[str, ClockResult] = {}
        for kind, clock in self.clocks.items():
            if kind in self.terms.targets:
                found[kind] = self._result(clock, now)
        return found

    def _result(self, clock: _Clock, now: datetime) -> ClockResult:
        calendar = self.calendars(self.terms.calendar_id)
        target = self.target_us(clock) or 0
        result = ClockResult(
            kind=clock.kind,
            state=_state(clock),
            started_at=clock.started_at,
            target_minutes=target // US_PER_MINUTE,
            policy_id=self.terms.policy_id,
            policy_version=self.terms.policy_version,
            calendar_id=self.terms.calendar_id,
            computed_at=now,
            stopped_at=clock.stopped_at,
            breached_at=clock.breached_at,
            timeline=clock.timeline,
        )
        elapsed, paused = clock.elapsed, clock.paused_us
        if clock.running:
            self._due(clock, calendar, target, result)
            if now > clock.mark:
                elapsed += _us(calendar.business_time_between(clock.mark, now))
            due = result.due_at
            if due is not None and due <= now and result.breached_at is None:
                result.breached_at = due
                clock.note(due, "breached", target // US_PER_MINUTE)
            elif due is not None and result.breached_at is None:
                clock.note(due, "due", target // US_PER_MINUTE)
        elif clock.paused:
            if now > clock.mark:
                paused += _us(calendar.business_time_between(clock.mark, now))
            clock.paused_us = paused
            self._note_pause(clock, now, ongoing=True)
        result.elapsed_minutes = elapsed // US_PER_MINUTE
        result.paused_minutes = paused // US_PER_MINUTE
        result.remaining_minutes = (target - elapsed) // US_PER_MINUTE
        result.timeline = sorted(clock.timeline, key=lambda item: item.at)
        return result

    def _due(self, clock: _Clock, calendar: Calendar, target: int, result: ClockResult) -> None:
        if clock.elapsed >= target:
            result.due_at = clock.breached_at or clock.mark
        else:
            left = timedelta(microseconds=target - clock.elapsed)
            result.due_at = calendar.add_business_time(clock.mark, left)
        warn = target * self.terms.warn_percent // 100
        result.warn_at = (
            calendar.add_business_time(clock.mark, timedelta(microseconds=warn - clock.elapsed))
            if clock.elapsed < warn
            else clock.mark
        )


def _state(clock: _Clock) -> str:
    if clock.waived:
        return ClockState.WAIVED
    if clock.stopped:
        return ClockState.MISSED if clock.breached_at else ClockState.MET
    return ClockState.PAUSED if clock.paused else ClockState.RUNNING


def compute_clocks(
    trail: Sequence[TrailEvent],
    *,
    fallback_terms: Terms | Callable[[], Terms],
    calendars: Calendars,
    now: datetime,
    started_at: datetime | None = None,
) -> dict[str, ClockResult]:
    """Every clock of one ticket, from its trail in order of occurrence.

    The first recorded terms apply from the start; `fallback_terms` (or the function giving
    them) only when none are recorded.
    `started_at` stands in for a trail without a `ticket.opened` entry (tickets imported or made
    by fixtures); a trail with neither computes no clocks.
    """
    opened = next((event.at for event in trail if event.verb == OPENED), started_at)
    if opened is None:
        return {}
    first_terms = next((e for e in trail if e.verb == TERMS_SET), None)
    if first_terms is not None:
        terms = Terms.from_context(first_terms.context)
    else:
        terms = fallback_terms() if callable(fallback_terms) else fallback_terms
    walk = _Walk(terms, calendars, opened)
    for event in trail:
        if event.at < opened or event is first_terms:
            continue
        walk.advance(event.at)
        walk.apply(event)
    return walk.results(now)
