"""The requester's list of tickets."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from latitude.testing.factories import OrgUnitFactory, RequesterFactory, TicketFactory
from latitude.tickets.choices import Status

pytestmark = pytest.mark.django_db

HOME = reverse("portal:home")


def listed(response, section):
    return list(response.context[f"{section}_section"].page.items)


def test_home_lists_only_the_requesters_own_tickets(requester_client, requester):
    mine = TicketFactory(requester=requester, subject="My monitor flickers")
    TicketFactory(subject="Someone else's secret problem")

    response = requester_client.get(HOME)

    assert response.status_code == 200
    assert listed(response, "open") == [mine]
    assert "My monitor flickers" in response.text
    assert "secret problem" not in response.text


def test_open_tickets_come_before_solved_ones(requester_client, requester):
    TicketFactory(requester=requester, subject="Solved thing", status=Status.CLOSED)
    TicketFactory(requester=requester, subject="Open thing", status=Status.WAITING_REQUESTER)

    response = requester_client.get(HOME)

    assert [t.subject for t in listed(response, "open")] == ["Open thing"]
    assert [t.subject for t in listed(response, "done")] == ["Solved thing"]
    assert response.text.index("Open thing") < response.text.index("Solved thing")
    assert "Waiting for your reply" in response.text


def test_unit_scope_shows_colleagues_tickets_when_the_unit_shares(client):
    unit = OrgUnitFactory(name="Finance", shares_tickets=True)
    me, colleague = RequesterFactory(unit=unit), RequesterFactory(unit=unit)
    theirs = TicketFactory(requester=colleague, subject="Colleague's VPN issue")
    client.force_login(me)

    own_scope = client.get(HOME)
    unit_scope = client.get(HOME, {"scope": "unit"})

    assert "Colleague's VPN issue" not in own_scope.text
    assert "Everyone in Finance" in own_scope.text
    assert listed(unit_scope, "open") == [theirs]
    assert colleague.full_name in unit_scope.text


def test_unit_scope_is_ignored_when_the_unit_does_not_share(client):
    unit = OrgUnitFactory(shares_tickets=False)
    me, colleague = RequesterFactory(unit=unit), RequesterFactory(unit=unit)
    TicketFactory(requester=colleague, subject="Colleague's VPN issue")
    client.force_login(me)

    response = client.get(HOME, {"scope": "unit"})

    assert response.context["scope"] == "mine"
    assert listed(response, "open") == []
    assert "Colleague's VPN issue" not in response.text


def test_long_lists_are_paged_with_a_cursor(requester_client, requester, settings):
    settings.LATITUDE_PAGE_SIZE = 2
    tickets = [TicketFactory(requester=requester) for _ in range(3)]

    first = requester_client.get(HOME)
    next_query = first.context["open_section"].next_query
    second = requester_client.get(f"{HOME}?{next_query}")

    assert listed(first, "open") == [tickets[2], tickets[1]]
    assert listed(second, "open") == [tickets[0]]
    assert second.context["open_section"].next_query is None


def test_a_damaged_page_link_falls_back_to_the_first_page(requester_client, requester):
    ticket = TicketFactory(requester=requester)

    response = requester_client.get(HOME, {"open": "!!not-a-cursor!!"})

    assert response.status_code == 200
    assert listed(response, "open") == [ticket]


def test_home_offers_both_ways_to_start(requester_client):
    response = requester_client.get(HOME)

    assert reverse("portal:new-incident") in response.text
    assert reverse("portal:new-request") in response.text
    assert "Report a problem" in response.text
    assert "Request something" in response.text


def _make_tickets(requester, count):
    for index in range(count):
        status = Status.CLOSED if index % 3 == 0 else Status.IN_PROGRESS
        TicketFactory(requester=requester, status=status)


def test_list_page_costs_the_same_queries_for_3_and_30_tickets(client, django_assert_num_queries):
    unit = OrgUnitFactory(shares_tickets=True)
    requester = RequesterFactory(unit=unit)
    client.force_login(requester)
    _make_tickets(requester, 3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(HOME, {"scope": "unit"}).status_code == 200

    _make_tickets(requester, 27)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(HOME, {"scope": "unit"})
    assert len(listed(response, "open")) + len(listed(response, "done")) == 30
