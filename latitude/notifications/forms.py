"""The notification preferences form: one row per event type the person may receive."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from latitude.notifications.choices import EmailMode
from latitude.notifications.recipients import Choice
from latitude.notifications.registry import EventType


class PreferencesForm(forms.Form):
    def __init__(self, *args: Any, rows: list[tuple[EventType, Choice]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.events = [event for event, _choice in rows]
        for event, choice in rows:
            self.fields[f"in_app:{event.name}"] = forms.BooleanField(
                label=_("In the desk"), required=False, initial=choice.in_app
            )
            self.fields[f"email:{event.name}"] = forms.ChoiceField(
                label=_("By e-mail"), choices=EmailMode.choices, initial=choice.email
            )

    def rows(self) -> list[tuple[EventType, forms.BoundField, forms.BoundField]]:
        return [(e, self[f"in_app:{e.name}"], self[f"email:{e.name}"]) for e in self.events]

    def choices(self) -> dict[str, Choice]:
        data = self.cleaned_data
        return {
            e.name: Choice(in_app=data[f"in_app:{e.name}"], email=data[f"email:{e.name}"])
            for e in self.events
        }
