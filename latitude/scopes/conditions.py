"""Condition trees: the limits of a grant, stored as JSON and evaluated against facts.

Shape::

    {"all": [node, ...]}   every child holds (an empty list holds: "no limits")
    {"any": [node, ...]}   at least one child holds (must not be empty)
    {"not": node}          the child does not hold
    {"fact": "to", "op": "gte", "value": 3}

Missing values (semantics shared with the SQL compiler): a leaf whose fact is missing or None is
false for every operator, `ne` and `not_in` included; `not` of such a leaf is therefore true.
"Priority is not P1" does not hold for a ticket without a priority, but "not (priority is P1)"
does. The compiler produces the same answers in SQL with explicit IS NULL tests.
"""

from collections.abc import Mapping
from datetime import timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from latitude.scopes.registry import FactSpec, FactType

Tree = dict[str, Any]


class Op(StrEnum):
    EQ = "eq"
    NE = "ne"
    IN = "in"
    NOT_IN = "not_in"
    LT = "lt"
    LTE = "lte"
    GT = "gt"
    GTE = "gte"
    BETWEEN = "between"


ORDERING_OPS = frozenset({Op.LT, Op.LTE, Op.GT, Op.GTE, Op.BETWEEN})
LIST_OPS = frozenset({Op.IN, Op.NOT_IN})
NO_LIMITS: Tree = {"all": []}


def is_leaf(node: Tree) -> bool:
    return "fact" in node


def children_of(node: Tree) -> list[Tree]:
    """The children of an "all" or "any" node."""
    children: list[Tree] = node["all"] if "all" in node else node.get("any", [])
    return children


def leaves(node: Tree) -> list[Tree]:
    """Every leaf of a (valid) tree, left to right."""
    if is_leaf(node):
        return [node]
    if "not" in node:
        return leaves(node["not"])
    return [leaf for child in children_of(node) for leaf in leaves(child)]


def facts_used(node: Tree) -> list[str]:
    return list(dict.fromkeys(leaf["fact"] for leaf in leaves(node)))


def comparable(spec: FactSpec, value: Any) -> Any:
    """A fact or condition value in the form both sides are compared in; None stays None."""
    if value is None:
        return None
    if spec.type == FactType.MONEY:
        return Decimal(str(value))
    if spec.type == FactType.DURATION and isinstance(value, timedelta):
        return int(value.total_seconds() // 60)
    if spec.type == FactType.REFERENCE and hasattr(value, "pk"):
        return value.pk
    if spec.type in (FactType.ENUM, FactType.STRING):
        return str(value)
    return value


def compare(op: str, actual: Any, expected: Any) -> bool:
    """One leaf's operator on two present (not None) values."""
    match op:
        case Op.EQ:
            return bool(actual == expected)
        case Op.NE:
            return bool(actual != expected)
        case Op.IN:
            return actual in expected
        case Op.NOT_IN:
            return actual not in expected
        case Op.LT:
            return bool(actual < expected)
        case Op.LTE:
            return bool(actual <= expected)
        case Op.GT:
            return bool(actual > expected)
        case Op.GTE:
            return bool(actual >= expected)
        case Op.BETWEEN:
            return bool(expected[0] <= actual <= expected[1])
    raise ValueError(f"unknown operator {op!r}")


def leaf_holds(leaf: Tree, spec: FactSpec, facts: Mapping[str, Any]) -> bool:
    actual = comparable(spec, facts.get(leaf["fact"]))
    if actual is None:
        return False
    expected = leaf["value"]
    if leaf["op"] in LIST_OPS or leaf["op"] == Op.BETWEEN:
        expected = [comparable(spec, item) for item in expected]
    else:
        expected = comparable(spec, expected)
    try:
        return compare(leaf["op"], actual, expected)
    except TypeError:
        # A fact of the wrong type (an action passing text for a number) never satisfies a limit.
        return False


def holds(node: Tree, specs: Mapping[str, FactSpec], facts: Mapping[str, Any]) -> bool:
    """Evaluate a validated tree against facts."""
    if is_leaf(node):
        return leaf_holds(node, specs[node["fact"]], facts)
    if "not" in node:
        return not holds(node["not"], specs, facts)
    if "all" in node:
        return all(holds(child, specs, facts) for child in node["all"])
    return any(holds(child, specs, facts) for child in node["any"])
