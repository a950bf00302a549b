"""`bench-data`: a realistic organisation and N tickets, written by bulk paths with progress."""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.management.color import no_style
from django.db import connection, models, transaction

from latitude.bench.decisions import (
    RECORD_COLUMNS,
    REQUEST_COLUMNS,
    REVERSAL_COLUMNS,
    ROUTE_COLUMNS,
    DecisionPlanner,
    create_grants,
)
from latitude.bench.fastload import indexes_built_afterwards
from latitude.bench.org import Organisation, create_organisation
from latitude.bench.planner import (
    AUDIT_COLUMNS,
    COMMENT_COLUMNS,
    TICKET_COLUMNS,
    WATCHER_COLUMNS,
    Planner,
    Rows,
    arrival_times,
)
from latitude.bench.profile import Profile, load_profile
from latitude.bench.sla import CLOCK_COLUMNS, ClockPlanner, create_sla_terms
from latitude.bench.texts import load_threads
from latitude.bench.writer import TableWriter
from latitude.core.models import AuditEntry
from latitude.people.models import User
from latitude.scopes.models import DecisionRecord, DecisionRequest, DecisionRoute, Reversal
from latitude.sla.models import SlaClock
from latitude.tickets.choices import Kind
from latitude.tickets.models import Comment, Ticket, TicketSequence, TicketWatcher

BATCH = 5000


@dataclass
class LoadResult:
    tickets: int
    rows: int
    seconds: float
    organisation: Organisation

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def _end_of_timeline() -> datetime:
    """Today at midnight UTC, so open tickets are recent; fixed within a day for determinism."""
    return datetime.now(UTC).replace(tzinfo=None, hour=0, minute=0, second=0, microsecond=0)


TABLES: list[tuple[str, type[models.Model], tuple[str, ...]]] = [
    ("tickets", Ticket, TICKET_COLUMNS),
    ("comments", Comment, COMMENT_COLUMNS),
    ("audit", AuditEntry, AUDIT_COLUMNS),
    ("watchers", TicketWatcher, WATCHER_COLUMNS),
    ("clocks", SlaClock, CLOCK_COLUMNS),
    ("requests", DecisionRequest, REQUEST_COLUMNS),
    ("routes", DecisionRoute, ROUTE_COLUMNS),
    ("records", DecisionRecord, RECORD_COLUMNS),
    ("reversals", Reversal, REVERSAL_COLUMNS),
]
MODELS = [model for _, model, _ in TABLES]


def _writers() -> list[tuple[str, TableWriter]]:
    return [(name, TableWriter(model, columns)) for name, model, columns in TABLES]


def _next_id(model: type[models.Model]) -> int:
    last = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def _finish() -> None:
    """Sequences past the ids we chose, readable numbers continuing after ours, fresh statistics."""
    last = Ticket.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    TicketSequence.objects.update_or_create(kind=Kind.INCIDENT, defaults={"last": last})
    statements = connection.ops.sequence_reset_sql(no_style(), MODELS)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
        cursor.execute("ANALYZE")


def load(
    tickets: int,
    *,
    seed: int = 1,
    end: datetime | None = None,
    profile: Profile | None = None,
    progress: Callable[[str], None] = lambda line: None,
) -> LoadResult:
    """Create the organisation and `tickets` tickets; the same seed and end give the same data."""
    if User.objects.filter(email__endswith="@bench.example").exists():
        raise ValueError(
            "This database already holds benchmark data; start from an empty database."
        )
    started = time.perf_counter()
    rng = random.Random(seed)
    profile = profile or load_profile()
    organisation = create_organisation(profile, rng)
    create_sla_terms()
    end = end or _end_of_timeline()
    opened = arrival_times(profile, tickets, end, rng)
    planner = Planner(
        profile,
        organisation,
        load_threads(),
        end=end,
        rng=rng,
        first_ticket_id=_next_id(Ticket),
        first_comment_id=_next_id(Comment),
        decisions=DecisionPlanner(
            organisation,
            create_grants(organisation),
            first_record_id=_next_id(DecisionRecord),
            first_request_id=_next_id(DecisionRequest),
        ),
        clocks=ClockPlanner(end),
    )
    writers, written = _writers(), 0
    with indexes_built_afterwards(MODELS):
        for start in range(0, tickets, BATCH):
            rows = planner.plan(opened[start : start + BATCH])
            _write(writers, rows)
            written += rows.count()
            elapsed = time.perf_counter() - started
            progress(_progress_line(start + len(rows.tickets), tickets, written, elapsed))
        progress("Building indexes ...")
    _finish()
    return LoadResult(tickets, written, time.perf_counter() - started, organisation)


@transaction.atomic
def _write(writers: list[tuple[str, TableWriter]], rows: Rows) -> None:
    for name, writer in writers:
        writer.write(getattr(rows, name))


def _progress_line(done: int, total: int, rows: int, seconds: float) -> str:
    remaining = seconds / done * (total - done) if done else 0.0
    return (
        f"{done:>10,}/{total:,} tickets ({done / total:4.0%}), {rows:,} rows, "
        f"{rows / seconds:,.0f} rows/s, {seconds:,.0f} s elapsed, ~{remaining:,.0f} s left"
    )
