"""Inputs of the preview: a decision, example facts typed as the registry declares them, or a
real subject to read the facts from, and optionally the person who would ask."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from latitude.people.models import User
from latitude.scopes.forms.conditions import options_for, options_for_is_select, parse_value
from latitude.scopes.forms.grants import decision_choices, desk_people
from latitude.scopes.registry import Decision, FactSpec, FactType


class PreviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"))
    ticket = forms.CharField(
        label=_("Read the facts from a ticket (optional)"), max_length=40, required=False
    )
    asked_by = forms.ModelChoiceField(
        label=_("Asked by (optional)"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = decision_choices()  # type: ignore[attr-defined]
        self.fields["asked_by"].queryset = desk_people()  # type: ignore[attr-defined]


@dataclass
class FactInput:
    name: str
    label: str
    kind: str
    value: str
    options: list[tuple[str, str, bool]]
    error: str = ""

    @property
    def field_name(self) -> str:
        return f"fact-{self.name}"


def _kind(spec: FactSpec) -> str:
    if options_for_is_select(spec):
        return "select"
    return {FactType.NUMBER: "number", FactType.MONEY: "money", FactType.DURATION: "minutes"}.get(
        spec.type, "text"
    )


def fact_inputs(decision: Decision, data: Any) -> tuple[list[FactInput], dict[str, Any]]:
    """One input per fact of the decision, and the facts entered (empty inputs are not facts)."""
    inputs, given = [], {}
    for name, spec in decision.facts.items():
        raw = str(data.get(f"fact-{name}", "")).strip()
        options = [(value, label, value == raw) for value, label in options_for(spec)]
        entry = FactInput(name, str(spec.label), _kind(spec), raw, options)
        if raw:
            try:
                given[name] = parse_value(spec, raw)
            except ValueError as exc:
                entry.error = str(exc)
        inputs.append(entry)
    return inputs, given
