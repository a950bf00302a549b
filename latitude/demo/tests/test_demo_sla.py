"""The demo comes with calendars, policies and a clock for every ticket a policy covers."""

import pytest

from latitude.demo import generator
from latitude.demo.tests.test_demo_command import NOW, SMALL
from latitude.sla.clocks.store import recompute
from latitude.sla.models import BusinessCalendar, SlaClock, SlaPolicy
from latitude.sla.sweep import pending_breaches
from latitude.tickets.models import Ticket

pytestmark = pytest.mark.django_db


def test_demo_tickets_have_clocks_that_match_their_trails_and_history_stays_quiet():
    generator.generate(seed=7, tickets=SMALL, now=NOW)
    assert BusinessCalendar.objects.filter(is_default=True).get().name == "Munich (DE-BY)"
    assert SlaPolicy.objects.count() == 4
    assert set(SlaClock.objects.values_list("ticket_id", flat=True)) == set(
        Ticket.objects.values_list("pk", flat=True)
    )
    assert {"met", "running"} <= set(SlaClock.objects.values_list("state", flat=True))
    assert recompute(now=NOW, write=False).differences == []
    assert pending_breaches(NOW) == []
