"""Inputs of the "my latitude" page: lending a grant, and being away."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from latitude.people.models import User
from latitude.scopes import registry
from latitude.scopes.forms.fields import LocalDateTimeField
from latitude.scopes.models import GrantVersion


class DelegationForm(forms.Form):
    grant = forms.TypedChoiceField(label=_("Grant to lend"), coerce=int)
    to_person = forms.ModelChoiceField(label=_("To"), queryset=User.objects.none())
    decisions = forms.MultipleChoiceField(
        label=_("Only these decisions (none ticked: all the grant covers)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    valid_from = LocalDateTimeField(label=_("From (empty: now)"), required=False)
    valid_until = LocalDateTimeField(label=_("Until"))
    rationale = forms.CharField(
        label=_("Why"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, actor: User, grants: list[GrantVersion], **kwargs: Any):
        kwargs.setdefault("prefix", "delegate")
        super().__init__(*args, **kwargs)
        self.fields["grant"].choices = [(v.grant_id, v.grant.name) for v in grants]  # type: ignore[attr-defined]
        self.fields["to_person"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(is_active=True, is_agent=True)
            .exclude(pk=actor.pk)
            .only("id", "full_name", "email")
        )
        covered = {name for version in grants for name in version.decisions}
        self.fields["decisions"].choices = [  # type: ignore[attr-defined]
            (d.name, d.label) for d in registry.all_decisions() if d.name in covered
        ]


class AbsenceForm(forms.Form):
    starts_at = LocalDateTimeField(label=_("Away from (empty: now)"), required=False)
    ends_at = LocalDateTimeField(label=_("Back on"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "absence")
        super().__init__(*args, **kwargs)
