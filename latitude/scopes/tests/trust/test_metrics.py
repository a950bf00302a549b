"""The SQL aggregates of the trust metrics equal a plain recount over the same records."""

import statistics
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from latitude.scopes.models import (
    CARRIED_OUT,
    DecisionOutcome,
    DecisionRecord,
    DecisionRequest,
    RequestKind,
    RequestStatus,
    Reversal,
)
from latitude.scopes.trust.metrics import WITHIN_SCOPE, Period, holder_metrics, metrics
from latitude.testing.factories import AgentFactory, TeamFactory

pytestmark = pytest.mark.django_db(transaction=False)

NOW = timezone.now().replace(microsecond=0)
PERIOD = Period(start=NOW - timedelta(days=30), end=NOW)
DECISIONS = ["ticket.resolve", "ticket.set_priority"]

RECORDS = st.lists(
    st.fixed_dictionaries(
        {
            "decision": st.sampled_from(DECISIONS),
            "outcome": st.sampled_from(DecisionOutcome.values),
            "actor": st.integers(0, 2),
            "behalf": st.sampled_from([None, 0, 1, 2]),
            "team": st.sampled_from([None, 0, 1]),
            "days_ago": st.integers(-2, 40),
            "reversed": st.booleans(),
        }
    ),
    max_size=12,
)
REQUESTS = st.lists(
    st.fixed_dictionaries(
        {
            "decision": st.sampled_from(DECISIONS),
            "status": st.sampled_from(RequestStatus.values),
            "requester": st.integers(0, 2),
            "team": st.sampled_from([None, 0, 1]),
            "days_ago": st.integers(-2, 40),
            "wait_minutes": st.integers(0, 5000),
        }
    ),
    max_size=10,
)


def _record(row: dict[str, Any], people: list[Any], teams: list[Any], **extra: Any) -> Any:
    values = {
        "decision": row["decision"],
        "outcome": row["outcome"],
        "within_scope": row["outcome"] in WITHIN_SCOPE,
        "actor": people[row["actor"]],
        "actor_repr": "x",
        "on_behalf_of": None if row["behalf"] is None else people[row["behalf"]],
        "team": None if row["team"] is None else teams[row["team"]],
        "occurred_at": NOW - timedelta(days=row["days_ago"], hours=1),
        "subject_type": "tickets.ticket",
        "subject_id": 1,
        "subject_repr": "T-1",
        **extra,
    }
    return DecisionRecord.objects.create(**values)


def _arrange(records: list[dict], requests: list[dict]) -> tuple[list[Any], list[Any]]:
    people = [AgentFactory() for _ in range(3)]
    teams = [TeamFactory(), TeamFactory()]
    for row in records:
        record = _record(row, people, teams)
        if row["reversed"] and row["outcome"] in CARRIED_OUT:
            undo = {**row, "decision": "ticket.reopen", "outcome": DecisionOutcome.WITHDRAWN}
            Reversal.objects.create(
                record=record,
                undone_by=_record(undo, people, teams),
                occurred_at=NOW,
                after_seconds=60,
            )
    for number, row in enumerate(requests):
        created = NOW - timedelta(days=row["days_ago"], hours=2)
        decided = row["status"] != RequestStatus.PENDING
        request = DecisionRequest.objects.create(
            decision=row["decision"],
            kind=RequestKind.OUT_OF_SCOPE,
            status=row["status"],
            requester=people[row["requester"]],
            action="x",
            subject_type="tickets.ticket",
            subject_id=100 + number,
            subject_repr="T",
            created_at=created,
            expires_at=created + timedelta(days=3),
            decided_at=created + timedelta(minutes=row["wait_minutes"]) if decided else None,
        )
        asked = {"decision": row["decision"], "outcome": DecisionOutcome.REQUESTED,
                 "actor": row["requester"], "behalf": None, "team": row["team"],
                 "days_ago": row["days_ago"]}  # fmt: skip
        _record(asked, people, teams, request=request, occurred_at=created)
    return people, teams


def _in(moment: datetime) -> bool:
    return PERIOD.start <= moment < PERIOD.end


def _recount(kind: str) -> dict[tuple[str, int], dict[str, Any]]:
    found: dict[tuple[str, int], dict[str, Any]] = {}

    def row(key: tuple[str, int]) -> dict[str, Any]:
        empty = {"decisions": 0, "within": 0, "reversed": 0, "requests": 0, "approved": 0,
                 "declined": 0, "waits": []}  # fmt: skip
        return found.setdefault(key, empty)

    for record in DecisionRecord.objects.all():
        holder = (record.on_behalf_of_id or record.actor_id) if kind == "person" else record.team_id
        if holder is None or record.outcome not in CARRIED_OUT or not _in(record.occurred_at):
            continue
        entry = row((record.decision, holder))
        entry["decisions"] += 1
        entry["within"] += record.outcome in WITHIN_SCOPE
        entry["reversed"] += Reversal.objects.filter(record=record).exists()
    for request in DecisionRequest.objects.all():
        first = request.records.order_by("id").first()
        holder = request.requester_id if kind == "person" else first.team_id
        if holder is None or not _in(request.created_at):
            continue
        entry = row((request.decision, holder))
        entry["requests"] += 1
        entry["approved"] += request.status == RequestStatus.APPROVED
        entry["declined"] += request.status == RequestStatus.DECLINED
        if request.status in (RequestStatus.APPROVED, RequestStatus.DECLINED):
            entry["waits"].append(request.decided_at - request.created_at)
    return found


def _agree(kind: str) -> None:
    computed = metrics(kind, PERIOD)  # type: ignore[arg-type]
    expected = _recount(kind)
    assert set(computed) == set(expected)
    for key, figures in expected.items():
        got = computed[key]
        assert (got.decisions, got.within_scope, got.reversed) == (
            figures["decisions"], figures["within"], figures["reversed"]
        )  # fmt: skip
        assert (got.requests, got.approved, got.declined) == (
            figures["requests"], figures["approved"], figures["declined"]
        )  # fmt: skip
        waits = figures["waits"]
        assert got.median_wait == (statistics.median(waits) if waits else None)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=RECORDS, requests=REQUESTS, kind=st.sampled_from(["person", "team"]))
def test_metrics_equal_a_python_recount(records: list, requests: list, kind: str) -> None:
    with transaction.atomic():
        _arrange(records, requests)
        _agree(kind)
        transaction.set_rollback(True)


def test_rates_by_hand(django_assert_max_num_queries: Any) -> None:
    records = [
        {"decision": "ticket.resolve", "outcome": outcome, "actor": 0, "behalf": None,
         "team": 0, "days_ago": 1, "reversed": reversed_}
        for outcome, reversed_ in [("taken", True), ("taken", False), ("approved", False),
                                   ("by_right", False)]
    ]  # fmt: skip
    requests = [
        {"decision": "ticket.resolve", "status": status, "requester": 0, "team": 0,
         "days_ago": 2, "wait_minutes": minutes}
        for status, minutes in [("approved", 10), ("approved", 30), ("declined", 60),
                                ("pending", 0)]
    ]  # fmt: skip
    people, teams = _arrange(records, requests)
    with django_assert_max_num_queries(3):
        (row,) = holder_metrics("person", people[0].pk, PERIOD)
    assert (row.decisions, row.within_scope, row.reversed, row.requests) == (4, 3, 1, 4)
    assert row.within_share == 0.75
    assert row.reversal_rate == 0.25
    assert row.approval_rate == pytest.approx(2 / 3)
    assert row.median_wait == timedelta(minutes=30)
    (team_row,) = holder_metrics("team", teams[0].pk, PERIOD)
    assert (team_row.requests, team_row.decisions) == (4, 4)


def test_an_even_number_of_waits_averages_the_middle_two() -> None:
    requests = [
        {"decision": "ticket.resolve", "status": "approved", "requester": 0, "team": None,
         "days_ago": 3, "wait_minutes": minutes}
        for minutes in (5, 10, 20, 100)
    ]  # fmt: skip
    people, _ = _arrange([], requests)
    (row,) = holder_metrics("person", people[0].pk, PERIOD)
    assert row.median_wait == timedelta(minutes=15)
