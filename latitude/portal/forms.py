"""Portal forms: they check the shape of what requesters send; actions decide the rest."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from latitude.catalog.models import Category, Service
from latitude.catalog.selectors import active_services, categories_for, requestable_services
from latitude.core.errors import DomainError
from latitude.tickets.actions.conversation import MAX_COMMENT_CHARS
from latitude.tickets.choices import Impact, Kind, Urgency

IMPACT_CHOICES = [
    (Impact.LOW, _("Just me")),
    (Impact.MEDIUM, _("Several people or my team")),
    (Impact.HIGH, _("Many people, a whole department or everyone")),
]
URGENCY_CHOICES = [
    (Urgency.LOW, _("It can wait a few days")),
    (Urgency.MEDIUM, _("It slows me down; today or tomorrow would help")),
    (Urgency.HIGH, _("I cannot work at all; I need help now")),
]


class DomainErrorForm(forms.Form):
    """A form that can show a refusal from an action next to the field it concerns."""

    # Action field names that differ from the form's own.
    action_fields: dict[str, str] = {"file": "attachment"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def add_domain_error(self, error: DomainError) -> None:
        field = self.action_fields.get(error.field or "", error.field)
        self.add_error(field if field in self.fields else None, error.message)


class NewTicketForm(DomainErrorForm):
    """Report a problem (incident) or ask for something (service request)."""

    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        help_text=_("A short summary, for example: “Printer on floor 2 does not print”."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    service = forms.ModelChoiceField(label=_("Service"), queryset=Service.objects.none())
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=_("I am not sure"),
    )
    impact = forms.TypedChoiceField(
        label=_("How many people are affected?"),
        choices=IMPACT_CHOICES,
        coerce=int,
        initial=Impact.LOW,
        widget=forms.RadioSelect,
    )
    urgency = forms.TypedChoiceField(
        label=_("How urgent is it for you?"),
        choices=URGENCY_CHOICES,
        coerce=int,
        initial=Urgency.LOW,
        widget=forms.RadioSelect,
    )
    attachment = forms.FileField(
        label=_("Attachment (optional)"),
        required=False,
        help_text=_("A screenshot or document that helps us understand."),
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        service = self.fields["service"]
        assert isinstance(service, forms.ModelChoiceField)
        self.fields["category"].queryset = categories_for(kind)  # type: ignore[attr-defined]
        if kind == Kind.REQUEST:
            service.queryset = requestable_services()
            service.label = _("What do you need?")
            self.fields["description"].label = _("Tell us the details")
        else:
            service.queryset = active_services()
            service.required = False
            service.empty_label = _("I am not sure")
            service.label = _("What is affected?")
            self.fields["description"].label = _("What happened?")


class ReplyForm(DomainErrorForm):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachment = forms.FileField(label=_("Attachment (optional)"), required=False)


class ReopenForm(DomainErrorForm):
    reason = forms.CharField(
        label=_("What is still not working?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=lambda: settings.LANGUAGES)
    next = forms.CharField(required=False, max_length=2000)
