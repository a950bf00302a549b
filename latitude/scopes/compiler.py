"""Compile a condition tree into a Django filter over the decision's subject model.

The filter selects exactly the rows for which `conditions.holds` is true on the row's facts:
each leaf is guarded by an explicit IS NOT NULL so that SQL's unknown never leaks into
`NOT`/`OR` (a leaf on a missing value is false, its negation true, as in Python). Facts the
action supplies (not stored on the row) are fixed by `given` and folded into constants.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Expression, Q, QuerySet

from latitude.scopes.conditions import Op, Tree, children_of, comparable, is_leaf, leaf_holds
from latitude.scopes.registry import Decision, FactSpec

ALWAYS = Q(pk__isnull=False)
NEVER = Q(pk__in=[])

_LOOKUP = {Op.EQ: "exact", Op.IN: "in", Op.LT: "lt", Op.LTE: "lte", Op.GT: "gt", Op.GTE: "gte"}


@dataclass
class CompiledFilter:
    """A Q plus the computed facts it refers to by alias."""

    q: Q
    aliases: dict[str, Expression] = field(default_factory=dict)

    def apply(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.aliases:
            queryset = queryset.alias(**self.aliases)
        return queryset.filter(self.q)


def alias_of(fact: str) -> str:
    return f"_scope_fact_{fact}"


def compile_tree(
    decision: Decision, tree: Tree, given: Mapping[str, Any] | None = None
) -> CompiledFilter:
    compiled = CompiledFilter(Q())
    compiled.q = _Compiler(decision, given or {}, compiled.aliases).node(tree)
    return compiled


def combine_any(filters: list[CompiledFilter]) -> CompiledFilter:
    """The OR of several compiled trees (one grant each), as one filter."""
    if not filters:
        return CompiledFilter(NEVER)
    combined = CompiledFilter(filters[0].q, dict(filters[0].aliases))
    for compiled in filters[1:]:
        combined.q |= compiled.q
        combined.aliases.update(compiled.aliases)
    return combined


class _Compiler:
    def __init__(
        self, decision: Decision, given: Mapping[str, Any], aliases: dict[str, Expression]
    ) -> None:
        self.decision = decision
        self.given = given
        self.aliases = aliases

    def node(self, node: Tree) -> Q:
        if is_leaf(node):
            return self.leaf(node)
        if "not" in node:
            return ~self.node(node["not"])
        children = [self.node(child) for child in children_of(node)]
        if "all" in node:
            return _fold(children, lambda a, b: a & b, ALWAYS)
        return _fold(children, lambda a, b: a | b, NEVER)

    def leaf(self, leaf: Tree) -> Q:
        spec = self.decision.facts[leaf["fact"]]
        if not spec.from_subject:
            return ALWAYS if leaf_holds(leaf, spec, self.given) else NEVER
        column = self.column(leaf["fact"], spec)
        return Q(**{f"{column}__isnull": False}) & _comparison(column, spec, leaf)

    def column(self, fact: str, spec: FactSpec) -> str:
        if spec.expression is None:
            assert spec.path is not None
            return spec.path
        self.aliases[alias_of(fact)] = spec.expression()
        return alias_of(fact)


def _comparison(column: str, spec: FactSpec, leaf: Tree) -> Q:
    op, value = Op(leaf["op"]), leaf["value"]
    if op == Op.BETWEEN:
        low, high = (comparable(spec, item) for item in value)
        return Q(**{f"{column}__gte": low, f"{column}__lte": high})
    if op in (Op.NE, Op.NOT_IN):
        positive = Op.EQ if op == Op.NE else Op.IN
        return ~_comparison(column, spec, {**leaf, "op": positive})
    if op == Op.IN:
        return Q(**{f"{column}__in": [comparable(spec, item) for item in value]})
    return Q(**{f"{column}__{_LOOKUP[op]}": comparable(spec, value)})


def _fold(parts: list[Q], join: Any, empty: Q) -> Q:
    if not parts:
        return empty
    result = parts[0]
    for part in parts[1:]:
        result = join(result, part)
    return result
