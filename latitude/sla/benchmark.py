"""SLA figures: `python -m latitude.sla.benchmark [additions|recompute N|sweep N]`.

additions     business-time additions per second on one core (below)
recompute N   rebuild the clocks of N synthetic tickets from their trails (in-memory SQLite)
sweep N       the sweep's time and queries with N closed tickets, then with 10 x N

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


def additions() -> None:
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


def in_test_database(work):  # type: ignore[no-untyped-def]
    from django.db import connection

    connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        return work()
    finally:
        connection.creation.destroy_test_db(":memory:", verbosity=0)


def recompute_figures(count: int) -> None:
    from latitude.sla.bench_data import make_tickets
    from latitude.sla.clocks.store import recompute

    started = time.perf_counter()
    make_tickets(count)
    sys.stdout.write(f"made {count:,} tickets in {time.perf_counter() - started:.1f} s\n")
    for label in ("first build", "rebuild, nothing to fix"):
        started, cpu = time.perf_counter(), time.process_time()
        report = recompute(chunk_size=2000)
        sys.stdout.write(
            f"recompute ({label}): {report.tickets:,} tickets, {report.clocks:,} clocks, "
            f"{len(report.differences):,} differences in {time.perf_counter() - started:.1f} s "
            f"wall, {time.process_time() - cpu:.1f} s CPU\n"
        )


def sweep_figures(count: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from latitude.sla.bench_data import ORIGIN, make_tickets
    from latitude.sla.clocks.store import recompute
    from latitude.sla.sweep import sweep

    for total in (count, count * 10):
        from latitude.sla.models import SlaClock
        from latitude.tickets.models import Ticket

        SlaClock.objects.all().delete()
        Ticket.objects.all().delete()
        make_tickets(total, closed_share=1.0)
        recompute(chunk_size=2000)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            sweep(now=ORIGIN)
            elapsed = (time.perf_counter() - started) * 1000
        sys.stdout.write(
            f"sweep with {total:,} closed tickets: {len(queries)} queries, {elapsed:.1f} ms\n"
        )


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "latitude.settings")
    django.setup()
    what = sys.argv[1] if len(sys.argv) > 1 else "additions"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    if what == "additions":
        additions()
    elif what == "recompute":
        in_test_database(lambda: recompute_figures(count))
    elif what == "sweep":
        in_test_database(lambda: sweep_figures(count))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
