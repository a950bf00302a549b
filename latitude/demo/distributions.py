"""How often things happen in the demo, and when.

Constants marked [log] were derived once from the ServiceNow incident event log in
/work/shared/datasets/servicenow-incident-event-log (Kaggle cut: 20,769 incidents, last event per
incident, 2016); reading the 39 MB file at every run would cost seconds for no gain.

- [log] priority: 3-Moderate 94.1 %, 4-Low 3.2 %, 2-High 1.6 %, 1-Critical 1.1 %. That instance
  left almost everything at the default; we keep P3 as the bulk but widen the tails so that a
  demo desk shows every priority.
- [log] reassigned to another group at least once: 47.4 % (once 25.9 %, twice 9.4 %, more 12.1 %).
  Our requesters usually pick a service, which routes directly, so only tickets opened without
  one pass through triage; with hand-offs between specialist teams about a third is reassigned.
- [log] reopened at least once: 1.1 %; we use 2 % so that a few hundred tickets show some.
- [log] opened -> resolved, hours: p25 0.5, median 24.6, p75 165, p90 397.
- [log] arrivals: 95.4 % on weekdays; per-hour counts below (08:00-17:00 carries 81 %).
- [log] SLA missed on 39 % of incidents: agents do not always answer quickly.
"""

import bisect
import math
import random
from collections.abc import Mapping
from datetime import datetime, time, timedelta, tzinfo
from typing import TypeVar

from latitude.tickets.choices import Impact, Kind, Priority, Status, Urgency

Key = TypeVar("Key")

# [log] incidents opened per hour of day, 00..23.
HOUR_WEIGHTS = (
    216,
    177,
    126,
    103,
    94,
    95,
    248,
    501,
    2068,
    2560,
    2440,
    2067,
    1110,
    1377,
    1891,
    1818,
    1577,
    898,
    389,
    213,
    171,
    315,
    183,
    132,
)
WEEKEND_ACCEPT = 0.12  # [log] a weekend day sees ~12 % of a weekday's arrivals

# [log] quantiles of opened -> resolved in hours (the 0.0 and 1.0 ends are ours).
RESOLUTION_QUANTILES = (
    (0.0, 0.08),
    (0.25, 0.5),
    (0.5, 24.6),
    (0.75, 165.0),
    (0.9, 397.0),
    (1.0, 900.0),
)

PRIORITY_SHARES = {
    Kind.INCIDENT: {Priority.P1: 0.03, Priority.P2: 0.12, Priority.P3: 0.60, Priority.P4: 0.25},
    Kind.REQUEST: {Priority.P2: 0.05, Priority.P3: 0.45, Priority.P4: 0.50},
}
INCIDENT_SHARE = 0.6
NO_SERVICE_SHARE = {Kind.INCIDENT: 0.4, Kind.REQUEST: 0.1}  # opened without a service -> triage
FIRST_LEVEL_FIX_SHARE = 0.3  # of triaged tickets the service desk solves itself
HANDOFF_SHARE = 0.1  # specialist team hands the ticket to another team
REOPEN_SHARE = 0.02
OPENED_BY_DESK_SHARE = 0.2  # a desk agent records a phone call on the caller's behalf

# Final statuses of ordinary tickets; duplicates and child tickets come on top.
STATUS_SHARES = {
    Status.NEW: 0.07,
    Status.IN_PROGRESS: 0.14,
    Status.WAITING_REQUESTER: 0.06,
    Status.WAITING_THIRD_PARTY: 0.04,
    Status.RESOLVED: 0.09,
    Status.CLOSED: 0.60,
}
# How long ago (days) a ticket that ends in this status was opened.
AGE_DAYS = {
    Status.NEW: (0.02, 2.5),
    Status.IN_PROGRESS: (0.2, 20),
    Status.WAITING_REQUESTER: (0.5, 14),
    Status.WAITING_THIRD_PARTY: (1, 25),
    Status.RESOLVED: (0.3, 12),
    Status.CLOSED: (1.5, 60),
}

# Impact x urgency combinations that give each priority under the default matrix.
RATINGS = {
    Priority.P1: ((Impact.HIGH, Urgency.HIGH),),
    Priority.P2: ((Impact.HIGH, Urgency.MEDIUM), (Impact.MEDIUM, Urgency.HIGH)),
    Priority.P3: (
        (Impact.MEDIUM, Urgency.MEDIUM),
        (Impact.HIGH, Urgency.LOW),
        (Impact.LOW, Urgency.HIGH),
    ),
    Priority.P4: (
        (Impact.LOW, Urgency.LOW),
        (Impact.MEDIUM, Urgency.LOW),
        (Impact.LOW, Urgency.MEDIUM),
    ),
}
# Typical time to the first touch by an agent, hours, by priority.
FIRST_TOUCH_HOURS = {Priority.P1: 0.2, Priority.P2: 1.0, Priority.P3: 3.0, Priority.P4: 6.0}


def quotas(total: int, shares: dict[Status, float]) -> list[Status]:
    """Split `total` by `shares` (largest remainder), at least one of each when possible."""
    raw = {key: total * share for key, share in shares.items()}
    counts = {key: max(1, math.floor(value)) for key, value in raw.items()}
    by_remainder = sorted(raw, key=lambda key: raw[key] - math.floor(raw[key]), reverse=True)
    index = 0
    while sum(counts.values()) < total:
        counts[by_remainder[index % len(by_remainder)]] += 1
        index += 1
    while sum(counts.values()) > total:
        largest = max(counts, key=lambda key: counts[key])
        counts[largest] -= 1
    return [key for key, count in counts.items() for _ in range(count)]


def resolution_hours(rng: random.Random) -> float:
    """A duration drawn from the log's quantiles, interpolated on a log scale."""
    u = rng.random()
    probs = [p for p, _ in RESOLUTION_QUANTILES]
    index = min(max(bisect.bisect_right(probs, u), 1), len(probs) - 1)
    (p0, h0), (p1, h1) = RESOLUTION_QUANTILES[index - 1], RESOLUTION_QUANTILES[index]
    fraction = (u - p0) / (p1 - p0)
    return math.exp(math.log(h0) + fraction * (math.log(h1) - math.log(h0)))


def opening_time(
    rng: random.Random, now: datetime, days: tuple[float, float], zone: tzinfo
) -> datetime:
    """An instant `days` ago, on a weekday during office hours more often than not."""
    low, high = days
    for _attempt in range(50):
        day = (now - timedelta(days=rng.uniform(low, high))).astimezone(zone).date()
        if day.weekday() >= 5 and rng.random() > WEEKEND_ACCEPT:
            continue
        hour = rng.choices(range(24), weights=HOUR_WEIGHTS)[0]
        moment = datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)), zone)
        if now - timedelta(days=high) <= moment <= now - timedelta(days=low):
            return moment
    return now - timedelta(days=rng.uniform(low, high))


def first_touch(rng: random.Random, priority: int) -> timedelta:
    return timedelta(hours=rng.expovariate(1 / FIRST_TOUCH_HOURS[Priority(priority)]) + 0.02)


def weighted(rng: random.Random, shares: Mapping[Key, float]) -> Key:
    keys = list(shares)
    return rng.choices(keys, weights=[shares[key] for key in keys])[0]
