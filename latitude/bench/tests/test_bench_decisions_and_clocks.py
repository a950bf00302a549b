from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta

import pytest
from django.db.models import Sum

from latitude.bench.loader import load
from latitude.bench.profile import Profile
from latitude.core.models import AuditEntry
from latitude.scopes.models import DecisionRecord, DecisionRequest, DecisionRoute, Reversal
from latitude.sla.clocks.store import NOTICED, compute, recompute, trails
from latitude.sla.models import BusinessCalendar, SlaClock, SlaPolicy
from latitude.sla.policies import Resolver
from latitude.sla.sweep import pending_breaches, pending_warnings
from latitude.tickets.choices import Status
from latitude.tickets.models import Ticket

END = datetime(2026, 6, 1, tzinfo=UTC)
TICKETS = 2500  # eight days: some tickets closed, some reopened, a few P1s out of scope


@pytest.fixture
def loaded(db, small_profile: Profile):
    return load(TICKETS, seed=7, end=END.replace(tzinfo=None), profile=small_profile)


def _carried_out(decision: str) -> list[DecisionRecord]:
    found = DecisionRecord.objects.filter(decision=decision, outcome__in=["taken", "approved"])
    return list(found)


def _trail(verb: str, **changes: list) -> set[tuple]:
    entries = AuditEntry.objects.filter(verb=verb, subject_type="tickets.ticket")
    return {
        (entry.subject_id, entry.occurred_at, entry.actor_id)
        for entry in entries
        if all(entry.changes.get(field, [None, None])[1] == v[1] for field, v in changes.items())
    }


def test_each_resolution_and_raise_on_the_trail_has_its_record(loaded) -> None:
    resolved = _trail("ticket.status_changed", status=[None, Status.RESOLVED])
    records = {(r.subject_id, r.occurred_at, r.actor_id) for r in _carried_out("ticket.resolve")}
    assert records == resolved
    raised = _trail("ticket.priority_changed")
    records = {
        (r.subject_id, r.occurred_at, r.actor_id) for r in _carried_out("ticket.set_priority")
    }
    assert records == raised
    assert raised


def test_reopenings_are_by_right_and_reverse_the_resolution_they_undo(loaded) -> None:
    reopened = DecisionRecord.objects.filter(decision="ticket.reopen")
    total = Ticket.objects.aggregate(total=Sum("reopen_count"))["total"]
    assert reopened.count() == total > 0
    assert set(reopened.values_list("outcome", flat=True)) == {"by_right"}
    for reversal in Reversal.objects.select_related("record", "undone_by"):
        assert reversal.record.decision == "ticket.resolve"
        assert reversal.undone_by.decision == "ticket.reopen"
        assert reversal.record.subject_id == reversal.undone_by.subject_id
        assert reversal.record.occurred_at < reversal.undone_by.occurred_at
    assert Reversal.objects.exists()


def test_closing_is_recorded_for_every_closed_ticket(loaded) -> None:
    closed = set(Ticket.objects.filter(status=Status.CLOSED).values_list("pk", "closed_at"))
    records = DecisionRecord.objects.filter(decision="ticket.close")
    assert set(records.values_list("subject_id", "occurred_at")) == closed
    assert closed


def test_requests_beyond_the_owners_scope_go_to_the_lead(loaded) -> None:
    outcomes = Counter(
        DecisionRecord.objects.filter(request__isnull=False).values_list("outcome", flat=True)
    )
    requests = Counter(DecisionRequest.objects.values_list("status", flat=True))
    assert outcomes["requested"] == sum(requests.values())
    assert outcomes["approved"] == requests["approved"] > 0
    assert outcomes["declined"] == requests["declined"] > 0
    assert 0 < outcomes["requested"] < 0.1 * DecisionRecord.objects.count()
    for request in DecisionRequest.objects.all():
        lead = Ticket.objects.select_related("team").get(pk=request.subject_id).team.lead_id
        route = DecisionRoute.objects.get(request=request)
        assert route.person_id == request.decided_by_id == lead != request.requester_id
        assert request.created_at < request.decided_at < request.expires_at


def test_clocks_are_what_recompute_computes_from_the_trail(loaded) -> None:
    report = recompute(write=False, now=END)
    assert report.differences == []
    assert report.clocks == SlaClock.objects.count() == 2 * TICKETS
    states = Counter(SlaClock.objects.values_list("state", flat=True))
    assert states["running"]
    assert states["met"]
    assert states["missed"]
    assert BusinessCalendar.objects.get(is_default=True).working_periods.count() == 10
    assert SlaPolicy.objects.count() == 4


COMPARED = (*NOTICED, "elapsed_minutes", "remaining_minutes", "policy_version", "stopped_at")


def _disagreements() -> list[str]:
    """Every stored value the engine computes otherwise from the stored trail, as of END."""
    tickets = list(Ticket.objects.select_related("requester"))
    found, resolver = trails(tickets), Resolver(preload_calendars=True)
    stored: dict[int, dict[str, SlaClock]] = defaultdict(dict)
    for clock in SlaClock.objects.all():
        stored[clock.ticket_id][clock.kind] = clock
    return [
        f"{ticket.pk} {kind} {name}: {getattr(stored[ticket.pk][kind], name)} != {value}"
        for ticket in tickets
        for kind, result in compute(ticket, found[ticket.pk], resolver, END).items()
        for name in COMPARED
        if getattr(stored[ticket.pk][kind], name) != (value := getattr(result, name))
    ]


def test_clocks_agree_with_the_engine_beyond_what_recompute_compares(loaded) -> None:
    assert _disagreements() == []


def test_the_sweep_finds_only_what_falls_due_after_the_load(loaded) -> None:
    assert pending_breaches(END) == pending_warnings(END) == []
    later = END + timedelta(days=3)
    assert pending_breaches(later)
    assert pending_warnings(later)
