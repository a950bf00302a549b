"""Distributions of a real service desk, read from the ServiceNow incident event log at run time.

The log (shared/datasets/servicenow-incident-event-log) holds one row per update of an incident.
Grouped by incident, it gives how many tickets arrive per day and at which hours, the
impact/urgency/priority mix, how often tickets change team, how many updates they get, how long
they take to resolve and how often they reopen. Generated data is sampled from these lists, so it
keeps the real shape (long tails included) without copying any row.
"""

import csv
import gzip
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from latitude.bench.datasets import SHARED_DATASETS

DEFAULT_LOG = SHARED_DATASETS / "servicenow-incident-event-log" / "incident_event_log.csv.gz"
LOG_ENV = "LATITUDE_BENCH_INCIDENT_LOG"
MISSING = "?"


@dataclass
class Profile:
    """Empirical samples; drawing uniformly from a list reproduces its distribution."""

    incidents: int = 0
    daily_arrivals: list[int] = field(default_factory=list)
    arrival_hours: list[int] = field(default_factory=list)
    classification: list[tuple[int, int, int]] = field(
        default_factory=list
    )  # impact, urgency, priority
    reassignments: list[int] = field(default_factory=list)
    events: list[int] = field(default_factory=list)
    resolution_hours: list[float] = field(default_factory=list)
    reopens: list[int] = field(default_factory=list)
    team_loads: list[int] = field(
        default_factory=list
    )  # tickets per assignment group, busiest first
    agents: int = 0
    requesters: int = 0
    categories: int = 0
    unassigned_share: float = 0.0
    # One incident's life, kept together so that correlated values stay correlated:
    # (updates, reassignments, reopens, hours to resolve or None when never resolved).
    shapes: list[tuple[int, int, int, float | None]] = field(default_factory=list)

    def priority_shares(self) -> dict[int, float]:
        counts = Counter(priority for _, _, priority in self.classification)
        total = sum(counts.values())
        return {priority: counts[priority] / total for priority in sorted(counts)}


def log_path() -> Path:
    return Path(os.environ.get(LOG_ENV) or DEFAULT_LOG)


def _level(value: str) -> int:
    """'2 - Medium' -> 2; ServiceNow has 3 impact/urgency levels and 4 priorities, as we do."""
    return int(value.split(" - ", 1)[0])


def _timestamp(value: str) -> datetime | None:
    if not value or value == MISSING:
        return None
    # Hand-parsed: strptime would triple the time it takes to read the log.
    day, month, rest = value.split("/", 2)
    year, clock = rest.split(" ", 1)
    hour, minute = clock.split(":", 1)
    return datetime(int(year), int(month), int(day), int(hour), int(minute))  # noqa: DTZ001 - the log has no zone


def _last_rows(path: Path) -> tuple[dict[str, dict[str, str]], Counter[str]]:
    """The final state of every incident (highest sys_mod_count) and its number of updates."""
    last: dict[str, dict[str, str]] = {}
    updates: Counter[str] = Counter()
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            number = row["number"]
            updates[number] += 1
            previous = last.get(number)
            if previous is None or int(row["sys_mod_count"]) >= int(previous["sys_mod_count"]):
                last[number] = row
    return last, updates


def _resolution_hours(row: dict[str, str]) -> float | None:
    opened, resolved = _timestamp(row["opened_at"]), _timestamp(row["resolved_at"])
    if opened is None or resolved is None or resolved < opened:
        return None
    return (resolved - opened).total_seconds() / 3600


def load_profile(path: Path | None = None) -> Profile:
    last, updates = _last_rows(path or log_path())
    rows = list(last.values())
    opened = [stamp for row in rows if (stamp := _timestamp(row["opened_at"])) is not None]
    per_day = Counter(stamp.date() for stamp in opened)
    groups = Counter(row["assignment_group"] for row in rows if row["assignment_group"] != MISSING)
    return Profile(
        incidents=len(rows),
        daily_arrivals=[per_day[day] for day in sorted(per_day)],
        arrival_hours=[stamp.hour for stamp in opened],
        classification=[
            (_level(row["impact"]), _level(row["urgency"]), _level(row["priority"])) for row in rows
        ],
        reassignments=[int(row["reassignment_count"]) for row in rows],
        events=[updates[row["number"]] for row in rows],
        resolution_hours=[hours for row in rows if (hours := _resolution_hours(row)) is not None],
        reopens=[int(row["reopen_count"]) for row in rows],
        team_loads=sorted(groups.values(), reverse=True),
        agents=len({row["assigned_to"] for row in rows} - {MISSING}),
        requesters=len({row["caller_id"] for row in rows} - {MISSING}),
        categories=len({row["category"] for row in rows} - {MISSING}),
        shapes=[
            (
                updates[row["number"]],
                int(row["reassignment_count"]),
                int(row["reopen_count"]),
                _resolution_hours(row),
            )
            for row in rows
        ],
        unassigned_share=sum(row["assigned_to"] == MISSING for row in rows) / max(len(rows), 1),
    )
