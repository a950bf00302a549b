"""Moving tickets through their lifecycle: legal moves, refusals, children, reopening."""

from datetime import timedelta

import pytest
from django.utils import timezone

from latitude.core import decisions
from latitude.core.errors import (
    ConfirmationRequired,
    Conflict,
    InvalidInput,
    InvalidTransition,
    NotFound,
    NotPermitted,
)
from latitude.core.models import AuditEntry
from latitude.people.models import Team, User
from latitude.testing.factories import (
    AdminFactory,
    AgentFactory,
    OrgUnitFactory,
    RequesterFactory,
    TeamFactory,
    TicketFactory,
    member_of,
)
from latitude.tickets import events, transitions
from latitude.tickets.actions import accept_resolution, change_status, reopen_ticket, resolve_ticket
from latitude.tickets.choices import CloseReason, Status
from latitude.tickets.models import Ticket

pytestmark = pytest.mark.django_db

# Sorted: the targets are sets, and xdist workers must collect the same order.
LEGAL = [
    (current, target)
    for current, targets in transitions.ALLOWED.items()
    for target in sorted(targets)
]
ILLEGAL = [
    (current, target)
    for current in Status
    for target in Status
    if target not in transitions.ALLOWED[current]
]


def ticket_in(status: str, team: Team, **fields: object) -> Ticket:
    now = timezone.now()
    if status in (Status.RESOLVED, Status.CLOSED):
        fields.setdefault("resolved_at", now)
        fields.setdefault("resolution", "Replaced the toner.")
    if status == Status.CLOSED:
        fields.setdefault("closed_at", now)
        fields.setdefault("close_reason", CloseReason.RESOLVED)
    return TicketFactory(status=status, team=team, **fields)


def status_entries(ticket: Ticket) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.for_subject("tickets.ticket", ticket.pk).filter(
            verb=events.STATUS_CHANGED
        )
    )


@pytest.mark.parametrize(("current", "target"), LEGAL)
def test_every_legal_move_changes_status_and_writes_one_audit_entry(
    current: str, target: str, team: Team, agent: User
) -> None:
    ticket = ticket_in(current, team)

    changed = change_status(
        actor=agent, ticket_id=ticket.pk, status=target, resolution="Rebooted it."
    )

    ticket.refresh_from_db()
    assert ticket.status == target == changed.status
    assert ticket.version == 2
    [entry] = status_entries(ticket)
    assert entry.changes == {"status": [current, target]}
    assert entry.actor == agent


@pytest.mark.parametrize(("current", "target"), ILLEGAL)
def test_every_illegal_move_is_refused_with_a_reason_and_changes_nothing(
    current: str, target: str, team: Team, agent: User
) -> None:
    ticket = ticket_in(current, team)

    with pytest.raises(InvalidTransition) as refused:
        change_status(actor=agent, ticket_id=ticket.pk, status=target, resolution="Rebooted it.")

    assert refused.value.message == transitions.refusal_reason(current, target)
    assert refused.value.field == "status"
    ticket.refresh_from_db()
    assert (ticket.status, ticket.version) == (current, 1)
    assert status_entries(ticket) == []


def test_an_unknown_status_is_invalid_input(team: Team, agent: User) -> None:
    ticket = ticket_in(Status.NEW, team)

    with pytest.raises(InvalidInput) as refused:
        change_status(actor=agent, ticket_id=ticket.pk, status="done")

    assert refused.value.field == "status"


@pytest.mark.parametrize("resolution", ["", "   \n "])
def test_resolving_needs_a_resolution_text(resolution: str, team: Team, agent: User) -> None:
    ticket = ticket_in(Status.IN_PROGRESS, team)

    with pytest.raises(InvalidInput) as refused:
        resolve_ticket(actor=agent, ticket_id=ticket.pk, resolution=resolution)

    assert refused.value.field == "resolution"
    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS


def test_resolving_stores_the_resolution_and_the_time(team: Team, agent: User) -> None:
    ticket = ticket_in(Status.IN_PROGRESS, team)

    resolve_ticket(actor=agent, ticket_id=ticket.pk, resolution="  Replaced the fuser.  ")

    ticket.refresh_from_db()
    assert ticket.resolution == "Replaced the fuser."
    assert ticket.resolved_at is not None
    assert status_entries(ticket)[0].context == {"resolution": "Replaced the fuser."}


def test_closing_sets_close_reason_and_time(team: Team, agent: User) -> None:
    ticket = ticket_in(Status.RESOLVED, team)

    change_status(actor=agent, ticket_id=ticket.pk, status=Status.CLOSED)

    ticket.refresh_from_db()
    assert ticket.close_reason == CloseReason.RESOLVED
    assert ticket.closed_at is not None


def test_resolving_a_parent_with_open_children_needs_confirmation(team: Team, agent: User) -> None:
    parent = ticket_in(Status.IN_PROGRESS, team)
    ticket_in(Status.NEW, team, parent=parent)
    ticket_in(Status.WAITING_REQUESTER, team, parent=parent)
    ticket_in(Status.RESOLVED, team, parent=parent)

    with pytest.raises(ConfirmationRequired) as asked:
        resolve_ticket(actor=agent, ticket_id=parent.pk, resolution="Root cause fixed.")

    assert asked.value.extra == {"open_children": 2}
    assert asked.value.field == "confirm_open_children"
    parent.refresh_from_db()
    assert parent.status == Status.IN_PROGRESS


def test_confirmed_resolution_with_open_children_is_recorded(team: Team, agent: User) -> None:
    parent = ticket_in(Status.IN_PROGRESS, team)
    ticket_in(Status.NEW, team, parent=parent)

    resolve_ticket(
        actor=agent, ticket_id=parent.pk, resolution="Root cause fixed.", confirm_open_children=True
    )

    [entry] = status_entries(parent)
    assert entry.context["closed_with_open_children"] == 1


def test_closing_a_parent_with_open_children_needs_confirmation(team: Team, agent: User) -> None:
    parent = ticket_in(Status.RESOLVED, team)
    ticket_in(Status.IN_PROGRESS, team, parent=parent)

    with pytest.raises(ConfirmationRequired):
        change_status(actor=agent, ticket_id=parent.pk, status=Status.CLOSED)
    change_status(
        actor=agent, ticket_id=parent.pk, status=Status.CLOSED, confirm_open_children=True
    )

    parent.refresh_from_db()
    assert parent.status == Status.CLOSED
    assert status_entries(parent)[0].context == {"closed_with_open_children": 1}


def test_children_that_are_done_need_no_confirmation(team: Team, agent: User) -> None:
    parent = ticket_in(Status.IN_PROGRESS, team)
    ticket_in(Status.CLOSED, team, parent=parent)

    resolve_ticket(actor=agent, ticket_id=parent.pk, resolution="Done.")

    assert "closed_with_open_children" not in status_entries(parent)[0].context


def test_reopening_a_resolved_ticket_counts_and_clears_resolution_time(
    team: Team, agent: User
) -> None:
    ticket = ticket_in(Status.RESOLVED, team)

    reopen_ticket(actor=agent, ticket_id=ticket.pk, reason="Printer jams again.")

    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS
    assert ticket.reopen_count == 1
    assert ticket.resolved_at is None
    [entry] = status_entries(ticket)
    assert entry.changes == {"status": [Status.RESOLVED, Status.IN_PROGRESS]}
    assert entry.context == {"reason": "Printer jams again."}


def test_reopen_count_grows_with_every_reopen(team: Team, agent: User) -> None:
    ticket = ticket_in(Status.RESOLVED, team)

    reopen_ticket(actor=agent, ticket_id=ticket.pk, reason="Again.")
    resolve_ticket(actor=agent, ticket_id=ticket.pk, resolution="Fixed harder.")
    reopen_ticket(actor=agent, ticket_id=ticket.pk, reason="And again.")

    ticket.refresh_from_db()
    assert ticket.reopen_count == 2


def test_reopening_needs_a_reason(team: Team, agent: User) -> None:
    ticket = ticket_in(Status.RESOLVED, team)

    with pytest.raises(InvalidInput) as refused:
        reopen_ticket(actor=agent, ticket_id=ticket.pk, reason="  ")

    assert refused.value.field == "reason"


def test_a_closed_ticket_reopens_within_the_configured_days(
    team: Team, agent: User, settings
) -> None:
    settings.LATITUDE_REOPEN_CLOSED_DAYS = 3
    ticket = ticket_in(Status.CLOSED, team, closed_at=timezone.now() - timedelta(days=2, hours=23))

    reopen_ticket(actor=agent, ticket_id=ticket.pk, reason="Still broken.")

    ticket.refresh_from_db()
    assert (ticket.status, ticket.closed_at, ticket.close_reason) == (Status.IN_PROGRESS, None, "")


def test_a_closed_ticket_is_not_reopened_after_the_configured_days(
    team: Team, agent: User, settings
) -> None:
    settings.LATITUDE_REOPEN_CLOSED_DAYS = 3
    ticket = ticket_in(Status.CLOSED, team, closed_at=timezone.now() - timedelta(days=3, minutes=1))

    with pytest.raises(InvalidTransition) as refused:
        reopen_ticket(actor=agent, ticket_id=ticket.pk, reason="Still broken.")

    assert "3 days" in refused.value.message
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED


def test_the_requester_accepts_their_resolution_which_closes_the_ticket(team: Team) -> None:
    ticket = ticket_in(Status.RESOLVED, team)

    accept_resolution(actor=ticket.requester, ticket_id=ticket.pk)

    ticket.refresh_from_db()
    assert (ticket.status, ticket.close_reason) == (Status.CLOSED, CloseReason.ACCEPTED)
    assert status_entries(ticket)[0].actor == ticket.requester


def test_only_a_resolved_ticket_can_be_accepted(team: Team) -> None:
    ticket = ticket_in(Status.IN_PROGRESS, team)

    with pytest.raises(InvalidTransition):
        accept_resolution(actor=ticket.requester, ticket_id=ticket.pk)


def test_the_requester_reopens_their_own_ticket(team: Team) -> None:
    ticket = ticket_in(Status.RESOLVED, team)

    reopen_ticket(actor=ticket.requester, ticket_id=ticket.pk, reason="Not fixed.")

    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS


def test_a_colleague_who_sees_the_ticket_may_not_accept_or_reopen_it(team: Team) -> None:
    unit = OrgUnitFactory(shares_tickets=True)
    ticket = ticket_in(Status.RESOLVED, team, requester=RequesterFactory(unit=unit))
    colleague = RequesterFactory(unit=unit)

    with pytest.raises(NotPermitted):
        accept_resolution(actor=colleague, ticket_id=ticket.pk)
    with pytest.raises(NotPermitted):
        reopen_ticket(actor=colleague, ticket_id=ticket.pk, reason="Not fixed.")


def test_a_stranger_cannot_even_find_someone_elses_ticket(team: Team) -> None:
    ticket = ticket_in(Status.RESOLVED, team)
    stranger = RequesterFactory()

    with pytest.raises(NotFound):
        accept_resolution(actor=stranger, ticket_id=ticket.pk)
    with pytest.raises(NotFound):
        reopen_ticket(actor=stranger, ticket_id=ticket.pk, reason="Not fixed.")


def test_an_agent_of_another_team_gets_not_found(team: Team) -> None:
    ticket = ticket_in(Status.NEW, team)
    outsider = member_of(TeamFactory(), AgentFactory())

    with pytest.raises(NotFound):
        change_status(actor=outsider, ticket_id=ticket.pk, status=Status.IN_PROGRESS)


def test_a_requester_who_sees_the_ticket_may_not_use_agent_actions(team: Team) -> None:
    ticket = ticket_in(Status.NEW, team)

    with pytest.raises(NotPermitted):
        change_status(actor=ticket.requester, ticket_id=ticket.pk, status=Status.IN_PROGRESS)


def test_a_deactivated_agent_can_no_longer_find_their_teams_tickets(
    team: Team, agent: User
) -> None:
    ticket = ticket_in(Status.NEW, team)
    agent.is_active = False
    agent.save()

    with pytest.raises(NotFound):
        change_status(actor=agent, ticket_id=ticket.pk, status=Status.IN_PROGRESS)


def test_an_admin_works_on_any_ticket(team: Team) -> None:
    ticket = ticket_in(Status.NEW, team)

    change_status(actor=AdminFactory(), ticket_id=ticket.pk, status=Status.IN_PROGRESS)

    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS


def test_a_stale_version_is_a_conflict(team: Team, agent: User) -> None:
    ticket = ticket_in(Status.NEW, team)
    change_status(actor=agent, ticket_id=ticket.pk, status=Status.IN_PROGRESS, expected_version=1)

    with pytest.raises(Conflict) as conflict:
        change_status(
            actor=agent, ticket_id=ticket.pk, status=Status.WAITING_REQUESTER, expected_version=1
        )

    assert conflict.value.extra == {"current_version": 2}
    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS


def test_a_decision_checker_sees_the_facts_and_can_stop_the_change(
    team: Team, agent: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, dict[str, object]]] = []

    def refuse(
        actor: object, decision: str, subject: object, facts: dict[str, object], **_: object
    ) -> None:
        asked.append((decision, dict(facts)))
        raise NotPermitted("Needs a second pair of eyes.")

    monkeypatch.setattr(decisions, "_checkers", [refuse])
    ticket = ticket_in(Status.IN_PROGRESS, team)

    with pytest.raises(NotPermitted):
        resolve_ticket(actor=agent, ticket_id=ticket.pk, resolution="Done.")

    assert asked == [
        (
            "ticket.resolve",
            {
                "kind": ticket.kind,
                "priority": ticket.priority,
                "from": Status.IN_PROGRESS,
                "open_children": 0,
                "reopen_count": 0,
            },
        )
    ]
    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS
