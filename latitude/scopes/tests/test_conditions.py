from decimal import Decimal

import pytest

from latitude.core.errors import InvalidInput
from latitude.scopes import registry
from latitude.scopes.conditions import facts_used, holds
from latitude.scopes.validation import validate_tree

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_standard_grants")]

SET_PRIORITY = registry.get("ticket.set_priority")
GOODWILL = registry.get("ticket.goodwill")


def valid(tree, *decisions):
    return validate_tree(tree, list(decisions) or [SET_PRIORITY])


def refused(tree, *decisions) -> str:
    with pytest.raises(InvalidInput) as error:
        valid(tree, *decisions)
    assert error.value.field == "condition"
    return error.value.message


def test_a_well_formed_tree_is_returned_in_canonical_form():
    tree = {
        "all": [
            {"fact": "to", "op": "gte", "value": 3},
            {"not": {"fact": "kind", "op": "eq", "value": "request"}},
        ]
    }
    assert valid(tree) == tree


def test_money_values_are_stored_as_decimal_text():
    tree = valid({"fact": "amount", "op": "lte", "value": 100.5}, GOODWILL)
    assert tree["value"] == "100.5"


def test_unknown_fact_is_named():
    message = refused({"fact": "colour", "op": "eq", "value": "red"})
    assert '"colour"' in message
    assert "ticket.set_priority" in message


def test_wrong_value_type_is_named_with_its_place():
    message = refused({"all": [{"fact": "to", "op": "eq", "value": "high"}]})
    assert message.startswith("all[0]:")
    assert '"to"' in message


def test_value_outside_the_choices_is_refused():
    assert "not one of the values" in refused({"fact": "to", "op": "eq", "value": 7})


def test_empty_in_list_is_refused():
    assert "is empty" in refused({"fact": "kind", "op": "in", "value": []})


def test_between_with_low_above_high_is_refused():
    assert "low end 4 above its high end 2" in refused(
        {"fact": "to", "op": "between", "value": [4, 2]}
    )


@pytest.mark.parametrize(
    "limits",
    [
        [{"fact": "to", "op": "gte", "value": 3}, {"fact": "to", "op": "lt", "value": 2}],
        [{"fact": "to", "op": "gt", "value": 2}, {"fact": "to", "op": "lte", "value": 2}],
        [{"fact": "to", "op": "eq", "value": 1}, {"fact": "to", "op": "eq", "value": 2}],
        [
            {"fact": "kind", "op": "in", "value": ["incident"]},
            {"fact": "kind", "op": "ne", "value": "incident"},
        ],
        [{"fact": "to", "op": "between", "value": [1, 2]}, {"fact": "to", "op": "gte", "value": 3}],
    ],
)
def test_contradictory_limits_within_one_all_are_refused(limits):
    assert "contradict" in refused({"all": limits})


def test_disjoint_limits_under_any_are_fine():
    valid(
        {"any": [{"fact": "to", "op": "gte", "value": 3}, {"fact": "to", "op": "lt", "value": 2}]}
    )


def test_ordering_operator_on_an_enum_is_refused():
    assert "compares sizes" in refused({"fact": "kind", "op": "lt", "value": "incident"})


def test_empty_any_is_refused_but_empty_all_means_no_limits():
    assert "at least one" in refused({"any": []})
    assert holds(valid({"all": []}), SET_PRIORITY.facts, {})


def test_reference_to_a_missing_row_is_refused():
    assert "no service with id 999999" in refused({"fact": "service", "op": "eq", "value": 999999})


def test_a_fact_missing_from_one_of_several_decisions_is_refused():
    resolve = registry.get("ticket.resolve")
    assert '"to"' in refused({"fact": "to", "op": "eq", "value": 1}, SET_PRIORITY, resolve)
    valid({"fact": "kind", "op": "eq", "value": "incident"}, SET_PRIORITY, resolve)


def test_malformed_nodes_are_refused():
    assert "exactly one" in refused({"all": [], "any": []})
    assert "condition object" in refused({"all": ["to"]})
    assert "exactly" in refused({"fact": "to", "op": "eq"})
    assert "unknown operator" in refused({"fact": "to", "op": "like", "value": 1})


def test_deep_nesting_is_refused():
    tree = {"fact": "to", "op": "eq", "value": 1}
    for _ in range(12):
        tree = {"not": tree}
    assert "too deeply" in refused(tree)


@pytest.mark.parametrize(
    ("tree", "facts", "expected"),
    [
        ({"fact": "to", "op": "gte", "value": 3}, {"to": 3}, True),
        ({"fact": "to", "op": "gte", "value": 3}, {"to": 1}, False),
        ({"fact": "to", "op": "between", "value": [2, 3]}, {"to": 2}, True),
        ({"fact": "kind", "op": "not_in", "value": ["request"]}, {"kind": "incident"}, True),
        (
            {"fact": "service_criticality", "op": "ne", "value": 4},
            {"service_criticality": None},
            False,
        ),
        (
            {"not": {"fact": "service_criticality", "op": "eq", "value": 4}},
            {"service_criticality": None},
            True,
        ),
        (
            {
                "any": [
                    {"fact": "to", "op": "eq", "value": 1},
                    {"fact": "from", "op": "eq", "value": 1},
                ]
            },
            {"to": 2, "from": 1},
            True,
        ),
        ({"fact": "to", "op": "lt", "value": 3}, {"to": "2"}, False),
    ],
)
def test_trees_evaluate_against_facts_with_missing_values_false(tree, facts, expected):
    assert holds(valid(tree), SET_PRIORITY.facts, facts) is expected


def test_money_compares_exactly():
    tree = valid({"fact": "amount", "op": "lte", "value": "100.10"}, GOODWILL)
    assert holds(tree, GOODWILL.facts, {"amount": Decimal("100.10")})
    assert not holds(tree, GOODWILL.facts, {"amount": "100.11"})


def test_facts_used_lists_each_fact_once_in_order():
    tree = {
        "all": [
            {"fact": "to", "op": "gte", "value": 3},
            {"not": {"fact": "kind", "op": "eq", "value": "request"}},
            {"fact": "to", "op": "lte", "value": 4},
        ]
    }
    assert facts_used(tree) == ["to", "kind"]
