"""Parent/child trees, related links, merging duplicates, and watchers."""

import pytest

from latitude.core.errors import InvalidInput, InvalidTransition, NotFound, NotPermitted
from latitude.core.models import AuditEntry
from latitude.people.models import Team, User
from latitude.testing.factories import (
    AgentFactory,
    RequesterFactory,
    TeamFactory,
    TicketFactory,
    member_of,
)
from latitude.tickets import events
from latitude.tickets.actions import (
    add_watcher,
    link_related,
    merge_ticket,
    remove_watcher,
    set_parent,
    unlink_related,
)
from latitude.tickets.choices import CloseReason, Status
from latitude.tickets.models import Comment, Ticket, TicketLink
from latitude.tickets.selectors import comments_for, get_ticket_for, related_tickets_for

pytestmark = pytest.mark.django_db


def verbs(ticket: Ticket) -> list[str]:
    return list(
        AuditEntry.objects.for_subject("tickets.ticket", ticket.pk).values_list("verb", flat=True)
    )


# Parents


def test_setting_a_parent_records_it(team: Team, agent: User) -> None:
    parent, child = TicketFactory(team=team), TicketFactory(team=team)

    set_parent(actor=agent, ticket_id=child.pk, parent_id=parent.pk)

    child.refresh_from_db()
    assert child.parent == parent
    entry = AuditEntry.objects.for_subject("tickets.ticket", child.pk).get()
    assert (entry.verb, entry.changes) == (events.PARENT_CHANGED, {"parent": [None, parent.pk]})


def test_a_ticket_cannot_be_its_own_parent(team: Team, agent: User) -> None:
    ticket = TicketFactory(team=team)

    with pytest.raises(InvalidInput) as refused:
        set_parent(actor=agent, ticket_id=ticket.pk, parent_id=ticket.pk)

    assert refused.value.field == "parent"


def test_parent_cycles_are_refused_however_deep(team: Team, agent: User) -> None:
    top = TicketFactory(team=team)
    middle = TicketFactory(team=team, parent=top)
    bottom = TicketFactory(team=team, parent=middle)

    with pytest.raises(InvalidInput):
        set_parent(actor=agent, ticket_id=top.pk, parent_id=bottom.pk)

    top.refresh_from_db()
    assert top.parent is None


def test_clearing_the_parent(team: Team, agent: User) -> None:
    child = TicketFactory(team=team, parent=TicketFactory(team=team))

    set_parent(actor=agent, ticket_id=child.pk, parent_id=None)

    child.refresh_from_db()
    assert child.parent is None


def test_a_parent_from_a_team_the_agent_does_not_see_is_not_found(team: Team, agent: User) -> None:
    child = TicketFactory(team=team)

    with pytest.raises(NotFound):
        set_parent(actor=agent, ticket_id=child.pk, parent_id=TicketFactory().pk)


# Related links


def test_related_links_are_symmetric_and_stored_once(team: Team, agent: User) -> None:
    first, second = TicketFactory(team=team), TicketFactory(team=team)

    link = link_related(actor=agent, ticket_id=second.pk, other_id=first.pk)
    again = link_related(actor=agent, ticket_id=first.pk, other_id=second.pk)

    assert link == again
    assert (link.source, link.target) == (first, second)
    assert TicketLink.objects.count() == 1
    assert list(related_tickets_for(agent, first)) == [second]
    assert list(related_tickets_for(agent, second)) == [first]
    assert verbs(first) == verbs(second) == [events.LINKED]


def test_a_ticket_cannot_be_linked_to_itself(team: Team, agent: User) -> None:
    ticket = TicketFactory(team=team)

    with pytest.raises(InvalidInput):
        link_related(actor=agent, ticket_id=ticket.pk, other_id=ticket.pk)


def test_unlinking_removes_the_link_from_either_side(team: Team, agent: User) -> None:
    first, second = TicketFactory(team=team), TicketFactory(team=team)
    link_related(actor=agent, ticket_id=first.pk, other_id=second.pk)

    unlink_related(actor=agent, ticket_id=second.pk, other_id=first.pk)
    unlink_related(actor=agent, ticket_id=second.pk, other_id=first.pk)

    assert not TicketLink.objects.exists()
    assert verbs(first) == verbs(second) == [events.LINKED, events.UNLINKED]


def test_linking_to_a_hidden_ticket_is_not_found(team: Team, agent: User) -> None:
    with pytest.raises(NotFound):
        link_related(
            actor=agent, ticket_id=TicketFactory(team=team).pk, other_id=TicketFactory().pk
        )
    assert not TicketLink.objects.exists()


# Merging


def test_merging_closes_the_duplicate_and_notes_it_on_the_survivor(team: Team, agent: User) -> None:
    survivor = TicketFactory(team=team)
    duplicate = TicketFactory(team=team, status=Status.IN_PROGRESS)

    merge_ticket(actor=agent, ticket_id=duplicate.pk, into_id=survivor.pk, reason="Same outage.")

    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.close_reason) == (Status.CLOSED, CloseReason.DUPLICATE)
    assert duplicate.merged_into == survivor
    assert duplicate.closed_at is not None
    note = Comment.objects.get(ticket=survivor)
    assert note.is_internal
    assert duplicate.number in note.body
    assert "Same outage." in note.body
    merged = AuditEntry.objects.for_subject("tickets.ticket", duplicate.pk).get()
    assert merged.changes == {
        "status": [Status.IN_PROGRESS, Status.CLOSED],
        "merged_into": [None, survivor.pk],
    }
    assert verbs(survivor) == [events.MERGED_FROM]


def test_merging_carries_requester_and_watchers_to_the_survivor(team: Team, agent: User) -> None:
    survivor = TicketFactory(team=team)
    duplicate = TicketFactory(team=team)
    watcher = member_of(team, AgentFactory())
    add_watcher(actor=agent, ticket_id=duplicate.pk, user=watcher)
    add_watcher(actor=agent, ticket_id=survivor.pk, user=watcher)

    merge_ticket(actor=agent, ticket_id=duplicate.pk, into_id=survivor.pk)

    assert set(survivor.watchers.all()) == {watcher, duplicate.requester}


def test_the_duplicates_requester_can_follow_the_survivor_without_seeing_notes(
    team: Team, agent: User
) -> None:
    survivor = TicketFactory(team=team)
    duplicate = TicketFactory(team=team)

    merge_ticket(actor=agent, ticket_id=duplicate.pk, into_id=survivor.pk)

    assert get_ticket_for(duplicate.requester, survivor.pk) == survivor
    assert list(comments_for(duplicate.requester, survivor)) == []


def test_merging_a_ticket_into_itself_is_refused(team: Team, agent: User) -> None:
    ticket = TicketFactory(team=team)

    with pytest.raises(InvalidInput):
        merge_ticket(actor=agent, ticket_id=ticket.pk, into_id=ticket.pk)


@pytest.mark.parametrize("survivor_state", ["closed", "duplicate"])
def test_merging_into_a_closed_or_duplicate_ticket_is_refused(
    survivor_state: str, team: Team, agent: User
) -> None:
    survivor = TicketFactory(team=team, status=Status.CLOSED)
    if survivor_state == "duplicate":
        survivor = TicketFactory(team=team, merged_into=TicketFactory(team=team))
    duplicate = TicketFactory(team=team)

    with pytest.raises(InvalidTransition):
        merge_ticket(actor=agent, ticket_id=duplicate.pk, into_id=survivor.pk)

    duplicate.refresh_from_db()
    assert duplicate.status == Status.NEW


def test_a_closed_ticket_cannot_be_merged(team: Team, agent: User) -> None:
    duplicate = TicketFactory(team=team, status=Status.CLOSED)

    with pytest.raises(InvalidTransition):
        merge_ticket(actor=agent, ticket_id=duplicate.pk, into_id=TicketFactory(team=team).pk)


def test_a_resolved_ticket_can_still_be_merged(team: Team, agent: User) -> None:
    duplicate = TicketFactory(team=team, status=Status.RESOLVED)

    merge_ticket(actor=agent, ticket_id=duplicate.pk, into_id=TicketFactory(team=team).pk)

    duplicate.refresh_from_db()
    assert duplicate.close_reason == CloseReason.DUPLICATE


def test_merging_into_a_ticket_of_another_team_is_not_found(team: Team, agent: User) -> None:
    duplicate = TicketFactory(team=team)

    with pytest.raises(NotFound):
        merge_ticket(actor=agent, ticket_id=duplicate.pk, into_id=TicketFactory().pk)


# Watchers


def test_adding_a_watcher_lets_an_agent_of_another_team_follow_the_ticket(
    team: Team, agent: User
) -> None:
    ticket = TicketFactory(team=team)
    outsider = member_of(TeamFactory(), AgentFactory())

    add_watcher(actor=agent, ticket_id=ticket.pk, user=outsider)
    add_watcher(actor=agent, ticket_id=ticket.pk, user=outsider)

    assert list(ticket.watchers.all()) == [outsider]
    assert get_ticket_for(outsider, ticket.pk) == ticket
    assert verbs(ticket) == [events.WATCHER_ADDED]


def test_a_deactivated_person_cannot_be_added_as_watcher(team: Team, agent: User) -> None:
    ticket = TicketFactory(team=team)

    with pytest.raises(InvalidInput) as refused:
        add_watcher(actor=agent, ticket_id=ticket.pk, user=AgentFactory(is_active=False))

    assert refused.value.field == "user"


def test_a_requester_cannot_add_watchers(team: Team) -> None:
    ticket = TicketFactory(team=team)

    with pytest.raises(NotPermitted):
        add_watcher(actor=ticket.requester, ticket_id=ticket.pk, user=RequesterFactory())


def test_a_watcher_stops_watching_and_loses_sight_of_the_ticket(team: Team, agent: User) -> None:
    ticket = TicketFactory(team=team)
    follower = RequesterFactory()
    add_watcher(actor=agent, ticket_id=ticket.pk, user=follower)
    assert get_ticket_for(follower, ticket.pk) == ticket

    remove_watcher(actor=follower, ticket_id=ticket.pk, user=follower)

    assert not ticket.watchers.exists()
    assert verbs(ticket) == [events.WATCHER_ADDED, events.WATCHER_REMOVED]
    with pytest.raises(NotFound):
        get_ticket_for(follower, ticket.pk)


def test_a_watcher_cannot_remove_other_watchers(team: Team, agent: User) -> None:
    ticket = TicketFactory(team=team)
    follower, other = RequesterFactory(), RequesterFactory()
    add_watcher(actor=agent, ticket_id=ticket.pk, user=follower)
    add_watcher(actor=agent, ticket_id=ticket.pk, user=other)

    with pytest.raises(NotPermitted):
        remove_watcher(actor=follower, ticket_id=ticket.pk, user=other)
