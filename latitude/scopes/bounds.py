"""Spot limits within one `all` that no value can satisfy (to >= 3 and to < 2)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from latitude.scopes.conditions import Op, Tree, comparable
from latitude.scopes.registry import FactSpec


@dataclass
class _Range:
    """What the leaves on one fact allow together: bounds, a set of allowed and excluded values."""

    low: Any = None
    low_strict: bool = False
    high: Any = None
    high_strict: bool = False
    allowed: set[Any] | None = None
    excluded: set[Any] = field(default_factory=set)

    def raise_low(self, value: Any, strict: bool) -> None:
        if self.low is None or value > self.low or (value == self.low and strict):
            self.low, self.low_strict = value, strict

    def lower_high(self, value: Any, strict: bool) -> None:
        if self.high is None or value < self.high or (value == self.high and strict):
            self.high, self.high_strict = value, strict

    def allow_only(self, values: set[Any]) -> None:
        self.allowed = values if self.allowed is None else self.allowed & values

    def admits(self, value: Any) -> bool:
        if value in self.excluded:
            return False
        if self.low is not None and (value < self.low or (value == self.low and self.low_strict)):
            return False
        return not (
            self.high is not None
            and (value > self.high or (value == self.high and self.high_strict))
        )

    def is_empty(self) -> bool:
        if self.allowed is not None:
            return not any(self.admits(value) for value in self.allowed)
        if self.low is None or self.high is None:
            return False
        return self.low > self.high or (
            self.low == self.high
            and (self.low_strict or self.high_strict or self.low in self.excluded)
        )


def _apply(bounds: _Range, op: str, value: Any) -> None:
    match op:
        case Op.EQ:
            bounds.allow_only({value})
        case Op.IN:
            bounds.allow_only(set(value))
        case Op.NE:
            bounds.excluded.add(value)
        case Op.NOT_IN:
            bounds.excluded.update(value)
        case Op.GT | Op.GTE:
            bounds.raise_low(value, strict=op == Op.GT)
        case Op.LT | Op.LTE:
            bounds.lower_high(value, strict=op == Op.LT)
        case Op.BETWEEN:
            bounds.raise_low(value[0], strict=False)
            bounds.lower_high(value[1], strict=False)


def _canonical(spec: FactSpec, op: str, value: Any) -> Any:
    if isinstance(value, list):
        return [_number_like(comparable(spec, item)) for item in value]
    return _number_like(comparable(spec, value))


def _number_like(value: Any) -> Any:
    """Compare 3 and 3.0 and Decimal("3") as the same bound."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    return value


def find_contradiction(leaves: list[Tree], specs: Mapping[str, FactSpec]) -> str | None:
    """A sentence naming the first fact whose sibling limits exclude every value, if any."""
    ranges: dict[str, _Range] = {}
    for leaf in leaves:
        spec = specs[leaf["fact"]]
        bounds = ranges.setdefault(leaf["fact"], _Range())
        _apply(bounds, leaf["op"], _canonical(spec, leaf["op"], leaf["value"]))
    for name, bounds in ranges.items():
        if bounds.is_empty():
            return _(
                'the limits on "%(fact)s" contradict each other; no value satisfies all of them.'
            ) % {"fact": name}
    return None
