from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count

from latitude.catalog.models import Service
from latitude.core.models import AuditEntry
from latitude.demo import generator
from latitude.demo.organisation import DEMO_PASSWORD
from latitude.people.models import OrgUnit, Team, User
from latitude.tickets.choices import Priority, Status
from latitude.tickets.models import Comment, Ticket, TicketLink, TicketWatcher

NOW = datetime(2026, 6, 17, 14, 30, tzinfo=UTC)
SMALL = 40


@pytest.fixture
def demo(db):
    return generator.generate(seed=7, tickets=SMALL, now=NOW)


def fingerprint() -> list[tuple]:
    tickets = Ticket.objects.order_by("number").values_list(
        "number",
        "subject",
        "status",
        "priority",
        "requester__email",
        "owner__email",
        "team__slug",
        "created_at",
        "resolved_at",
        "parent__number",
        "merged_into__number",
    )
    comments = Comment.objects.order_by("ticket__number", "created_at", "id").values_list(
        "ticket__number", "author__email", "is_internal", "body", "created_at"
    )
    return [*tickets, *comments]


def generated_fingerprint(seed: int) -> list[tuple]:
    with transaction.atomic():
        generator.generate(seed=seed, tickets=SMALL, now=NOW)
        result = fingerprint()
        transaction.set_rollback(True)
    return result


def test_demo_creates_the_promised_organisation(demo):
    assert OrgUnit.objects.count() == 3
    assert OrgUnit.objects.filter(shares_tickets=True).count() == 1
    assert Team.objects.count() >= 5
    assert Team.objects.filter(is_triage=True).count() == 1
    assert Team.objects.filter(lead__isnull=True).count() == 0
    assert User.objects.filter(is_agent=True, is_admin=False).count() == 20
    assert User.objects.filter(is_agent=False, is_requester=True).count() >= 200
    assert Service.objects.count() == 15
    several_teams = User.objects.annotate(teams_count=Count("memberships")).filter(
        teams_count__gt=1
    )
    assert several_teams.count() >= 3


def test_every_team_lead_is_a_member_of_their_team(demo):
    for team in Team.objects.select_related("lead"):
        assert team.members.filter(pk=team.lead_id).exists(), team.name


def test_demo_creates_tickets_in_every_status_and_priority(demo):
    assert Ticket.objects.count() == SMALL
    assert set(Ticket.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Ticket.objects.values_list("priority", flat=True)) == set(Priority.values)
    assert Ticket.objects.filter(merged_into__isnull=False).exists()
    assert Ticket.objects.filter(parent__isnull=False).exists()
    assert TicketLink.objects.exists()
    assert TicketWatcher.objects.exists()
    assert Comment.objects.filter(is_internal=True).exists()
    assert Comment.objects.filter(is_internal=False).exists()


def test_every_ticket_has_an_audited_opening_and_a_timeline_in_clock_order(demo):
    entries = AuditEntry.objects.filter(subject_type="tickets.ticket").order_by("id")
    opened = set(entries.filter(verb="ticket.opened").values_list("subject_id", flat=True))
    assert opened == set(Ticket.objects.values_list("pk", flat=True))
    last_seen: dict[int, datetime] = {}
    for subject_id, occurred_at in entries.values_list("subject_id", "occurred_at"):
        assert occurred_at >= last_seen.get(subject_id, occurred_at)
        last_seen[subject_id] = occurred_at
        assert NOW - timedelta(days=62) <= occurred_at <= NOW


def test_tickets_are_spread_over_the_last_two_months(demo):
    opened = list(Ticket.objects.values_list("created_at", flat=True))
    assert min(opened) < NOW - timedelta(days=30)
    assert max(opened) > NOW - timedelta(days=3)
    assert all(moment <= NOW for moment in opened)


def test_requesters_open_and_agents_work_their_tickets(demo):
    for entry in AuditEntry.objects.filter(verb="ticket.opened").select_related("actor"):
        ticket = Ticket.objects.get(pk=entry.subject_id)
        assert entry.actor is not None
        assert entry.actor == ticket.requester or entry.actor.is_agent
    owners = AuditEntry.objects.filter(verb="ticket.owner_changed").select_related("actor")
    assert all(entry.actor is not None and entry.actor.is_agent for entry in owners)


def test_the_demo_is_the_same_for_the_same_seed_and_differs_for_another(db):
    first = generated_fingerprint(seed=11)
    assert first == generated_fingerprint(seed=11)
    assert first != generated_fingerprint(seed=12)


def test_demo_accounts_sign_in_with_the_documented_password(demo, client):
    assert [account.role for account in demo.accounts] == [
        "administrator",
        "team lead",
        "agent",
        "requester",
    ]
    for account in demo.accounts:
        assert client.login(email=account.email, password=DEMO_PASSWORD), account.email
    admin = User.objects.get(email=demo.accounts[0].email)
    assert admin.is_admin
    lead = User.objects.get(email=demo.accounts[1].email)
    assert lead.led_teams.exists()


def test_command_prints_accounts_and_if_empty_does_nothing_the_second_time(db):
    out = StringIO()
    call_command("demo", "--tickets", str(SMALL), "--seed", "3", "--if-empty", stdout=out)
    assert "admin@demo.latitude.example" in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()
    audit_count = AuditEntry.objects.count()
    again = StringIO()
    call_command("demo", "--tickets", str(SMALL), "--if-empty", stdout=again)
    assert "not empty" in again.getvalue()
    assert Ticket.objects.count() == SMALL
    assert AuditEntry.objects.count() == audit_count


def test_command_refuses_a_desk_that_is_not_empty(demo):
    with pytest.raises(CommandError, match="empty desk"):
        call_command("demo", "--tickets", str(SMALL), stdout=StringIO())


@pytest.mark.parametrize("arguments", [["--tickets", "3"], ["--seed", "-1"]])
def test_command_rejects_bad_numbers(db, arguments):
    with pytest.raises(CommandError):
        call_command("demo", *arguments, stdout=StringIO())
    assert not Ticket.objects.exists()


def test_if_empty_also_skips_a_desk_that_already_has_an_organisation(db):
    Team.objects.create(name="Service Desk", slug="service-desk")
    out = StringIO()
    call_command("demo", "--tickets", str(SMALL), "--if-empty", stdout=out)
    assert "not empty" in out.getvalue()
    assert not Ticket.objects.exists()


def test_an_administrator_created_before_the_demo_does_not_block_it(db):
    User.objects.create_superuser("boss@example.org", "a long password", full_name="Boss")
    generator.generate(seed=1, tickets=SMALL, now=NOW)
    assert Ticket.objects.count() == SMALL
