"""Stored clocks kept in step with the trail, and the batch rebuild behind `latitude sla recompute`.

`refresh_ticket` runs inside every ticket action that can move a clock (see
`latitude.sla.hooks`): it writes the terms to the trail when they changed, replays the trail
through the pure engine and writes the rows. `recompute` does the same for every ticket in
chunks (audit entries prefetched per chunk, rows bulk-written) and reports what differed.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from latitude.core import audit
from latitude.core.models import AuditEntry
from latitude.sla.clocks.engine import TERMS_SET, compute_clocks
from latitude.sla.clocks.types import ClockResult, Terms, TrailEvent
from latitude.sla.models import SlaClock
from latitude.sla.policies import Resolver, TicketFacts

TICKET_TYPE = "tickets.ticket"
TICKET_FIELDS = (
    "id", "number", "kind", "priority", "status", "service_id", "team_id", "created_at",
    "requester__id", "requester__unit_id",
)  # fmt: skip
WRITTEN = (
    "policy_id",
    "policy_version",
    "calendar_id",
    "target_minutes",
    "state",
    "started_at",
    "stopped_at",
    "due_at",
    "warn_at",
    "breached_at",
    "elapsed_minutes",
    "paused_minutes",
    "remaining_minutes",
    "computed_at",
    "warning_sent_at",
    "breach_recorded_at",
)


def trails(tickets: Iterable[Any]) -> dict[int, list[TrailEvent]]:
    """The trail of each ticket in one query, in the order the entries were written."""
    requesters = {ticket.pk: ticket.requester_id for ticket in tickets}
    found: dict[int, list[TrailEvent]] = defaultdict(list)
    rows = (
        AuditEntry.objects.filter(subject_type=TICKET_TYPE, subject_id__in=list(requesters))
        .order_by("subject_id", "id")
        .values_list("subject_id", "occurred_at", "verb", "changes", "context", "actor_id")
    )
    agents = _agents({row[5] for row in rows if row[5]})
    for subject_id, at, verb, changes, context, actor_id in rows:
        by_agent = actor_id in agents and actor_id != requesters[subject_id]
        found[subject_id].append(TrailEvent(at, verb, changes or {}, context or {}, by_agent))
    return found


def _agents(actor_ids: set[int]) -> set[int]:
    from latitude.people.models import User

    return set(User.objects.filter(pk__in=actor_ids, is_agent=True).values_list("pk", flat=True))


def compute(
    ticket: Any, trail: list[TrailEvent], resolver: Resolver, now: datetime
) -> dict[str, ClockResult]:
    return compute_clocks(
        trail,
        fallback_terms=lambda: resolver.terms(TicketFacts.of(ticket)),
        calendars=resolver.engine,
        now=now,
        started_at=ticket.created_at,
    )


def compute_for_ticket(ticket: Any, *, now: datetime) -> dict[str, ClockResult]:
    """A ticket's clocks computed live from its trail (for the timeline and the API)."""
    return compute(ticket, trails([ticket]).get(ticket.pk, []), Resolver(), now)


def recorded_terms(trail: list[TrailEvent]) -> Terms | None:
    last = next((event for event in reversed(trail) if event.verb == TERMS_SET), None)
    return Terms.from_context(last.context) if last else None


def refresh_ticket(ticket: Any, *, actor: Any) -> dict[str, SlaClock]:
    """Bring a ticket's stored clocks in step after an action (inside its transaction)."""
    resolver = Resolver()
    existing = {clock.kind: clock for clock in SlaClock.objects.filter(ticket_id=ticket.pk)}
    if not resolver.policies and not existing:
        return {}  # no SLA configured, nothing kept: nothing to do
    now = timezone.now()
    trail = trails([ticket]).get(ticket.pk, [])
    terms = resolver.terms(TicketFacts.of(ticket))
    recorded = recorded_terms(trail)
    if ticket.is_open and recorded != terms and (recorded or terms.policy_id):
        entry = audit.record(
            actor=actor, verb=TERMS_SET, subject=ticket, context=terms.as_context()
        )
        trail.append(TrailEvent(entry.occurred_at, TERMS_SET, {}, entry.context))
    results = compute(ticket, trail, resolver, now)
    changed, created, removed = apply_results(ticket.pk, results, existing)
    for clock in changed:
        clock.save(update_fields=WRITTEN)
    SlaClock.objects.bulk_create(created)
    if removed:
        SlaClock.objects.filter(pk__in=[clock.pk for clock in removed]).delete()
    return {clock.kind: clock for clock in [*changed, *created]}


def apply_results(
    ticket_id: int,
    results: dict[str, ClockResult],
    existing: dict[str, SlaClock],
    *,
    only_if_different: bool = False,
) -> tuple[list[SlaClock], list[SlaClock], list[SlaClock]]:
    """(rows to update, rows to create, rows to delete) for one ticket; a batch rebuild leaves
    rows alone whose due, warning and breach times are already right (`only_if_different`)."""
    changed, created = [], []
    for kind, result in results.items():
        clock = existing.get(kind)
        if clock is None:
            created.append(_filled(SlaClock(ticket_id=ticket_id, kind=kind), result))
        elif not only_if_different or _differs(clock, result):
            changed.append(_filled(clock, result))
    removed = [clock for kind, clock in existing.items() if kind not in results]
    return changed, created, removed


def _filled(clock: SlaClock, result: ClockResult) -> SlaClock:
    new_cycle = clock.started_at is not None and clock.started_at != result.started_at
    for name in WRITTEN[:-2]:
        setattr(clock, name, getattr(result, name))
    # The sweep's marks stay while they still describe this clock; a new cycle, a warning
    # moved later or a breach lifted by an extension lets the sweep announce them again.
    if new_cycle or (
        clock.warning_sent_at and result.warn_at and result.warn_at > clock.warning_sent_at
    ):
        clock.warning_sent_at = None
    if new_cycle or (
        result.breached_at is None
        and result.due_at is not None
        and clock.breach_recorded_at
        and result.due_at > clock.breach_recorded_at
    ):
        clock.breach_recorded_at = None
    return clock


NOTICED = (*ClockResult.STABLE, "warn_at", "breached_at", "started_at")


def _differs(clock: SlaClock, result: ClockResult) -> bool:
    return any(getattr(clock, name) != getattr(result, name) for name in NOTICED)


@dataclass
class RecomputeReport:
    tickets: int = 0
    clocks: int = 0
    differences: list[str] = field(default_factory=list)


def differences(
    ticket: Any, results: dict[str, ClockResult], existing: dict[str, SlaClock]
) -> Iterator[str]:
    for kind in sorted(set(results) | set(existing)):
        result, clock = results.get(kind), existing.get(kind)
        if result is None or clock is None:
            yield f"{ticket.number} {kind}: {'stored only' if result is None else 'missing'}"
            continue
        for name in ClockResult.STABLE:
            stored, computed = getattr(clock, name), getattr(result, name)
            if stored != computed:
                yield f"{ticket.number} {kind} {name}: stored {stored}, from events {computed}"


def recompute(
    *, chunk_size: int = 1000, write: bool = True, now: datetime | None = None
) -> RecomputeReport:
    """Rebuild every ticket's clocks from its trail; report each difference found."""
    from latitude.tickets.models import Ticket

    report, resolver, now = (
        RecomputeReport(),
        Resolver(preload_calendars=True),
        now or timezone.now(),
    )
    ids = list(Ticket.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk_size):
        tickets = list(
            Ticket.objects.filter(pk__in=ids[start : start + chunk_size])
            .select_related("requester")
            .only(*TICKET_FIELDS)
        )
        with transaction.atomic():
            _recompute_chunk(tickets, resolver, now, report, write)
    return report


def _recompute_chunk(
    tickets: list[Any], resolver: Resolver, now: datetime, report: RecomputeReport, write: bool
) -> None:
    found = trails(tickets)
    existing: dict[int, dict[str, SlaClock]] = defaultdict(dict)
    for clock in SlaClock.objects.filter(ticket_id__in=[t.pk for t in tickets]):
        existing[clock.ticket_id][clock.kind] = clock
    changed, created, removed = [], [], []
    for ticket in tickets:
        results = compute(ticket, found.get(ticket.pk, []), resolver, now)
        report.tickets += 1
        report.clocks += len(results)
        report.differences.extend(differences(ticket, results, existing[ticket.pk]))
        update, create, delete = apply_results(
            ticket.pk, results, existing[ticket.pk], only_if_different=True
        )
        changed += update
        created += create
        removed += delete
    if write:
        SlaClock.objects.bulk_update(changed, WRITTEN, batch_size=500)
        SlaClock.objects.bulk_create(created, batch_size=500)
        SlaClock.objects.filter(pk__in=[clock.pk for clock in removed]).delete()
