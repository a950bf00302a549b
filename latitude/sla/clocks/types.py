"""Plain values the clock engine reads and returns (no ORM), shared with selectors and the API."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from latitude.sla.choices import ReopenRule


@dataclass(frozen=True, slots=True)
class Terms:
    """What a ticket's clocks run by from some instant on: the policy's targets and rules and
    the calendar. Written to the ticket's trail (`sla.terms_set`) whenever they change."""

    policy_id: int | None
    policy_version: int
    policy_name: str
    targets: dict[str, int]  # clock kind -> business minutes
    pause_statuses: tuple[str, ...]
    on_reopen: str = ReopenRule.CONTINUE
    warn_percent: int = 75
    calendar_id: int | None = None  # None: around the clock, in UTC
    calendar_name: str = ""
    calendar_source: str = "none"  # service, team, unit, default or none

    def as_context(self) -> dict[str, Any]:
        return {
            "policy": self.policy_id,
            "policy_version": self.policy_version,
            "policy_name": self.policy_name,
            "targets": dict(self.targets),
            "pause_statuses": list(self.pause_statuses),
            "on_reopen": self.on_reopen,
            "warn_percent": self.warn_percent,
            "calendar": self.calendar_id,
            "calendar_name": self.calendar_name,
            "calendar_source": self.calendar_source,
        }

    @classmethod
    def from_context(cls, context: dict[str, Any]) -> "Terms":
        return cls(
            policy_id=context.get("policy"),
            policy_version=int(context.get("policy_version") or 0),
            policy_name=str(context.get("policy_name") or ""),
            targets={str(k): int(v) for k, v in (context.get("targets") or {}).items()},
            pause_statuses=tuple(context.get("pause_statuses") or ()),
            on_reopen=str(context.get("on_reopen") or ReopenRule.CONTINUE),
            warn_percent=int(context.get("warn_percent") or 75),
            calendar_id=context.get("calendar"),
            calendar_name=str(context.get("calendar_name") or ""),
            calendar_source=str(context.get("calendar_source") or "none"),
        )


@dataclass(frozen=True, slots=True)
class TrailEvent:
    """One entry of a ticket's trail, reduced to what clocks need."""

    at: datetime
    verb: str
    changes: dict[str, Any] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)
    by_agent: bool = False  # the actor is an agent and not the ticket's requester


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One line of a clock's explanation; `what` is a stable code, `text` is for people."""

    at: datetime
    what: str
    minutes: int | None = None  # business minutes the line is about (paused, extended, ...)
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ClockResult:
    """A clock as computed from the trail at `computed_at`."""

    kind: str
    state: str
    started_at: datetime
    target_minutes: int
    policy_id: int | None
    policy_version: int
    calendar_id: int | None
    computed_at: datetime
    stopped_at: datetime | None = None
    due_at: datetime | None = None
    warn_at: datetime | None = None
    breached_at: datetime | None = None
    elapsed_minutes: int = 0
    paused_minutes: int = 0
    remaining_minutes: int = 0
    timeline: list[TimelineItem] = field(default_factory=list)

    # The fields `latitude sla recompute` compares: they do not depend on when it is computed.
    STABLE = ("state", "target_minutes", "policy_id", "calendar_id", "due_at", "stopped_at")
