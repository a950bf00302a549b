"""One accountable owner at a time, and explicit hand-offs between teams."""

import pytest

from latitude.core.errors import Conflict, InvalidInput, InvalidTransition, NotFound, NotPermitted
from latitude.core.models import AuditEntry
from latitude.people.models import Team, User
from latitude.testing.factories import (
    AdminFactory,
    AgentFactory,
    RequesterFactory,
    TeamFactory,
    TicketFactory,
    member_of,
)
from latitude.tickets import events
from latitude.tickets.actions import assign_owner, take_ticket, transfer_team
from latitude.tickets.choices import Status
from latitude.tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(team: Team) -> Ticket:
    return TicketFactory(team=team)


def entries(ticket: Ticket, verb: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.for_subject("tickets.ticket", ticket.pk).filter(verb=verb))


def test_taking_a_new_ticket_makes_the_agent_owner_and_starts_work(
    agent: User, ticket: Ticket
) -> None:
    take_ticket(actor=agent, ticket_id=ticket.pk)

    ticket.refresh_from_db()
    assert (ticket.owner, ticket.status, ticket.version) == (agent, Status.IN_PROGRESS, 2)
    [entry] = entries(ticket, events.OWNER_CHANGED)
    assert entry.changes == {"owner": [None, agent.pk], "status": [Status.NEW, Status.IN_PROGRESS]}


def test_taking_a_ticket_someone_else_owns_is_a_conflict(
    team: Team, agent: User, ticket: Ticket
) -> None:
    colleague = member_of(team, AgentFactory(full_name="Ada Byron"))
    take_ticket(actor=colleague, ticket_id=ticket.pk)

    with pytest.raises(Conflict) as conflict:
        take_ticket(actor=agent, ticket_id=ticket.pk)

    assert "Ada Byron" in conflict.value.message
    ticket.refresh_from_db()
    assert ticket.owner == colleague


def test_taking_your_own_ticket_again_changes_nothing(agent: User, ticket: Ticket) -> None:
    take_ticket(actor=agent, ticket_id=ticket.pk)
    take_ticket(actor=agent, ticket_id=ticket.pk)

    ticket.refresh_from_db()
    assert ticket.version == 2
    assert len(entries(ticket, events.OWNER_CHANGED)) == 1


def test_an_admin_outside_the_team_cannot_take_its_ticket(ticket: Ticket) -> None:
    with pytest.raises(InvalidInput) as refused:
        take_ticket(actor=AdminFactory(), ticket_id=ticket.pk)

    assert refused.value.field == "owner"


def test_an_agent_of_another_team_cannot_find_the_ticket_to_take(ticket: Ticket) -> None:
    with pytest.raises(NotFound):
        take_ticket(actor=member_of(TeamFactory(), AgentFactory()), ticket_id=ticket.pk)


def test_the_requester_cannot_take_their_own_ticket(ticket: Ticket) -> None:
    with pytest.raises(NotPermitted):
        take_ticket(actor=ticket.requester, ticket_id=ticket.pk)


def test_assigning_a_team_member_records_the_change(
    team: Team, agent: User, ticket: Ticket
) -> None:
    colleague = member_of(team, AgentFactory())

    assign_owner(actor=agent, ticket_id=ticket.pk, owner=colleague)

    ticket.refresh_from_db()
    assert ticket.owner == colleague
    assert entries(ticket, events.OWNER_CHANGED)[0].actor == agent


@pytest.mark.parametrize(
    "make_owner",
    [
        pytest.param(lambda team: member_of(team, RequesterFactory()), id="not-an-agent"),
        pytest.param(lambda team: member_of(team, AgentFactory(is_active=False)), id="deactivated"),
        pytest.param(lambda team: AgentFactory(), id="not-in-team"),
    ],
)
def test_the_owner_must_be_an_active_agent_of_the_team(
    make_owner, team: Team, agent: User, ticket: Ticket
) -> None:
    with pytest.raises(InvalidInput) as refused:
        assign_owner(actor=agent, ticket_id=ticket.pk, owner=make_owner(team))

    assert refused.value.field == "owner"
    ticket.refresh_from_db()
    assert ticket.owner is None
    assert entries(ticket, events.OWNER_CHANGED) == []


def test_releasing_the_owner_hands_the_ticket_back_to_the_team(agent: User, ticket: Ticket) -> None:
    take_ticket(actor=agent, ticket_id=ticket.pk)

    assign_owner(actor=agent, ticket_id=ticket.pk, owner=None)

    ticket.refresh_from_db()
    assert (ticket.owner, ticket.status) == (None, Status.IN_PROGRESS)
    assert entries(ticket, events.OWNER_CHANGED)[-1].changes == {"owner": [agent.pk, None]}


def test_assigning_with_a_stale_version_is_a_conflict(
    team: Team, agent: User, ticket: Ticket
) -> None:
    with pytest.raises(Conflict):
        assign_owner(actor=agent, ticket_id=ticket.pk, owner=agent, expected_version=7)


def test_transfer_releases_the_owner_and_records_the_reason(agent: User, ticket: Ticket) -> None:
    take_ticket(actor=agent, ticket_id=ticket.pk)
    network = TeamFactory()

    transfer_team(actor=agent, ticket_id=ticket.pk, team=network, reason="Switch port is dead.")

    ticket.refresh_from_db()
    assert (ticket.team, ticket.owner) == (network, None)
    [entry] = entries(ticket, events.TEAM_CHANGED)
    assert entry.changes == {"team": [agent.teams.get().pk, network.pk], "owner": [agent.pk, None]}
    assert entry.context == {"reason": "Switch port is dead."}


def test_transfer_keeps_an_owner_who_is_a_member_of_the_new_team_when_asked(
    agent: User, ticket: Ticket
) -> None:
    take_ticket(actor=agent, ticket_id=ticket.pk)
    network = TeamFactory()
    member_of(network, agent)

    transfer_team(actor=agent, ticket_id=ticket.pk, team=network, keep_owner=True)

    ticket.refresh_from_db()
    assert (ticket.team, ticket.owner) == (network, agent)
    assert "owner" not in entries(ticket, events.TEAM_CHANGED)[0].changes


def test_transfer_releases_an_owner_who_is_not_in_the_new_team_even_when_asked_to_keep(
    agent: User, ticket: Ticket
) -> None:
    take_ticket(actor=agent, ticket_id=ticket.pk)

    transfer_team(actor=agent, ticket_id=ticket.pk, team=TeamFactory(), keep_owner=True)

    ticket.refresh_from_db()
    assert ticket.owner is None


@pytest.mark.parametrize("status", [Status.RESOLVED, Status.CLOSED])
def test_a_finished_ticket_cannot_be_transferred(status: str, team: Team, agent: User) -> None:
    ticket = TicketFactory(team=team, status=status)

    with pytest.raises(InvalidTransition):
        transfer_team(actor=agent, ticket_id=ticket.pk, team=TeamFactory())

    ticket.refresh_from_db()
    assert ticket.team == team


def test_transfer_to_an_inactive_team_is_refused(agent: User, ticket: Ticket) -> None:
    with pytest.raises(InvalidInput) as refused:
        transfer_team(actor=agent, ticket_id=ticket.pk, team=TeamFactory(is_active=False))

    assert refused.value.field == "team"


def test_transfer_to_the_same_team_changes_nothing(team: Team, agent: User, ticket: Ticket) -> None:
    transfer_team(actor=agent, ticket_id=ticket.pk, team=team)

    ticket.refresh_from_db()
    assert ticket.version == 1
    assert entries(ticket, events.TEAM_CHANGED) == []


def test_after_a_transfer_the_old_team_no_longer_finds_the_ticket(
    agent: User, ticket: Ticket
) -> None:
    transfer_team(actor=agent, ticket_id=ticket.pk, team=TeamFactory())

    with pytest.raises(NotFound):
        take_ticket(actor=agent, ticket_id=ticket.pk)
