"""Hypothesis strategies: random condition trees for a decision, over values that occur in rows."""

from typing import Any

from hypothesis import strategies as st

from latitude.scopes.registry import ORDERED_TYPES, Decision, FactSpec, FactType

ORDERED_OPS = ["eq", "ne", "in", "not_in", "lt", "lte", "gt", "gte", "between"]
UNORDERED_OPS = ["eq", "ne", "in", "not_in"]


def value_domain(spec: FactSpec, references: dict[str, list[int]]) -> list[Any]:
    if spec.choices:
        return [choice for choice, _label in spec.choices]
    if spec.type == FactType.REFERENCE:
        return references[spec.model]
    if spec.type == FactType.BOOLEAN:
        return [True, False]
    return [0, 1, 2, 3]


@st.composite
def leaf(draw: Any, decision: Decision, references: dict[str, list[int]]) -> dict[str, Any]:
    name = draw(st.sampled_from(sorted(decision.facts)))
    spec = decision.facts[name]
    op = draw(st.sampled_from(ORDERED_OPS if spec.type in ORDERED_TYPES else UNORDERED_OPS))
    domain = value_domain(spec, references)
    if op in ("in", "not_in"):
        value: Any = draw(st.lists(st.sampled_from(domain), min_size=1, max_size=3, unique=True))
    elif op == "between":
        value = sorted(draw(st.lists(st.sampled_from(domain), min_size=2, max_size=2)))
    else:
        value = draw(st.sampled_from(domain))
    return {"fact": name, "op": op, "value": value}


def trees(decision: Decision, references: dict[str, list[int]]) -> st.SearchStrategy[Any]:
    return st.recursive(
        leaf(decision, references),
        lambda children: st.one_of(
            st.builds(lambda c: {"all": c}, st.lists(children, max_size=3)),
            st.builds(lambda c: {"any": c}, st.lists(children, min_size=1, max_size=3)),
            st.builds(lambda c: {"not": c}, children),
        ),
        max_leaves=6,
    )
