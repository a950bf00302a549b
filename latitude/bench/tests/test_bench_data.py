import random
import statistics
from collections import Counter
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from latitude.bench.loader import load
from latitude.bench.org import BENCH_ADMIN_EMAIL, BENCH_AGENT_EMAIL, Organisation
from latitude.bench.planner import Planner, arrival_times
from latitude.bench.profile import Profile
from latitude.bench.texts import load_threads
from latitude.core.models import AuditEntry
from latitude.people.models import User
from latitude.tickets.choices import Status
from latitude.tickets.models import Comment, Ticket, TicketSequence

END = datetime(2026, 6, 1)  # noqa: DTZ001 - the planner works in naive UTC
TICKETS = 2500  # eight days of arrivals: old enough for some to be closed
OPEN = [Status.NEW, Status.IN_PROGRESS]


@pytest.fixture
def loaded(db, small_profile: Profile):
    return load(TICKETS, seed=7, end=END, profile=small_profile)


def test_bench_data_creates_the_requested_tickets_with_conversation_and_audit(loaded) -> None:
    assert Ticket.objects.count() == TICKETS
    assert Comment.objects.count() > TICKETS
    opened = AuditEntry.objects.filter(verb="ticket.opened").count()
    assert opened == TICKETS
    assert (
        TicketSequence.objects.get(kind="incident").last
        == Ticket.objects.order_by("-pk").first().pk
    )


def test_bench_data_priority_shares_follow_the_log(loaded, small_profile: Profile) -> None:
    counts = Counter(Ticket.objects.values_list("priority", flat=True))
    for priority, share in small_profile.priority_shares().items():
        assert abs(counts[priority] / TICKETS - share) < 0.03


def test_bench_data_updates_and_reassignments_follow_the_log(
    loaded, small_profile: Profile
) -> None:
    # The SLA terms the desk records on opening are not updates of the log's incidents.
    audit_per_ticket = AuditEntry.objects.exclude(verb__startswith="sla.").count() / TICKETS
    assert abs(audit_per_ticket - statistics.mean(small_profile.events)) < 1.0
    moves = AuditEntry.objects.filter(verb="ticket.team_changed").count() / TICKETS
    assert abs(moves - statistics.mean(small_profile.reassignments)) < 0.25


def test_bench_data_status_follows_resolution_and_closing_times(loaded) -> None:
    end = timezone.make_aware(END, UTC)
    assert not Ticket.objects.filter(created_at__gt=end).exists()
    assert not Ticket.objects.filter(resolved_at__isnull=True).exclude(status__in=OPEN).exists()
    assert not Ticket.objects.filter(closed_at__isnull=False).exclude(status=Status.CLOSED).exists()
    assert Ticket.objects.filter(status__in=OPEN).exists()
    assert Ticket.objects.filter(status=Status.CLOSED).exists()


def test_bench_data_creates_the_bench_agent_in_the_busiest_team(loaded) -> None:
    agent = User.objects.get(email=BENCH_AGENT_EMAIL)
    busiest = Counter(Ticket.objects.values_list("team_id", flat=True)).most_common(1)[0][0]
    assert agent.teams.filter(pk=busiest).exists()
    assert User.objects.get(email=BENCH_ADMIN_EMAIL).is_admin


def test_bench_data_refuses_to_load_twice(loaded, small_profile: Profile) -> None:
    with pytest.raises(ValueError, match="already holds"):
        load(10, profile=small_profile)


def _plan(profile: Profile, seed: int) -> list[tuple]:
    org = Organisation(
        team_ids=list(range(1, len(profile.team_loads) + 1)),
        team_agents={
            team: [100 + team, 200 + team] for team in range(1, len(profile.team_loads) + 1)
        },
        service_of_team={team: team for team in range(1, len(profile.team_loads) + 1)},
        category_ids=[1, 2, 3],
        requester_ids=list(range(1000, 1050)),
    )
    rng = random.Random(seed)
    planner = Planner(profile, org, load_threads(), end=END, rng=rng)
    rows = planner.plan(arrival_times(profile, 300, END, rng))
    return rows.tickets + rows.comments + rows.audit + rows.watchers


def test_the_same_seed_plans_the_same_data(real_profile: Profile) -> None:
    assert _plan(real_profile, 5) == _plan(real_profile, 5)
    assert _plan(real_profile, 5) != _plan(real_profile, 6)


@pytest.mark.django_db
def test_bench_data_command_rejects_a_non_positive_count() -> None:
    with pytest.raises(CommandError, match="at least 1"):
        call_command("bench-data", "--tickets", "0")


@pytest.mark.django_db
def test_bench_data_command_refuses_a_database_not_meant_for_benchmarks(monkeypatch) -> None:
    from django.db import connection

    monkeypatch.setitem(connection.settings_dict, "NAME", "/srv/latitude/latitude.sqlite3")
    with pytest.raises(CommandError, match="Refusing"):
        call_command("bench-data", "--tickets", "5")
