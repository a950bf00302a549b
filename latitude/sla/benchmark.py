"""Business-time additions per second on one core: `python -m latitude.sla.benchmark`.

A benchmark, not a test: it prints figures and asserts nothing. The calendar is Munich's
(08-12 and 13-17 on weekdays, Bavarian holidays); instants are spread over two years and the
amounts over 0-5 working days, like the targets of real SLA policies. Years are warmed first,
because they are built once per calendar and process.
"""

import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock

import django

ADDITIONS = 400_000
ROUNDS = 8


def munich_calendar():  # type: ignore[no-untyped-def]
    from latitude.sla.calendars import Calendar
    from latitude.sla.hours import WorkingInterval

    day = [
        WorkingInterval.from_times(clock(8), clock(12)),
        WorkingInterval.from_times(clock(13), clock(17)),
    ]
    return Calendar(
        weekly=dict.fromkeys(range(5), day),
        time_zone="Europe/Berlin",
        holiday_country="DE",
        holiday_subdivision="BY",
    )


def sample_inputs(count: int) -> list[tuple[datetime, int]]:
    generator = random.Random(4)
    origin = datetime(2024, 1, 1, tzinfo=UTC)
    span = int(timedelta(days=730).total_seconds())
    return [
        (origin + timedelta(seconds=generator.randrange(span)), generator.randrange(0, 2400))
        for _ in range(count)
    ]


def rates(operation, inputs) -> list[float]:  # type: ignore[no-untyped-def]
    """Calls per second of this thread's CPU time in each round, so that other processes on a
    shared machine do not count; wall-clock rates are lower only by the time spent waiting."""
    size = len(inputs) // ROUNDS
    measured = []
    for start in range(0, size * ROUNDS, size):
        chunk = inputs[start : start + size]
        started = time.thread_time()
        for first, second in chunk:
            operation(first, second)
        measured.append(size / (time.thread_time() - started))
    return sorted(measured)


def report(name: str, measured: list[float]) -> None:
    best, median = measured[-1], measured[len(measured) // 2]
    sys.stdout.write(f"{name}: best {best:,.0f}/s, median {median:,.0f}/s\n")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "latitude.settings")
    django.setup()
    calendar = munich_calendar()
    inputs = sample_inputs(ADDITIONS)
    for instant, minutes in inputs[:2000]:
        calendar.add_business_minutes(instant, minutes)
    wall_started = time.perf_counter()
    report("add_business_minutes", rates(calendar.add_business_minutes, inputs))
    wall = ADDITIONS / (time.perf_counter() - wall_started)
    sys.stdout.write(f"add_business_minutes, wall clock on this machine: {wall:,.0f}/s\n")
    ends = [(instant, calendar.add_business_minutes(instant, n)) for instant, n in inputs]
    report("business_minutes_between", rates(calendar.business_minutes_between, ends))


if __name__ == "__main__":
    main()
