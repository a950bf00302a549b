"""Names of rows that facts and limits refer to by id, fetched in one query per model, and
fact specs that carry those names, so that sentences built from them need no query per value."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from django.apps import apps
from django.utils.translation import gettext as _

from latitude.scopes import registry
from latitude.scopes.conditions import Tree, leaves
from latitude.scopes.registry import FactSpec, FactType


class ReferenceNames:
    """Display names of referenced rows, fetched in one query per model."""

    def __init__(self) -> None:
        self._wanted: dict[str, set[int]] = defaultdict(set)
        self._names: dict[str, dict[int, str]] = {}

    def want(self, spec: FactSpec | None, value: Any) -> None:
        if spec is None or spec.type != FactType.REFERENCE or not spec.model:
            return
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, int) and not isinstance(item, bool):
                self._wanted[spec.model].add(item)

    def want_tree(self, tree: Tree, specs: Mapping[str, FactSpec]) -> None:
        for leaf in leaves(tree):
            self.want(specs.get(leaf["fact"]), leaf["value"])

    def load(self) -> "ReferenceNames":
        for model_label, ids in self._wanted.items():
            model = apps.get_model(model_label)
            self._names[model_label] = {
                obj.pk: str(obj) for obj in model.objects.filter(pk__in=ids)
            }
        self._wanted.clear()
        return self

    def name(self, model_label: str, pk: Any) -> str:
        return self._names.get(model_label, {}).get(pk, _("#%(id)s (gone)") % {"id": pk})

    def named_specs(self, specs: Mapping[str, FactSpec]) -> dict[str, FactSpec]:
        """The specs with references as choices, so `display` reads names without a query."""
        named: dict[str, FactSpec] = {}
        for name, spec in specs.items():
            if spec.type == FactType.REFERENCE and spec.model in self._names:
                choices = tuple(self._names[spec.model].items())
                named[name] = replace(spec, choices=choices)
            else:
                named[name] = spec
        return named

    def named_decision(self, decision: registry.Decision) -> registry.Decision:
        return replace(decision, facts=self.named_specs(decision.facts))
