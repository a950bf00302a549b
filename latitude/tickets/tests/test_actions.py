"""Opening tickets, their numbers, descriptive fields and the priority matrix."""

import pytest

from latitude.core.errors import Conflict, InvalidInput, NotFound, NotPermitted
from latitude.core.models import AuditEntry
from latitude.people.models import Team, User
from latitude.testing.factories import (
    AgentFactory,
    CategoryFactory,
    RequesterFactory,
    ServiceFactory,
    TeamFactory,
    TicketFactory,
    make_lead,
    member_of,
)
from latitude.tickets import events
from latitude.tickets.actions import change_priority, open_ticket, update_ticket
from latitude.tickets.choices import Impact, Kind, Priority, Status, Urgency
from latitude.tickets.models import PriorityRule, Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def triage() -> Team:
    return TeamFactory(is_triage=True)


def entries(ticket: Ticket, verb: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.for_subject("tickets.ticket", ticket.pk).filter(verb=verb))


# Opening


def test_a_requester_opens_an_incident_that_goes_to_triage(triage: Team) -> None:
    requester = RequesterFactory()

    ticket = open_ticket(
        actor=requester, kind=Kind.INCIDENT, subject="  VPN drops  ", description="Hourly."
    )

    assert (ticket.subject, ticket.requester, ticket.team, ticket.status) == (
        "VPN drops",
        requester,
        triage,
        Status.NEW,
    )
    assert ticket.priority == Priority.P4
    [entry] = entries(ticket, events.OPENED)
    assert entry.context == {"kind": Kind.INCIDENT, "priority": Priority.P4, "team": triage.pk}
    assert entry.actor == requester


def test_a_ticket_for_a_service_goes_to_the_services_team() -> None:
    service = ServiceFactory()

    ticket = open_ticket(
        actor=RequesterFactory(), kind=Kind.REQUEST, subject="New laptop", service=service
    )

    assert ticket.team == service.owner_team


def test_an_agent_opening_for_someone_else_watches_the_ticket(agent: User) -> None:
    requester = RequesterFactory()

    ticket = open_ticket(actor=agent, kind=Kind.INCIDENT, subject="Phone call", requester=requester)

    assert ticket.requester == requester
    assert list(ticket.watchers.all()) == [agent]


def test_a_requester_cannot_open_for_someone_else() -> None:
    with pytest.raises(NotPermitted):
        open_ticket(
            actor=RequesterFactory(), kind=Kind.INCIDENT, subject="Hi", requester=RequesterFactory()
        )


def test_a_requester_cannot_choose_the_team(triage: Team, team: Team) -> None:
    ticket = open_ticket(actor=RequesterFactory(), kind=Kind.INCIDENT, subject="Hi", team=team)

    assert ticket.team == triage


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "problem"}, "kind"),
        ({"subject": "   "}, "subject"),
        ({"subject": "x" * 201}, "subject"),
        ({"impact": 0}, "impact"),
        ({"urgency": 4}, "impact"),
    ],
)
def test_bad_input_when_opening_names_the_field(fields: dict[str, object], field: str) -> None:
    arguments = {"kind": Kind.INCIDENT, "subject": "Printer", **fields}

    with pytest.raises(InvalidInput) as refused:
        open_ticket(actor=RequesterFactory(), **arguments)

    assert refused.value.field == field
    assert not Ticket.objects.exists()


def test_a_deactivated_requester_gets_no_new_tickets(agent: User) -> None:
    with pytest.raises(InvalidInput) as refused:
        open_ticket(
            actor=agent,
            kind=Kind.INCIDENT,
            subject="Hi",
            requester=RequesterFactory(is_active=False),
        )

    assert refused.value.field == "requester"


@pytest.mark.parametrize(
    ("make_service", "make_category", "kind"),
    [
        (lambda: ServiceFactory(is_active=False), lambda: None, Kind.INCIDENT),
        (lambda: ServiceFactory(requestable=False), lambda: None, Kind.REQUEST),
        (lambda: None, lambda: CategoryFactory(is_active=False), Kind.INCIDENT),
        (lambda: None, lambda: CategoryFactory(applies_to=Kind.REQUEST), Kind.INCIDENT),
    ],
    ids=["retired-service", "unrequestable-service", "retired-category", "category-for-requests"],
)
def test_classification_must_apply(make_service, make_category, kind: str) -> None:
    with pytest.raises(InvalidInput):
        open_ticket(
            actor=RequesterFactory(),
            kind=kind,
            subject="Hi",
            service=make_service(),
            category=make_category(),
        )


# Numbers


def test_numbers_are_per_kind_and_padded_to_six_digits() -> None:
    requester = RequesterFactory()

    numbers = [
        open_ticket(actor=requester, kind=kind, subject="Hi").number
        for kind in (Kind.INCIDENT, Kind.REQUEST, Kind.INCIDENT)
    ]

    assert numbers == ["INC-000001", "REQ-000001", "INC-000002"]


def test_numbers_are_never_reused_even_after_a_ticket_is_deleted() -> None:
    requester = RequesterFactory()
    first = open_ticket(actor=requester, kind=Kind.INCIDENT, subject="Hi")
    second = open_ticket(actor=requester, kind=Kind.INCIDENT, subject="Hi")
    second.delete()
    first.delete()

    third = open_ticket(actor=requester, kind=Kind.INCIDENT, subject="Hi")

    assert third.number == "INC-000003"


# Descriptive fields


def test_updating_fields_records_only_what_changed(agent: User, team: Team) -> None:
    ticket = TicketFactory(team=team, subject="Printer", description="Jammed.")
    service = ServiceFactory(owner_team=team)

    update_ticket(
        actor=agent, ticket_id=ticket.pk, subject="Printer", description="On fire.", service=service
    )

    ticket.refresh_from_db()
    assert (ticket.description, ticket.service, ticket.version) == ("On fire.", service, 2)
    [entry] = entries(ticket, events.UPDATED)
    assert entry.changes == {"description": ["Jammed.", "On fire."], "service": [None, service.pk]}


def test_updating_with_nothing_new_writes_nothing(agent: User, team: Team) -> None:
    ticket = TicketFactory(team=team, subject="Printer")

    update_ticket(actor=agent, ticket_id=ticket.pk, subject="Printer")

    ticket.refresh_from_db()
    assert ticket.version == 1
    assert entries(ticket, events.UPDATED) == []


def test_updating_with_a_stale_version_is_a_conflict(agent: User, team: Team) -> None:
    ticket = TicketFactory(team=team)
    update_ticket(actor=agent, ticket_id=ticket.pk, subject="First edit", expected_version=1)

    with pytest.raises(Conflict):
        update_ticket(actor=agent, ticket_id=ticket.pk, subject="Second edit", expected_version=1)

    ticket.refresh_from_db()
    assert ticket.subject == "First edit"


def test_the_requester_cannot_edit_ticket_fields(team: Team) -> None:
    ticket = TicketFactory(team=team)

    with pytest.raises(NotPermitted):
        update_ticket(actor=ticket.requester, ticket_id=ticket.pk, subject="Urgent!!!")


def test_an_agent_of_another_team_cannot_find_the_ticket_to_edit(team: Team) -> None:
    with pytest.raises(NotFound):
        update_ticket(
            actor=member_of(TeamFactory(), AgentFactory()), ticket_id=TicketFactory(team=team).pk
        )


# Priority


@pytest.mark.parametrize(
    ("impact", "urgency", "priority"),
    [
        (Impact.HIGH, Urgency.HIGH, Priority.P1),
        (Impact.HIGH, Urgency.MEDIUM, Priority.P2),
        (Impact.MEDIUM, Urgency.HIGH, Priority.P2),
        (Impact.MEDIUM, Urgency.MEDIUM, Priority.P3),
        (Impact.LOW, Urgency.HIGH, Priority.P3),
        (Impact.LOW, Urgency.LOW, Priority.P4),
    ],
)
def test_priority_follows_the_matrix_when_opening(impact: int, urgency: int, priority: int) -> None:
    ticket = open_ticket(
        actor=RequesterFactory(), kind=Kind.INCIDENT, subject="Hi", impact=impact, urgency=urgency
    )

    assert ticket.priority == priority


def test_the_configured_matrix_wins_over_the_default(agent: User, team: Team) -> None:
    make_lead(agent, team)  # raising to P1 is a team lead's decision in the standard grants
    PriorityRule.objects.update_or_create(
        impact=Impact.LOW, urgency=Urgency.HIGH, defaults={"priority": Priority.P1}
    )
    ticket = TicketFactory(team=team)

    change_priority(actor=agent, ticket_id=ticket.pk, impact=Impact.LOW, urgency=Urgency.HIGH)

    ticket.refresh_from_db()
    assert ticket.priority == Priority.P1


def test_a_missing_matrix_cell_falls_back_to_the_default(agent: User, team: Team) -> None:
    make_lead(agent, team)  # raising to P1 is a team lead's decision in the standard grants
    PriorityRule.objects.filter(impact=Impact.HIGH, urgency=Urgency.HIGH).delete()
    ticket = TicketFactory(team=team)

    change_priority(actor=agent, ticket_id=ticket.pk, impact=Impact.HIGH, urgency=Urgency.HIGH)

    ticket.refresh_from_db()
    assert ticket.priority == Priority.P1


def test_rerating_records_impact_urgency_and_priority(agent: User, team: Team) -> None:
    ticket = TicketFactory(team=team)

    change_priority(
        actor=agent, ticket_id=ticket.pk, impact=Impact.HIGH, reason="Whole floor affected."
    )

    ticket.refresh_from_db()
    assert (ticket.impact, ticket.urgency, ticket.priority) == (
        Impact.HIGH,
        Urgency.LOW,
        Priority.P3,
    )
    [entry] = entries(ticket, events.PRIORITY_CHANGED)
    assert entry.changes == {
        "impact": [Impact.LOW, Impact.HIGH],
        "priority": [Priority.P4, Priority.P3],
    }
    assert entry.context == {"reason": "Whole floor affected."}


def test_priority_can_be_set_directly(agent: User, team: Team) -> None:
    ticket = TicketFactory(team=team)

    change_priority(actor=agent, ticket_id=ticket.pk, priority=Priority.P2)

    ticket.refresh_from_db()
    assert (ticket.impact, ticket.urgency, ticket.priority) == (
        Impact.LOW,
        Urgency.LOW,
        Priority.P2,
    )
    assert entries(ticket, events.PRIORITY_CHANGED)[0].changes == {
        "priority": [Priority.P4, Priority.P2]
    }


def test_the_same_priority_again_writes_nothing(agent: User, team: Team) -> None:
    ticket = TicketFactory(team=team)

    change_priority(actor=agent, ticket_id=ticket.pk, impact=Impact.LOW, urgency=Urgency.LOW)

    ticket.refresh_from_db()
    assert ticket.version == 1
    assert entries(ticket, events.PRIORITY_CHANGED) == []


@pytest.mark.parametrize(
    ("arguments", "field"),
    [({"impact": 9}, "impact"), ({"urgency": 0}, "impact"), ({"priority": 5}, "priority")],
)
def test_out_of_range_ratings_are_refused(
    arguments: dict[str, int], field: str, agent: User, team: Team
) -> None:
    ticket = TicketFactory(team=team)

    with pytest.raises(InvalidInput) as refused:
        change_priority(actor=agent, ticket_id=ticket.pk, **arguments)

    assert refused.value.field == field


def test_the_requester_cannot_change_priority(team: Team) -> None:
    ticket = TicketFactory(team=team)

    with pytest.raises(NotPermitted):
        change_priority(actor=ticket.requester, ticket_id=ticket.pk, priority=Priority.P1)
