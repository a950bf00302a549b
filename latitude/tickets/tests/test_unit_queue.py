"""The 'unit' queue and the finished-only filter used by the requester portal."""

import pytest

from latitude.core.errors import InvalidInput
from latitude.testing.factories import OrgUnitFactory, RequesterFactory, TicketFactory
from latitude.tickets.choices import Status
from latitude.tickets.selectors import TicketFilters, filtered_tickets

pytestmark = pytest.mark.django_db


def test_unit_queue_lists_colleagues_tickets_when_the_unit_shares():
    unit = OrgUnitFactory(shares_tickets=True)
    me, colleague = RequesterFactory(unit=unit), RequesterFactory(unit=unit)
    mine, theirs = TicketFactory(requester=me), TicketFactory(requester=colleague)
    outsider = TicketFactory()

    found = set(filtered_tickets(me, TicketFilters(queue="unit")))

    assert found == {mine, theirs}
    assert outsider not in found


def test_unit_queue_is_empty_when_the_unit_does_not_share():
    unit = OrgUnitFactory(shares_tickets=False)
    me, colleague = RequesterFactory(unit=unit), RequesterFactory(unit=unit)
    TicketFactory(requester=me)
    TicketFactory(requester=colleague)

    assert list(filtered_tickets(me, TicketFilters(queue="unit"))) == []


def test_unit_queue_is_empty_without_a_unit():
    me = RequesterFactory(unit=None)
    TicketFactory(requester=me)

    assert list(filtered_tickets(me, TicketFilters(queue="unit"))) == []


def test_finished_only_keeps_resolved_and_closed_tickets():
    me = RequesterFactory()
    TicketFactory(requester=me, status=Status.IN_PROGRESS)
    resolved = TicketFactory(requester=me, status=Status.RESOLVED)
    closed = TicketFactory(requester=me, status=Status.CLOSED)

    found = set(filtered_tickets(me, TicketFilters(queue="requested", finished_only=True)))

    assert found == {resolved, closed}


def test_open_and_finished_together_are_refused():
    with pytest.raises(InvalidInput):
        TicketFilters(open_only=True, finished_only=True)
