"""Who sees which tickets, lookups by id or number, and keyset paging over every sort."""

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from latitude.core.errors import InvalidInput, NotFound
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
from latitude.tickets.actions import add_watcher
from latitude.tickets.choices import Status
from latitude.tickets.models import Ticket, TicketWatcher
from latitude.tickets.selectors import (
    SORTS,
    TicketFilters,
    can_work_on,
    count_tickets,
    get_ticket_for,
    ticket_page,
    visible_tickets,
)

pytestmark = pytest.mark.django_db

BASE_TIME = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def visible(actor: object) -> set[Ticket]:
    return set(visible_tickets(actor))


# Visibility


def test_a_requester_sees_only_their_own_tickets(team: Team) -> None:
    mine = TicketFactory(team=team)
    TicketFactory(team=team)

    assert visible(mine.requester) == {mine}


def test_a_requester_sees_their_units_tickets_when_the_unit_shares() -> None:
    sharing, private = OrgUnitFactory(shares_tickets=True), OrgUnitFactory()
    colleague_ticket = TicketFactory(requester=RequesterFactory(unit=sharing))
    TicketFactory(requester=RequesterFactory(unit=private))
    me = RequesterFactory(unit=sharing)

    assert visible(me) == {colleague_ticket}
    assert visible(RequesterFactory(unit=private)) == set()


def test_an_agent_sees_team_owned_and_watched_tickets_but_not_others(
    team: Team, agent: User
) -> None:
    of_team = TicketFactory(team=team)
    owned_elsewhere = TicketFactory(owner=agent)
    watched_elsewhere = TicketFactory()
    TicketWatcher.objects.create(ticket=watched_elsewhere, user=agent)
    TicketFactory()

    assert visible(agent) == {of_team, owned_elsewhere, watched_elsewhere}
    assert all(can_work_on(agent, ticket) for ticket in visible(agent))


def test_an_agent_of_an_inactive_team_no_longer_sees_its_tickets(team: Team, agent: User) -> None:
    TicketFactory(team=team)
    team.is_active = False
    team.save()
    agent = User.objects.get(pk=agent.pk)

    assert visible(agent) == set()


def test_an_admin_sees_every_ticket(team: Team) -> None:
    tickets = {TicketFactory(team=team), TicketFactory(), TicketFactory(team=None)}

    assert visible(AdminFactory()) == tickets


@pytest.mark.parametrize("factory", [RequesterFactory, AgentFactory, AdminFactory])
def test_deactivated_people_see_nothing(factory, team: Team) -> None:
    person = member_of(team, factory(is_active=False))
    TicketFactory(team=team, requester=person, owner=person)

    assert visible(person) == set()


def test_anonymous_visitors_see_nothing(team: Team) -> None:
    TicketFactory(team=team)

    assert visible(AnonymousUser()) == set()
    assert visible(None) == set()


def test_a_requester_watching_a_ticket_sees_it_but_cannot_work_on_it(
    team: Team, agent: User
) -> None:
    ticket = TicketFactory(team=team)
    follower = RequesterFactory()
    add_watcher(actor=agent, ticket_id=ticket.pk, user=follower)

    assert visible(follower) == {ticket}
    assert not can_work_on(follower, ticket)


# Lookups


@pytest.mark.parametrize("lookup", ["INC-000001", "inc-000001", "{pk}", "pk"])
def test_a_ticket_is_found_by_number_or_id(lookup: str, team: Team, agent: User) -> None:
    ticket = TicketFactory(team=team)
    key: int | str = ticket.pk if lookup == "pk" else lookup.format(pk=ticket.pk)

    assert get_ticket_for(agent, key) == ticket


@pytest.mark.parametrize("lookup", ["INC-999999", "nonsense", "", "²", "12" * 20, "-1", "٣"])
def test_unknown_or_odd_lookups_are_not_found(lookup: str, team: Team, agent: User) -> None:
    TicketFactory(team=team)

    with pytest.raises(NotFound):
        get_ticket_for(agent, lookup)


def test_a_hidden_ticket_looks_exactly_like_a_missing_one(team: Team) -> None:
    ticket = TicketFactory(team=team)
    outsider = member_of(TeamFactory(), AgentFactory())

    with pytest.raises(NotFound) as hidden:
        get_ticket_for(outsider, ticket.pk)
    with pytest.raises(NotFound) as missing:
        get_ticket_for(outsider, ticket.pk + 1000)

    assert hidden.value.message == missing.value.message


# Filters and pages


def test_queues_narrow_the_visible_tickets(team: Team, agent: User) -> None:
    mine = TicketFactory(team=team, owner=agent, status=Status.IN_PROGRESS)
    unassigned = TicketFactory(team=team)
    TicketFactory(team=team, status=Status.CLOSED)
    requested = TicketFactory(team=team, requester=agent)

    def queue(name: str) -> set[Ticket]:
        return set(ticket_page(agent, TicketFilters(queue=name), cursor=None, size=50).items)

    assert queue("mine") == {mine}
    assert queue("unassigned") == {unassigned, requested}
    assert queue("requested") == {requested}
    assert count_tickets(agent, TicketFilters(queue="team")) == 4


@pytest.mark.parametrize(
    ("field", "value"), [("sort", "requester__password"), ("queue", "everything")]
)
def test_unknown_sorts_and_queues_are_refused(field: str, value: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        TicketFilters(**{field: value})

    assert refused.value.field == field


def test_a_page_costs_the_same_queries_however_large(
    team: Team, agent: User, django_assert_max_num_queries
) -> None:
    for _ in range(30):
        TicketFactory(team=team, owner=agent, service=None)
    agent = User.objects.get(pk=agent.pk)
    first = ticket_page(agent, TicketFilters(), cursor=None, size=5)

    with django_assert_max_num_queries(2):
        page = ticket_page(agent, TicketFilters(), cursor=first.next_cursor, size=25)
        [(ticket.requester.email, ticket.owner, ticket.team) for ticket in page.items]

    assert len(page.items) == 25


def _python_order(sort: str):
    """The expected order computed without the database, from the SORTS spec."""
    keys = SORTS[sort]

    def key(ticket: Ticket) -> tuple[float, ...]:
        values = []
        for name in keys:
            value = getattr(ticket, name.lstrip("-"))
            number = value.timestamp() if isinstance(value, datetime) else float(value)
            values.append(-number if name.startswith("-") else number)
        return tuple(values)

    return key


# Sub-millisecond differences: a cursor that rounds times would skip or repeat rows.
MICROS = (0, 1, 400, 999)
ROWS = st.lists(
    st.tuples(
        st.integers(0, 3),
        st.integers(0, 3),
        st.integers(1, 4),
        st.booleans(),
        st.sampled_from(MICROS),
    ),
    min_size=0,
    max_size=14,
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking DB examples takes minutes
)
@given(rows=ROWS, size=st.integers(1, 6), sort=st.sampled_from(sorted(SORTS)))
def test_walking_every_page_returns_each_visible_ticket_once_in_order(
    rows: list[tuple[int, int, int, bool, int]], size: int, sort: str, team: Team, agent: User
) -> None:
    with transaction.atomic():
        other_team = TeamFactory()
        for created, updated, priority, ours, micros in rows:
            TicketFactory(
                team=team if ours else other_team,
                priority=priority,
                created_at=BASE_TIME + timedelta(minutes=created, microseconds=micros),
                updated_at=BASE_TIME + timedelta(minutes=updated, microseconds=micros),
            )
        expected = sorted(Ticket.objects.filter(team=team), key=_python_order(sort))

        seen: list[Ticket] = []
        cursor: str | None = None
        for _ in range(len(rows) + 2):
            page = ticket_page(agent, TicketFilters(sort=sort), cursor=cursor, size=size)
            assert len(page.items) <= size
            seen.extend(page.items)
            cursor = page.next_cursor
            if cursor is None:
                break

        assert [ticket.pk for ticket in seen] == [ticket.pk for ticket in expected]
        transaction.set_rollback(True)


def _cursor(values: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor",
        "%%%",
        _cursor({"a": 1}),
        _cursor([1]),
        _cursor(["yesterday", 3]),
        _cursor(["2025-01-01T00:00:00+00:00", "three"]),
        _cursor(["2025-01-01T00:00:00+00:00", 10**30]),
        _cursor(["2025-01-01T00:00:00+00:00", [1]]),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ],
)
def test_a_bad_cursor_is_invalid_input(cursor: str, agent: User) -> None:
    with pytest.raises(InvalidInput) as refused:
        ticket_page(agent, TicketFilters(), cursor=cursor, size=5)

    assert refused.value.field == "cursor"
