"""The grant form (holder, decisions, effect, period, rationale) and the filters of the list.
The limits come from `conditions.ConditionBuilder`; `checked()` in the action has the last word."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from latitude.people.models import Team, User
from latitude.scopes import registry
from latitude.scopes.choices import Effect, HolderKind, Role, TeamScope
from latitude.scopes.conditions import Tree
from latitude.scopes.forms.fields import LocalDateTimeField
from latitude.scopes.models import GrantVersion
from latitude.scopes.terms import GrantTerms

SUPPORTED_HOLDERS = [
    (k.value, k.label) for k in (HolderKind.PERSON, HolderKind.TEAM, HolderKind.ROLE)
]


def desk_people() -> Any:
    return User.objects.filter(Q(is_agent=True) | Q(is_admin=True), is_active=True).only(
        "id", "full_name", "email"
    )


def active_teams() -> Any:
    return Team.objects.filter(is_active=True).only("id", "name")


def decision_choices() -> list[tuple[str, str]]:
    return [(d.name, f"{d.label} ({d.name})") for d in registry.all_decisions()]


class GrantForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    holder_kind = forms.ChoiceField(label=_("Holder"), choices=SUPPORTED_HOLDERS)
    holder_person = forms.ModelChoiceField(
        label=_("Person"), queryset=User.objects.none(), required=False
    )
    holder_team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False
    )
    team_scope = forms.ChoiceField(
        label=_("Who in the team"),
        choices=TeamScope.choices,
        initial=TeamScope.MEMBERS,
        required=False,
    )
    holder_role = forms.ChoiceField(label=_("Role"), choices=Role.choices, required=False)
    decisions = forms.MultipleChoiceField(
        label=_("Decisions"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One grant covers decisions on the same kind of subject."),
    )
    effect = forms.ChoiceField(
        label=_("Effect"), choices=Effect.choices, initial=Effect.DECIDE, widget=forms.RadioSelect
    )
    inform_person = forms.ModelChoiceField(
        label=_("Inform this person"), queryset=User.objects.none(), required=False
    )
    inform_team = forms.ModelChoiceField(
        label=_("or this team"), queryset=Team.objects.none(), required=False
    )
    valid_from = LocalDateTimeField(label=_("Valid from"), required=False)
    valid_until = LocalDateTimeField(label=_("Valid until"), required=False)
    rationale = forms.CharField(
        label=_("Rationale"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.creating = creating
        if not creating:
            del self.fields["name"]
        for name in ("holder_person", "inform_person"):
            self.fields[name].queryset = desk_people()  # type: ignore[attr-defined]
        for name in ("holder_team", "inform_team"):
            self.fields[name].queryset = active_teams()  # type: ignore[attr-defined]
        self.fields["decisions"].choices = decision_choices()  # type: ignore[attr-defined]

    def chosen_decisions(self) -> list[str]:
        """The decisions ticked, valid or not (the builder offers their shared facts)."""
        if self.is_bound:
            names = self.data.getlist("decisions") if hasattr(self.data, "getlist") else []
            return [n for n in names if registry.is_registered(n)]
        return [n for n in self.initial.get("decisions", []) if registry.is_registered(n)]

    def terms(self, condition: Tree) -> GrantTerms:
        data = self.cleaned_data
        kind, effect = data["holder_kind"], data["effect"]
        informs = effect == Effect.DECIDE_AND_INFORM
        return GrantTerms(
            holder_kind=kind,
            decisions=list(data["decisions"]),
            effect=effect,
            condition=condition,
            holder_person_id=_pk(data["holder_person"]) if kind == HolderKind.PERSON else None,
            holder_team_id=_pk(data["holder_team"]) if kind == HolderKind.TEAM else None,
            team_scope=(data["team_scope"] or TeamScope.MEMBERS) if kind == HolderKind.TEAM else "",
            holder_role=data["holder_role"] if kind == HolderKind.ROLE else "",
            inform_person_id=_pk(data["inform_person"]) if informs else None,
            inform_team_id=_pk(data["inform_team"]) if informs else None,
            valid_from=data["valid_from"],
            valid_until=data["valid_until"],
            rationale=data["rationale"],
        )


def initial_of(version: GrantVersion) -> dict[str, Any]:
    return {
        "holder_kind": version.holder_kind,
        "holder_person": version.holder_person_id,
        "holder_team": version.holder_team_id,
        "team_scope": version.team_scope or TeamScope.MEMBERS,
        "holder_role": version.holder_role,
        "decisions": list(version.decisions),
        "effect": version.effect,
        "inform_person": version.inform_person_id,
        "inform_team": version.inform_team_id,
        "valid_from": version.valid_from,
        "valid_until": version.valid_until,
        "rationale": version.rationale,
        "expected_version": version.version,
    }


def _pk(instance: Any) -> int | None:
    return instance.pk if instance is not None else None


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why revoke it"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class GrantFilterForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), required=False)
    person = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none(), required=False)
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)
    mine = forms.ChoiceField(
        label=_("Show"),
        choices=[("1", _("grants I may edit")), ("0", _("all grants"))],
        required=False,
    )
    revoked = forms.BooleanField(label=_("include revoked"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [("", _("any")), *decision_choices()]  # type: ignore[attr-defined]
        self.fields["person"].queryset = desk_people()  # type: ignore[attr-defined]
        self.fields["team"].queryset = active_teams()  # type: ignore[attr-defined]
