"""Undoing a merge: the duplicate reopens as it was, people keep watching the survivor, notes on
both, `ticket.unmerge` guarded and linked as the reversal of the merge."""

import pytest

from latitude.core.errors import InvalidInput, InvalidTransition, OutOfScope
from latitude.core.models import AuditEntry
from latitude.scopes.models import DecisionRecord, Reversal
from latitude.scopes.tests.helpers import person_grant
from latitude.testing.factories import AgentFactory, TicketFactory, member_of
from latitude.testing.scopes import install_standard_grants, remove_all_grants
from latitude.tickets import actions
from latitude.tickets.choices import Status
from latitude.tickets.models import Comment, Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(team, agent):
    duplicate = TicketFactory(team=team, status=Status.WAITING_REQUESTER)
    survivor = TicketFactory(team=team, status=Status.IN_PROGRESS)
    return duplicate, survivor


def merge(agent, duplicate, survivor):
    return actions.merge_ticket(actor=agent, ticket_id=duplicate.pk, into_id=survivor.pk)


def unmerge(agent, duplicate, reason="Different printers after all."):
    return actions.unmerge_ticket(actor=agent, ticket_id=duplicate.pk, reason=reason)


@pytest.mark.usefixtures("without_standard_grants")
def test_the_duplicate_reopens_in_its_previous_status_and_watchers_stay(pair, agent):
    duplicate, survivor = pair
    person_grant(agent, ["ticket.merge", "ticket.unmerge"])
    merge(agent, duplicate, survivor)
    assert survivor.watcher_rows.filter(user=duplicate.requester).exists()
    ticket = unmerge(agent, duplicate)
    assert (ticket.status, ticket.merged_into_id, ticket.close_reason, ticket.closed_at) == (
        Status.WAITING_REQUESTER,
        None,
        "",
        None,
    )
    assert survivor.watcher_rows.filter(user=duplicate.requester).exists()
    assert Comment.objects.filter(ticket=duplicate, is_internal=True).count() == 1
    assert Comment.objects.filter(ticket=survivor, is_internal=True).count() == 2
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {"ticket.unmerged", "ticket.unmerged_from"} <= verbs
    reversal = Reversal.objects.get()
    assert (reversal.record.decision, reversal.undone_by.decision) == (
        "ticket.merge",
        "ticket.unmerge",
    )


@pytest.mark.usefixtures("without_standard_grants")
def test_unmerging_needs_a_merged_ticket_and_a_reason(pair, agent):
    duplicate, survivor = pair
    person_grant(agent, ["ticket.merge", "ticket.unmerge"])
    with pytest.raises(InvalidTransition):
        unmerge(agent, duplicate)
    merge(agent, duplicate, survivor)
    with pytest.raises(InvalidInput):
        unmerge(agent, duplicate, reason=" ")


@pytest.mark.usefixtures("without_standard_grants")
def test_out_of_scope_the_ticket_stays_merged(pair, agent):
    duplicate, survivor = pair
    person_grant(agent, "ticket.merge")
    merge(agent, duplicate, survivor)
    with pytest.raises(OutOfScope):
        unmerge(agent, duplicate)
    assert Ticket.objects.get(pk=duplicate.pk).merged_into_id == survivor.pk
    assert DecisionRecord.objects.filter(decision="ticket.unmerge", outcome="requested").exists()


def test_standard_grants_let_agents_undo_their_own_merges_only(pair, agent, team):
    remove_all_grants()
    install_standard_grants()
    duplicate, survivor = pair
    merge(agent, duplicate, survivor)
    colleague = member_of(team, AgentFactory())
    with pytest.raises(OutOfScope):
        unmerge(colleague, duplicate)
    assert unmerge(agent, duplicate).status == Status.WAITING_REQUESTER


def test_a_resolved_duplicate_comes_back_resolved(team, agent):
    person_grant(agent, ["ticket.merge", "ticket.unmerge"])
    duplicate = TicketFactory(team=team, status=Status.RESOLVED, resolution="Rebooted.")
    survivor = TicketFactory(team=team, status=Status.IN_PROGRESS)
    merge(agent, duplicate, survivor)
    assert unmerge(agent, duplicate).status == Status.RESOLVED
