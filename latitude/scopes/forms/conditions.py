"""The condition-tree builder of the grant form: rows of fact, operator and value, combined
with all or any and optionally negated; nested trees are edited as JSON instead.

Everything arrives as form data (prefix `cond-`), so the builder works as a plain form and,
with htmx, refreshes itself when the decisions or a row's fact change. Each row is checked
with `validation.validate_tree` on its own, so its error stands next to it; the whole tree is
checked again for contradictions between rows, and once more by the action when saved.
"""

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from latitude.core.errors import InvalidInput
from latitude.scopes.conditions import LIST_OPS, NO_LIMITS, Op, Tree, children_of, is_leaf
from latitude.scopes.registry import ORDERED_TYPES, Decision, FactSpec, FactType
from latitude.scopes.validation import shared_specs, validate_tree

PREFIX = "cond"
ROWS, JSON = "rows", "json"
MAX_ROWS = 50
REFERENCE_OPTIONS = 500

OP_LABELS = {
    Op.EQ: gettext_lazy("is"),
    Op.NE: gettext_lazy("is not"),
    Op.IN: gettext_lazy("is one of"),
    Op.NOT_IN: gettext_lazy("is none of"),
    Op.LT: gettext_lazy("is below"),
    Op.LTE: gettext_lazy("is at most"),
    Op.GT: gettext_lazy("is above"),
    Op.GTE: gettext_lazy("is at least"),
    Op.BETWEEN: gettext_lazy("is between"),
}
EQUALITY_OPS = [Op.EQ, Op.NE, Op.IN, Op.NOT_IN]
INTEGER = re.compile(r"-?\d+")


def ops_for(spec: FactSpec) -> list[Op]:
    if spec.type in ORDERED_TYPES:
        return list(Op)
    if spec.type == FactType.BOOLEAN:
        return [Op.EQ, Op.NE]
    return EQUALITY_OPS


def options_for(spec: FactSpec) -> list[tuple[str, str]]:
    """The values a select offers for the fact (empty: the fact takes typed input)."""
    if spec.type == FactType.BOOLEAN:
        return [("true", str(_("yes"))), ("false", str(_("no")))]
    if spec.choices:
        return [(str(value), str(label)) for value, label in spec.choices]
    if spec.type == FactType.REFERENCE and spec.model:
        model = apps.get_model(spec.model)
        rows = model._default_manager.all()
        if any(f.name == "is_active" for f in model._meta.get_fields()):
            rows = rows.filter(is_active=True)
        return [(str(obj.pk), str(obj)) for obj in rows[:REFERENCE_OPTIONS]]
    return []


def parse_value(spec: FactSpec, raw: str) -> Any:
    """A typed value from what was entered; ValueError with a sentence for people."""
    raw = raw.strip()
    if not raw:
        raise ValueError(_("Enter a value."))
    if spec.type == FactType.BOOLEAN:
        if raw not in ("true", "false"):
            raise ValueError(_("Choose yes or no."))
        return raw == "true"
    if spec.type in (FactType.REFERENCE, FactType.DURATION) or (
        spec.type == FactType.NUMBER and spec.choices
    ):
        if not INTEGER.fullmatch(raw):
            raise ValueError(_("%(value)s is not a whole number.") % {"value": raw})
        return int(raw)
    if spec.type == FactType.NUMBER:
        return _number(raw)
    if spec.type == FactType.MONEY:
        return _money(raw)
    return raw


def _number(raw: str) -> int | float:
    if INTEGER.fullmatch(raw):
        return int(raw)
    try:
        return float(raw.replace(",", "."))
    except ValueError:
        raise ValueError(_("%(value)s is not a number.") % {"value": raw}) from None


def _money(raw: str) -> str:
    try:
        return str(Decimal(raw.replace(",", ".")))
    except InvalidOperation:
        raise ValueError(_("%(value)s is not an amount.") % {"value": raw}) from None


@dataclass
class Row:
    """One limit as entered: a fact, an operator and its value(s), in text."""

    fact: str = ""
    op: str = Op.EQ
    values: list[str] = field(default_factory=list)
    low: str = ""
    high: str = ""
    error: str = ""

    @property
    def value(self) -> str:
        return self.values[0] if self.values else ""

    def is_blank(self) -> bool:
        return not self.fact

    @classmethod
    def of_leaf(cls, leaf: Tree) -> "Row":
        value = leaf["value"]
        if leaf["op"] == Op.BETWEEN:
            return cls(leaf["fact"], leaf["op"], [], _text(value[0]), _text(value[1]))
        items = value if isinstance(value, list) else [value]
        return cls(leaf["fact"], leaf["op"], [_text(item) for item in items])

    def leaf(self, spec: FactSpec) -> Tree:
        op = Op(self.op)
        if op == Op.BETWEEN:
            return {
                "fact": self.fact,
                "op": op.value,
                "value": [parse_value(spec, self.low), parse_value(spec, self.high)],
            }
        if op in LIST_OPS:
            items = [part for raw in self.values for part in _split(spec, raw)]
            return {
                "fact": self.fact,
                "op": op.value,
                "value": [parse_value(spec, i) for i in items],
            }
        return {"fact": self.fact, "op": op.value, "value": parse_value(spec, self.value)}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _split(spec: FactSpec, raw: str) -> list[str]:
    """Typed lists are entered comma-separated; selects send one value each."""
    if options_for_is_select(spec):
        return [raw] if raw.strip() else []
    return [part for part in raw.split(",") if part.strip()]


def options_for_is_select(spec: FactSpec) -> bool:
    return spec.type in (FactType.BOOLEAN, FactType.REFERENCE) or bool(spec.choices)


def flat_rows(tree: Tree) -> tuple[str, bool, list[Row]] | None:
    """(join, negated, rows) if the tree is a flat list of limits; None when nested."""
    negate = "not" in tree
    inner = tree["not"] if negate else tree
    if is_leaf(inner):
        return "all", negate, [Row.of_leaf(inner)]
    if "all" not in inner and "any" not in inner:
        return None
    children = children_of(inner)
    if not all(is_leaf(child) for child in children):
        return None
    return ("all" if "all" in inner else "any"), negate, [Row.of_leaf(c) for c in children]


@dataclass
class ConditionBuilder:
    decisions: list[Decision]
    mode: str = ROWS
    join: str = "all"
    negate: bool = False
    rows: list[Row] = field(default_factory=list)
    json_text: str = ""
    error: str = ""
    nested: bool = False
    commanded: bool = False  # a row was added or removed, or the mode switched: do not save

    @property
    def specs(self) -> dict[str, FactSpec]:
        return shared_specs(self.decisions)

    @classmethod
    def of_tree(cls, tree: Tree, decisions: list[Decision]) -> "ConditionBuilder":
        flat = flat_rows(tree)
        text = json.dumps(tree, indent=2, ensure_ascii=False)
        if flat is None:
            return cls(decisions, JSON, json_text=text, nested=True)
        join, negate, rows = flat
        return cls(decisions, ROWS, join, negate, rows, text)

    @classmethod
    def of_data(cls, data: Mapping[str, Any], decisions: list[Decision]) -> "ConditionBuilder":
        getlist = getattr(data, "getlist", lambda key: [data[key]] if key in data else [])
        count = _count(data.get(f"{PREFIX}-rows", "0"))
        rows = [
            Row(
                fact=str(data.get(f"{PREFIX}-{i}-fact", "")),
                op=str(data.get(f"{PREFIX}-{i}-op", Op.EQ)),
                values=[str(v) for v in getlist(f"{PREFIX}-{i}-value")],
                low=str(data.get(f"{PREFIX}-{i}-low", "")),
                high=str(data.get(f"{PREFIX}-{i}-high", "")),
            )
            for i in range(count)
        ]
        builder = cls(
            decisions,
            JSON if data.get(f"{PREFIX}-mode") == JSON else ROWS,
            "any" if data.get(f"{PREFIX}-join") == "any" else "all",
            data.get(f"{PREFIX}-negate") in ("1", "on", "true"),
            rows,
            str(data.get(f"{PREFIX}-json", "")),
        )
        builder.commanded = builder.apply_command(data)
        return builder

    def apply_command(self, data: Mapping[str, Any]) -> bool:
        """Add or remove a row, or switch between rows and JSON; True when one was given."""
        if f"{PREFIX}-add" in data and len(self.rows) < MAX_ROWS:
            self.rows.append(Row(fact=next(iter(self.specs), "")))
            return True
        remove = data.get(f"{PREFIX}-remove")
        if remove is not None:
            index = _count(remove)
            self.rows = [row for i, row in enumerate(self.rows) if i != index]
            return True
        if f"{PREFIX}-to-json" in data:
            self.switch_to_json()
            return True
        if f"{PREFIX}-to-rows" in data:
            self.switch_to_rows()
            return True
        return f"{PREFIX}-refresh" in data

    def switch_to_json(self) -> None:
        try:
            self.json_text = json.dumps(self.tree(), indent=2, ensure_ascii=False)
        except InvalidInput:
            return
        self.mode = JSON

    def switch_to_rows(self) -> None:
        try:
            tree = self._parsed_json()
        except InvalidInput as exc:
            self.error = exc.message
            return
        flat = flat_rows(tree) if isinstance(tree, dict) else None
        if flat is None:
            self.error = _("These limits are nested; they can only be edited as JSON.")
            return
        self.join, self.negate, self.rows = flat
        self.mode, self.nested = ROWS, False

    def tree(self) -> Tree:
        """The condition tree entered, checked; InvalidInput (field "condition") when not."""
        tree = self._parsed_json() if self.mode == JSON else self._rows_tree()
        try:
            return validate_tree(tree, self.decisions)
        except InvalidInput as exc:
            self.error = exc.message
            raise

    def _parsed_json(self) -> Any:
        try:
            return json.loads(self.json_text or "{}")
        except ValueError as exc:
            self.error = _("The limits are not valid JSON: %(problem)s") % {"problem": exc}
            raise InvalidInput(self.error, field="condition") from None

    def _rows_tree(self) -> Tree:
        leaves = [leaf for row in self.rows if (leaf := self._row_leaf(row)) is not None]
        if any(row.error for row in self.rows):
            self.error = _("Correct the limits marked below.")
            raise InvalidInput(self.error, field="condition")
        if not leaves:
            if self.negate:
                self.error = _("There is no limit to negate.")
                raise InvalidInput(self.error, field="condition")
            return dict(NO_LIMITS)
        combined: Tree = {self.join: leaves}
        return {"not": combined} if self.negate else combined

    def _row_leaf(self, row: Row) -> Tree | None:
        if row.is_blank():
            return None
        spec = self.specs.get(row.fact)
        if spec is None:
            row.error = _("This fact is not shared by every chosen decision.")
            return None
        try:
            return validate_tree(row.leaf(spec), self.decisions)
        except (ValueError, InvalidInput) as exc:
            row.error = exc.message if isinstance(exc, InvalidInput) else str(exc)
            return None

    def row_views(self) -> list["RowView"]:
        specs = self.specs
        return [RowView.of(index, row, specs) for index, row in enumerate(self.rows)]


@dataclass(frozen=True)
class RowView:
    """What the template needs to draw one row: options with their selection marked."""

    index: int
    row: Row
    facts: list[tuple[str, str, bool]]
    ops: list[tuple[str, str, bool]]
    options: list[tuple[str, str, bool]]
    kind: str  # select, number, money, minutes, text
    many: bool
    between: bool

    def _name(self, part: str) -> str:
        return f"{PREFIX}-{self.index}-{part}"

    @property
    def value_name(self) -> str:
        return self._name("value")

    @property
    def low_name(self) -> str:
        return self._name("low")

    @property
    def high_name(self) -> str:
        return self._name("high")

    @classmethod
    def of(cls, index: int, row: Row, specs: Mapping[str, FactSpec]) -> "RowView":
        spec = specs.get(row.fact)
        facts = [(name, str(s.label), name == row.fact) for name, s in specs.items()]
        ops = ops_for(spec) if spec else list(Op)
        op = row.op if row.op in ops else ops[0]
        chosen = set(row.values)
        options = [(v, label, v in chosen) for v, label in options_for(spec)] if spec else []
        return cls(
            index,
            row,
            facts,
            [(o.value, str(OP_LABELS[o]), o.value == op) for o in ops],
            options,
            _kind(spec) if spec else "text",
            op in LIST_OPS,
            op == Op.BETWEEN,
        )


def _kind(spec: FactSpec) -> str:
    if options_for_is_select(spec):
        return "select"
    return {FactType.NUMBER: "number", FactType.MONEY: "money", FactType.DURATION: "minutes"}.get(
        spec.type, "text"
    )


def _count(raw: Any) -> int:
    try:
        return max(0, min(int(raw), MAX_ROWS))
    except (TypeError, ValueError):
        return 0


def decisions_named(names: Sequence[str]) -> list[Decision]:
    from latitude.scopes import registry

    return [registry.get(name) for name in dict.fromkeys(names) if registry.is_registered(name)]
