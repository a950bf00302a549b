"""Request and response bodies of the SLA endpoints."""

from datetime import datetime, time
from typing import Any

from ninja import Schema
from pydantic import Field

from latitude.sla.choices import ClockKind, ClockState, ReopenRule


class TimelineOut(Schema):
    at: datetime
    what: str = Field(description="stable code: started, paused, resumed, breached, met, ...")
    text: str = Field(description="the line as a sentence in the caller's language")
    minutes: int | None
    detail: dict[str, Any]


class ClockOut(Schema):
    kind: ClockKind
    state: ClockState
    started_at: datetime
    stopped_at: datetime | None
    due_at: datetime | None
    warn_at: datetime | None
    breached_at: datetime | None
    target_minutes: int
    elapsed_minutes: int
    paused_minutes: int
    remaining_minutes: int
    policy_id: int | None
    policy_version: int
    calendar_id: int | None
    timeline: list[TimelineOut]


class WaiveIn(Schema):
    clock: str = Field(description="response, resolution or ola")
    reason: str


class ExtendIn(WaiveIn):
    minutes: int = Field(description="business minutes to add to the target")


class PolicyOut(Schema):
    id: int
    name: str
    position: int
    is_active: bool
    kind: str
    priorities: list[int]
    service_id: int | None
    unit_id: int | None
    response_minutes: int | None
    resolution_minutes: int | None
    ola_minutes: int | None
    warn_percent: int
    pause_statuses: list[str]
    on_reopen: ReopenRule
    version: int


class PolicyPatch(Schema):
    name: str | None = None
    position: int | None = None
    is_active: bool | None = None
    kind: str | None = None
    priorities: list[int] | None = None
    service_id: int | None = None
    unit_id: int | None = None
    response_minutes: int | None = None
    resolution_minutes: int | None = None
    ola_minutes: int | None = None
    warn_percent: int | None = None
    pause_statuses: list[str] | None = None
    on_reopen: str | None = None


class PolicyIn(PolicyPatch):
    name: str
    position: int


class PeriodSchema(Schema):
    weekday: int = Field(ge=0, le=6, description="0 = Monday ... 6 = Sunday")
    start: time
    end: time = Field(description="00:00 means midnight at the end of the day")


class ExceptionOut(Schema):
    id: int
    date: str
    kind: str
    start: time | None
    end: time | None
    note: str


class CalendarOut(Schema):
    id: int
    name: str
    time_zone: str
    holiday_country: str
    holiday_subdivision: str
    is_active: bool
    is_default: bool
    hours: list[PeriodSchema]
    exceptions: list[ExceptionOut]


class CalendarPatch(Schema):
    name: str | None = None
    time_zone: str | None = None
    holiday_country: str | None = None
    holiday_subdivision: str | None = None
    is_active: bool | None = None
    hours: list[PeriodSchema] | None = None


class CalendarIn(Schema):
    name: str
    time_zone: str
    holiday_country: str = ""
    holiday_subdivision: str = ""
    hours: list[PeriodSchema]


class AssignmentIn(Schema):
    calendar_id: int
    service_id: int | None = None
    team_id: int | None = None
    unit_id: int | None = None


class AssignmentOut(Schema):
    id: int
    calendar_id: int
    target: str = Field(description="service, team or unit")
    service_id: int | None
    team_id: int | None
    unit_id: int | None


class DefaultCalendarIn(Schema):
    calendar_id: int | None


class PreviewQuery(Schema):
    kind: str
    priority: int
    opened_at: datetime = Field(description="with its UTC offset, e.g. 2024-06-07T16:30+02:00")
    service_id: int | None = None
    team_id: int | None = None
    unit_id: int | None = None
    calendar_id: int | None = None


class PreviewDueOut(Schema):
    clock: ClockKind
    target_minutes: int
    due_at: datetime
    due_local: str = Field(description="the due time on the calendar's wall clock")


class PreviewOut(Schema):
    policy_id: int | None
    policy_name: str
    calendar_id: int | None
    calendar_name: str
    calendar_source: str
    time_zone: str
    starts_at: datetime
    dues: list[PreviewDueOut]
