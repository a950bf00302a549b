"""The SQL filter and the Python evaluation give the same answer on random trees and rows."""

from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from latitude.core.errors import InvalidInput
from latitude.scopes import registry
from latitude.scopes.compiler import compile_tree
from latitude.scopes.conditions import holds
from latitude.scopes.tests.strategies import trees
from latitude.scopes.validation import validate_tree
from latitude.testing.factories import RequesterFactory, ServiceFactory, TeamFactory, TicketFactory
from latitude.tickets.choices import Status
from latitude.tickets.models import Ticket

pytestmark = pytest.mark.django_db(transaction=False)

ROWS = st.lists(
    st.fixed_dictionaries(
        {
            "kind": st.sampled_from(["incident", "request"]),
            "priority": st.integers(1, 4),
            "status": st.sampled_from(Status.values),
            "reopen_count": st.integers(0, 2),
            "service": st.sampled_from([None, 0, 1]),
            "team": st.sampled_from([None, 0, 1]),
            "parent": st.sampled_from([None, 0, 1]),
        }
    ),
    min_size=1,
    max_size=6,
)


def _arrange(rows: list[dict[str, Any]]) -> list[Ticket]:
    requester = RequesterFactory()
    teams = [TeamFactory(), TeamFactory()]
    services = [ServiceFactory(owner_team=teams[0], criticality=c) for c in (2, 4)]
    tickets: list[Ticket] = []
    for row in rows:
        parent = (
            tickets[row["parent"]]
            if row["parent"] is not None and row["parent"] < len(tickets)
            else None
        )
        tickets.append(
            TicketFactory(
                requester=requester,
                kind=row["kind"],
                priority=row["priority"],
                status=row["status"],
                reopen_count=row["reopen_count"],
                parent=parent,
                service=None if row["service"] is None else services[row["service"]],
                team=None if row["team"] is None else teams[row["team"]],
            )
        )
    return tickets


def _references(tickets: list[Ticket]) -> dict[str, list[int]]:
    return {
        "catalog.Service": sorted(
            {t.service_id for t in tickets if t.service_id} | {ServiceFactory().pk}
        ),
        "people.Team": sorted({t.team_id for t in tickets if t.team_id} | {TeamFactory().pk}),
    }


def _agree(
    decision_name: str, rows: list[dict[str, Any]], data: Any, given_facts: dict[str, Any]
) -> None:
    decision = registry.get(decision_name)
    with transaction.atomic():
        tickets = _arrange(rows)
        raw = data.draw(trees(decision, _references(tickets)))
        try:
            tree = validate_tree(raw, [decision])
        except InvalidInput:
            reject()
        pks = [t.pk for t in tickets]
        in_sql = set(
            compile_tree(decision, tree, given_facts)
            .apply(Ticket.objects.filter(pk__in=pks))
            .values_list("pk", flat=True)
        )
        in_python = {
            t.pk
            for t in Ticket.objects.filter(pk__in=pks)
            if holds(tree, decision.facts, decision.read_facts(t, given_facts))
        }
        assert in_sql == in_python, tree
        transaction.set_rollback(True)


AGREEMENT = settings(
    max_examples=75,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.filter_too_much,
        HealthCheck.too_slow,
    ],
)


@AGREEMENT
@given(rows=ROWS, data=st.data())
def test_lifecycle_trees_select_the_same_tickets_in_sql_and_python(rows, data):
    _agree("ticket.resolve", rows, data, {})


@AGREEMENT
@given(rows=ROWS, data=st.data(), target=st.sampled_from([None, 1, 2, 3, 4]))
def test_priority_trees_with_a_given_target_select_the_same_tickets(rows, data, target):
    _agree("ticket.set_priority", rows, data, {"to": target})


@AGREEMENT
@given(rows=ROWS, data=st.data(), to_team=st.sampled_from([None, 0]))
def test_transfer_trees_over_team_references_select_the_same_tickets(rows, data, to_team):
    _agree("ticket.transfer_team", rows, data, {"to_team": to_team})
