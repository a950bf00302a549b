"""Random JSON as a grant's limits: the API answers 201 or 422 (naming a spot in the tree),
never a 500, and whatever it stored evaluates and compiles to SQL without failing."""

from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from latitude.api.testing import client_for, send
from latitude.scopes import registry
from latitude.scopes.conditions import Op

pytestmark = [pytest.mark.django_db, pytest.mark.urls("latitude.api.tests.urls")]

DECISION_SETS = [
    ["ticket.resolve"],
    ["ticket.set_priority"],
    ["ticket.transfer_team"],
    ["ticket.waive_sla"],
    ["request.approve"],
    ["ticket.goodwill"],
    ["ticket.resolve", "ticket.close", "ticket.reopen"],
]
FACTS = [*sorted({name for d in registry.all_decisions() for name in d.facts}), "colour", ""]
OPS = [*(str(op) for op in Op), "like", ""]

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.integers(min_value=-3, max_value=6)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=6)
    | st.sampled_from(["incident", "request", "new", "resolved", "12.50", "EUR", "1e9999"])
)
values = scalars | st.lists(scalars, max_size=4)
junk_leaves = st.fixed_dictionaries(
    {"fact": st.sampled_from(FACTS) | st.integers(), "op": st.sampled_from(OPS), "value": values}
)
# Leaves that make sense for most ticket decisions, so that many trees are stored and then
# evaluated and compiled to SQL.
priorities = st.integers(min_value=1, max_value=4)
plausible_leaves = st.one_of(
    st.fixed_dictionaries(
        {"fact": st.just("priority"), "op": st.sampled_from(["eq", "ne", "lt", "lte", "gt", "gte"]),
         "value": priorities}
    ),
    st.fixed_dictionaries(
        {"fact": st.just("priority"), "op": st.sampled_from(["in", "not_in"]),
         "value": st.lists(priorities, min_size=1, max_size=3)}
    ),
    st.fixed_dictionaries(
        {"fact": st.just("priority"), "op": st.just("between"),
         "value": st.lists(priorities, min_size=2, max_size=2).map(sorted)}
    ),
    st.fixed_dictionaries(
        {"fact": st.just("kind"), "op": st.sampled_from(["eq", "ne"]),
         "value": st.sampled_from(["incident", "request"])}
    ),
)  # fmt: skip
leaves = plausible_leaves | junk_leaves


def _nodes(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    groups = st.builds(
        lambda key, items: {key: items},
        st.sampled_from(["all", "any", "not"]),
        st.lists(children, max_size=4) | children,
    )
    odd = st.dictionaries(
        st.sampled_from(["all", "fact", "op", "value", "x"]), children, max_size=3
    )
    return groups | odd | st.lists(children, max_size=3)


def _well_formed(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    groups = st.builds(
        lambda key, items: {key: items},
        st.sampled_from(["all", "any"]),
        st.lists(children, min_size=1, max_size=3),
    )
    return groups | st.builds(lambda child: {"not": child}, children)


# NaN and infinities go out as JSON's non-standard literals, which the server's parser reads.
trees = st.recursive(leaves | scalars, _nodes, max_leaves=12) | st.recursive(
    plausible_leaves, _well_formed, max_leaves=6
)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(tree=trees, decisions=st.sampled_from(DECISION_SETS))
def test_any_json_as_limits_is_created_or_refused_never_a_server_error(sd, tree, decisions):
    admin, agent = client_for(sd.admin), client_for(sd.agent)
    body = {
        "name": "Fuzzed",
        "holder_kind": "person",
        "holder_person_id": sd.agent.pk,
        "decisions": decisions,
        "condition": tree,
        "rationale": "Property test.",
    }

    response = send(admin, "POST", "/api/v1/grants", body)

    assert response.status_code in (201, 422), response.content
    event(f"answered {response.status_code}")
    assert response["Content-Type"].startswith(("application/json", "application/problem+json"))
    if response.status_code == 422:
        field = response.json()["errors"][0]["field"]
        assert field == "condition" or field.startswith("condition.")
        return
    ticket = sd.ticket(priority=3)
    for name in decisions:
        verdict = send(
            agent,
            "POST",
            f"/api/v1/decisions/{name}/evaluate",
            {"subject": {"type": "ticket", "id": ticket.pk}},
        )
        assert verdict.status_code == 200, verdict.content
        assert agent.get(f"/api/v1/decisions/{name}/decidable").status_code == 200
