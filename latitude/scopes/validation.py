"""Refuse condition trees that cannot mean what their author intended, with the reason why."""

import math
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.utils.translation import gettext as _

from latitude.core.errors import InvalidInput
from latitude.scopes.bounds import find_contradiction
from latitude.scopes.conditions import LIST_OPS, ORDERING_OPS, Op, Tree
from latitude.scopes.registry import ORDERED_TYPES, Decision, FactSpec, FactType

MAX_DEPTH = 8
MAX_LEAVES = 200
FIELD = "condition"
# Whole numbers beyond a 64-bit column cannot be compared with stored values in SQL.
MAX_WHOLE = 2**63 - 1


def refuse(where: str, message: str, part: str = "") -> InvalidInput:
    """InvalidInput on the field "condition"; `path` names the spot in the tree the way a JSON
    client addresses it ("condition.all.0.value") for interfaces that can point at it."""
    text = _("%(where)s: %(problem)s") % {"where": where, "problem": message} if where else message
    return InvalidInput(text, field=FIELD, path=tree_path(where, part))


def tree_path(where: str, part: str = "") -> str:
    """ "all[0].not" -> "condition.all.0.not"; `part` is a key of the leaf there."""
    steps = [FIELD, *re.sub(r"\[(\d+)\]", r".\1", where).split(".")] if where else [FIELD]
    return ".".join([step for step in steps if step] + ([part] if part else []))


def shared_specs(decisions: Sequence[Decision]) -> dict[str, FactSpec]:
    """Facts every one of the decisions exposes with the same type (a grant may span several)."""
    if not decisions:
        return {}
    first, *others = decisions
    return {
        name: spec
        for name, spec in first.facts.items()
        if all(name in d.facts and d.facts[name].type == spec.type for d in others)
    }


def validate_tree(tree: Any, decisions: Sequence[Decision]) -> Tree:
    """The tree with values in canonical form, or InvalidInput naming the first problem."""
    validator = _Validator(shared_specs(decisions), [d.name for d in decisions])
    return validator.node(tree, "", depth=0)


class _Validator:
    def __init__(self, specs: dict[str, FactSpec], decision_names: list[str]) -> None:
        self.specs = specs
        self.decision_names = decision_names
        self.leaf_count = 0

    def node(self, node: Any, where: str, depth: int) -> Tree:
        if depth > MAX_DEPTH:
            raise refuse(where, _("conditions are nested too deeply."))
        if not isinstance(node, dict):
            raise refuse(where, _("expected a condition object."))
        if "fact" in node:
            return self.leaf(node, where)
        if len(node) != 1 or next(iter(node)) not in ("all", "any", "not"):
            raise refuse(where, _('expected exactly one of "all", "any", "not" or a "fact".'))
        key, value = next(iter(node.items()))
        if key == "not":
            return {"not": self.node(value, _join(where, "not"), depth + 1)}
        return {key: self.group(key, value, where, depth)}

    def group(self, key: str, children: Any, where: str, depth: int) -> list[Tree]:
        if not isinstance(children, list):
            raise refuse(_join(where, key), _("expected a list of conditions."))
        if key == "any" and not children:
            raise refuse(_join(where, key), _('"any" needs at least one condition.'))
        checked = [
            self.node(child, f"{_join(where, key)}[{index}]", depth + 1)
            for index, child in enumerate(children)
        ]
        if key == "all":
            self.refuse_contradiction(checked, _join(where, key))
        return checked

    def refuse_contradiction(self, children: list[Tree], where: str) -> None:
        problem = find_contradiction([c for c in children if "fact" in c], self.specs)
        if problem:
            raise refuse(where, problem)

    def leaf(self, leaf: dict[str, Any], where: str) -> Tree:
        self.leaf_count += 1
        if self.leaf_count > MAX_LEAVES:
            raise refuse(where, _("too many conditions."))
        if set(leaf) != {"fact", "op", "value"}:
            raise refuse(where, _('a condition needs exactly "fact", "op" and "value".'))
        name, op = leaf["fact"], leaf["op"]
        spec = self.specs.get(name) if isinstance(name, str) else None
        if spec is None:
            raise refuse(where, self.unknown_fact(name), "fact")
        if op not in Op.__members__.values():
            raise refuse(where, _('unknown operator "%(op)s".') % {"op": op}, "op")
        self.refuse_unsuitable_op(spec, name, Op(op), where)
        value = _Value(spec, name, where).for_op(Op(op), leaf["value"])
        return {"fact": name, "op": str(op), "value": value}

    def unknown_fact(self, name: Any) -> str:
        return _('unknown fact "%(fact)s" for %(decisions)s.') % {
            "fact": name,
            "decisions": ", ".join(self.decision_names),
        }

    def refuse_unsuitable_op(self, spec: FactSpec, name: str, op: Op, where: str) -> None:
        if op in ORDERING_OPS and spec.type not in ORDERED_TYPES:
            raise refuse(
                where,
                _('"%(op)s" compares sizes, but "%(fact)s" is a %(type)s fact.')
                % {"op": op, "fact": name, "type": spec.type},
                "op",
            )
        if spec.type == FactType.BOOLEAN and op not in (Op.EQ, Op.NE):
            raise refuse(where, _('"%(fact)s" is yes or no; use eq or ne.') % {"fact": name}, "op")


class _Value:
    """Checks and canonicalises the value(s) of one leaf against its fact's type."""

    def __init__(self, spec: FactSpec, name: str, where: str) -> None:
        self.spec, self.name, self.where = spec, name, where

    def refuse(self, message: str, part: str = "value") -> InvalidInput:
        return refuse(self.where, message, part)

    def for_op(self, op: Op, value: Any) -> Any:
        if op in LIST_OPS:
            return self.many(value)
        if op == Op.BETWEEN:
            return self.between(value)
        checked = self.one(value)
        self.refuse_missing_references([checked])
        return checked

    def many(self, value: Any) -> list[Any]:
        if not isinstance(value, list):
            raise self.refuse(_("expected a list of values."))
        if not value:
            raise self.refuse(_('the list for "%(fact)s" is empty.') % {"fact": self.name})
        checked = [self.one(item, f"value.{index}") for index, item in enumerate(value)]
        items = list(dict.fromkeys(checked))
        self.refuse_missing_references(items)
        return items

    def between(self, value: Any) -> list[Any]:
        if not isinstance(value, list) or len(value) != 2:
            raise self.refuse(_('"between" needs a list of two values, low and high.'))
        low, high = self.one(value[0], "value.0"), self.one(value[1], "value.1")
        if Decimal(str(low)) > Decimal(str(high)):
            raise self.refuse(
                _('"between" for "%(fact)s" has its low end %(low)s above its high end %(high)s.')
                % {"fact": self.name, "low": low, "high": high},
            )
        return [low, high]

    def one(self, value: Any, part: str = "value") -> Any:
        checked = _CHECKERS[self.spec.type](value)
        if checked is None:
            raise self.wrong_type(value, part)
        if self.spec.choices and checked not in [choice for choice, _label in self.spec.choices]:
            raise self.refuse(
                _('%(value)s is not one of the values of "%(fact)s".')
                % {"value": value, "fact": self.name},
                part,
            )
        return checked

    def wrong_type(self, value: Any, part: str) -> InvalidInput:
        return self.refuse(
            _('%(value)r is not a valid %(type)s value for "%(fact)s".')
            % {"value": value, "type": self.spec.type, "fact": self.name},
            part,
        )

    def refuse_missing_references(self, items: list[Any]) -> None:
        if self.spec.type != FactType.REFERENCE or not self.spec.model:
            return
        model = apps.get_model(self.spec.model)
        found = set(model.objects.filter(pk__in=items).values_list("pk", flat=True))
        missing = [item for item in items if item not in found]
        if missing:
            raise self.refuse(
                _('no %(model)s with id %(ids)s exists for "%(fact)s".')
                % {
                    "model": model._meta.verbose_name,
                    "ids": ", ".join(map(str, missing)),
                    "fact": self.name,
                },
            )


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int):
        return value if abs(value) <= MAX_WHOLE else None
    return value if math.isfinite(value) else None


def _money(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    return str(amount) if amount.is_finite() else None


def _whole_minutes(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_WHOLE:
        return None
    return value


def _reference(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_WHOLE:
        return None
    return value


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _boolean(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


_CHECKERS = {
    FactType.NUMBER: _number,
    FactType.MONEY: _money,
    FactType.ENUM: _text,
    FactType.STRING: _text,
    FactType.BOOLEAN: _boolean,
    FactType.DURATION: _whole_minutes,
    FactType.REFERENCE: _reference,
}


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key
