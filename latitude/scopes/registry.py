"""The guarded decisions, declared in code by each app in its `decisions` module.

A decision names the model it is taken on and the facts a grant's conditions may use. Every fact
says how it is read from a subject twice: a Python getter (for `evaluate`) and an ORM path or
expression (for compiling the same condition tree into a database filter). Facts that belong to
the attempted change rather than to the stored row (the target priority, an amount) have neither;
the action supplies them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Expression
from django.utils.functional import Promise
from django.utils.translation import gettext


class FactType(StrEnum):
    NUMBER = "number"
    MONEY = "money"
    ENUM = "enum"
    BOOLEAN = "boolean"
    STRING = "string"
    DURATION = "duration"  # whole minutes
    REFERENCE = "reference"  # primary key of `FactSpec.model`


ORDERED_TYPES = frozenset({FactType.NUMBER, FactType.MONEY, FactType.DURATION})

Getter = Callable[[Any], Any]


@dataclass(frozen=True)
class FactSpec:
    """One fact a condition may test.

    `path` is an ORM lookup path on the subject model ("priority", "service__criticality");
    `expression` builds a query expression instead (for computed facts such as a count).
    `getter` reads the value from an instance; by default it follows `path`.
    """

    type: FactType
    label: str | Promise
    choices: tuple[tuple[Any, str | Promise], ...] = ()
    path: str | None = None
    expression: Callable[[], Expression] | None = None
    getter: Getter | None = None
    model: str | None = None

    def __post_init__(self) -> None:
        if self.type == FactType.ENUM and not self.choices:
            raise ValueError("an enum fact needs choices")
        if self.type == FactType.REFERENCE and not self.model:
            raise ValueError("a reference fact needs a model label")
        if self.expression is not None and self.getter is None:
            raise ValueError("a fact built from an expression needs a getter")

    @property
    def from_subject(self) -> bool:
        """Whether the fact is stored on the subject (and so can be compiled to a filter)."""
        return self.path is not None or self.expression is not None

    def read(self, subject: Any) -> Any:
        if self.getter is not None:
            return self.getter(subject)
        if self.path is not None:
            return follow_path(subject, self.path)
        return None

    def display(self, value: Any) -> str:
        """A value as people read it: the choice label where there is one."""
        for choice, label in self.choices:
            if choice == value:
                return str(label)
        if self.type == FactType.BOOLEAN and isinstance(value, bool):
            return str(gettext("yes") if value else gettext("no"))
        if self.type == FactType.REFERENCE and self.model:
            return _reference_repr(self.model, value)
        return str(value)


@dataclass(frozen=True)
class Decision:
    """A guarded decision: `name` is stable; `verb` completes "You may ... this", `general`
    completes "agents may ..." ("resolve tickets"; the verb when not given)."""

    name: str
    subject: str
    label: str | Promise
    verb: str | Promise
    facts: dict[str, FactSpec] = field(default_factory=dict)
    teams_of: Callable[[Any], Iterable[Any]] | None = None
    general: str | Promise = ""

    @property
    def general_phrase(self) -> str | Promise:
        return self.general or self.verb

    def subject_model(self) -> type[models.Model]:
        return apps.get_model(self.subject)

    def fact(self, name: str) -> FactSpec | None:
        return self.facts.get(name)

    def read_facts(self, subject: Any, given: dict[str, Any] | None = None) -> dict[str, Any]:
        """Facts read from the subject, overlaid by those the action supplies."""
        facts = {name: spec.read(subject) for name, spec in self.facts.items() if spec.from_subject}
        facts.update(given or {})
        return facts

    def nearest_teams(self, subject: Any) -> list[Any]:
        """Teams closest to the subject, nearest first (for routing to who could decide)."""
        return [team for team in (self.teams_of(subject) if self.teams_of else []) if team]


class UnknownDecisionError(LookupError):
    pass


def _always(new: dict[str, Any], old: dict[str, Any]) -> bool:
    return True


@dataclass(frozen=True)
class ReversalRule:
    """Taking `undoing` undoes the latest carried-out decision of the first kind in `undoes`
    on the same subject within the reversal window, when `applies(new_facts, old_facts)`."""

    undoing: str
    undoes: tuple[str, ...]
    applies: Callable[[dict[str, Any], dict[str, Any]], bool] = _always


_registry: dict[str, Decision] = {}
_reversal_rules: dict[str, list[ReversalRule]] = {}


def register_reversal(rule: ReversalRule) -> ReversalRule:
    rules = _reversal_rules.setdefault(rule.undoing, [])
    if rule not in rules:
        rules.append(rule)
    return rule


def reversal_rules_for(decision: str) -> list[ReversalRule]:
    return _reversal_rules.get(decision, [])


def register(decision: Decision) -> Decision:
    existing = _registry.get(decision.name)
    if existing is not None and existing != decision:
        raise ValueError(f"decision {decision.name!r} is already registered differently")
    _registry[decision.name] = decision
    return decision


def get(name: str) -> Decision:
    try:
        return _registry[name]
    except KeyError:
        raise UnknownDecisionError(name) from None


def all_decisions() -> list[Decision]:
    return sorted(_registry.values(), key=lambda decision: decision.name)


def is_registered(name: str) -> bool:
    return name in _registry


def follow_path(instance: Any, path: str) -> Any:
    """Walk "service__criticality" over forward relations; a missing link yields None."""
    value = instance
    for part in path.split("__"):
        if value is None:
            return None
        value = getattr(value, part)
    if isinstance(value, models.Model):
        return value.pk
    return value


def _reference_repr(model_label: str, value: Any) -> str:
    instance = apps.get_model(model_label).objects.filter(pk=value).first()
    return str(instance) if instance is not None else str(value)
