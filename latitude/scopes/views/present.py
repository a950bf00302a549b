"""Turning stored decision data into what people read, in a fixed number of queries: fact
values with their labels (referenced rows named once per model) and links to subjects."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext as _

from latitude.scopes import registry
from latitude.scopes.naming import ReferenceNames
from latitude.scopes.registry import FactSpec, FactType

# Pages that show a subject: (URL name, the attribute its URL takes).
SUBJECT_PAGES = {
    "tickets.ticket": ("tickets:detail", "number"),
    "scopes.grant": ("scopes:grant", "pk"),
}


def display_value(spec: FactSpec | None, value: Any, names: ReferenceNames) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(display_value(spec, item, names) for item in value)
    if spec is None:
        return str(value)
    if spec.type == FactType.BOOLEAN:
        return _("yes") if value else _("no")
    if spec.type == FactType.REFERENCE and spec.model:
        return names.name(spec.model, value)
    if spec.type == FactType.DURATION:
        return _("%(minutes)s min") % {"minutes": value}
    return spec.display(value)


def fact_rows(
    decision_name: str, facts: Mapping[str, Any], names: ReferenceNames
) -> list[tuple[str, str]]:
    """(label, value) for each stored fact, in the order the decision declares them."""
    decision = registry.get(decision_name) if registry.is_registered(decision_name) else None
    specs = decision.facts if decision else {}
    ordered = [name for name in specs if name in facts] + [n for n in facts if n not in specs]
    return [
        (
            str(specs[name].label) if name in specs else name,
            display_value(specs.get(name), facts[name], names),
        )
        for name in ordered
    ]


def want_facts(decision_name: str, facts: Mapping[str, Any], names: ReferenceNames) -> None:
    if not registry.is_registered(decision_name):
        return
    specs = registry.get(decision_name).facts
    for name, value in facts.items():
        names.want(specs.get(name), value)


def subject_links(subjects: Iterable[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """URLs of the pages showing these subjects, one query per kind of subject."""
    by_type: dict[str, set[int]] = defaultdict(set)
    for subject_type, subject_id in subjects:
        if subject_type in SUBJECT_PAGES:
            by_type[subject_type].add(subject_id)
    links: dict[tuple[str, int], str] = {}
    for subject_type, ids in by_type.items():
        url_name, attribute = SUBJECT_PAGES[subject_type]
        model = apps.get_model(subject_type)
        rows = model._default_manager.filter(pk__in=ids).values_list("pk", attribute)
        for pk, key in rows:
            links[(subject_type, pk)] = reverse(url_name, args=[key])
    return links
