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

import operator
from collections.abc import Callable, Mapping
from datetime import timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from latitude.scopes.registry import FactSpec, FactType

Tree = dict[str, Any]
Predicate = Callable[[Mapping[str, Any]], bool]


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


def _between(actual: Any, bounds: Any) -> bool:
    return bool(bounds[0] <= actual <= bounds[1])


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    Op.EQ: operator.eq,
    Op.NE: operator.ne,
    Op.IN: lambda actual, expected: actual in expected,
    Op.NOT_IN: lambda actual, expected: actual not in expected,
    Op.LT: operator.lt,
    Op.LTE: operator.le,
    Op.GT: operator.gt,
    Op.GTE: operator.ge,
    Op.BETWEEN: _between,
}


def _leaf_predicate(leaf: Tree, spec: FactSpec) -> Predicate:
    name, compare = leaf["fact"], _COMPARE[leaf["op"]]
    value = leaf["value"]
    if isinstance(value, list):
        expected: Any = tuple(comparable(spec, item) for item in value)
    else:
        expected = comparable(spec, value)

    def check(facts: Mapping[str, Any]) -> bool:
        actual = comparable(spec, facts.get(name))
        if actual is None:
            return False
        try:
            return bool(compare(actual, expected))
        except TypeError:
            # A fact of the wrong type (text where a number belongs) never satisfies a limit.
            return False

    return check


def predicate(node: Tree, specs: Mapping[str, FactSpec]) -> Predicate:
    """A validated tree turned into a function of the facts (built once, called often)."""
    if is_leaf(node):
        return _leaf_predicate(node, specs[node["fact"]])
    if "not" in node:
        inner = predicate(node["not"], specs)
        return lambda facts: not inner(facts)
    parts = [predicate(child, specs) for child in children_of(node)]
    if "all" in node:
        return lambda facts: all(part(facts) for part in parts)
    return lambda facts: any(part(facts) for part in parts)


def leaf_holds(leaf: Tree, spec: FactSpec, facts: Mapping[str, Any]) -> bool:
    return _leaf_predicate(leaf, spec)(facts)


def holds(node: Tree, specs: Mapping[str, FactSpec], facts: Mapping[str, Any]) -> bool:
    """Evaluate a validated tree against facts."""
    return predicate(node, specs)(facts)
