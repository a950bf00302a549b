"""Shapes of the workspace's inputs. Forms validate shape only; rules live in the actions."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from latitude.tickets.actions.conversation import MAX_COMMENT_CHARS
from latitude.tickets.choices import Impact, Kind, Priority, Status, Urgency
from latitude.tickets.selectors import SORTS

QUEUE_CHOICES = [
    ("mine", _("Mine")),
    ("team", _("My teams")),
    ("unassigned", _("Unassigned")),
    ("all", _("All I can see")),
]
SORT_CHOICES = [
    ("updated", _("Recently updated")),
    ("-updated", _("Least recently updated")),
    ("created", _("Newest")),
    ("-created", _("Oldest")),
    ("priority", _("Highest priority")),
    ("-priority", _("Lowest priority")),
    ("number", _("Number, descending")),
    ("-number", _("Number, ascending")),
]
assert {key for key, _label in SORT_CHOICES} == set(SORTS)

ANY = [("", _("any"))]


class QueueFilterForm(forms.Form):
    queue = forms.ChoiceField(choices=QUEUE_CHOICES, required=False)
    q = forms.CharField(max_length=200, required=False, strip=True)
    status = forms.ChoiceField(choices=ANY + Status.choices, required=False)
    kind = forms.ChoiceField(choices=ANY + Kind.choices, required=False)
    priority = forms.TypedChoiceField(
        choices=[("", _("any")), *Priority.choices], coerce=int, empty_value=None, required=False
    )
    team = forms.IntegerField(min_value=1, required=False)
    service = forms.IntegerField(min_value=1, required=False)
    open = forms.ChoiceField(
        choices=[("1", _("Open only")), ("0", _("Open and closed"))], required=False
    )
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False)
    cursor = forms.CharField(max_length=500, required=False)

    def filter_values(self) -> dict[str, Any]:
        """Arguments for selectors.TicketFilters, with defaults for absent parameters."""
        data = self.cleaned_data
        return {
            "queue": data["queue"] or "mine",
            "text": data["q"],
            "status": data["status"],
            "kind": data["kind"],
            "priority": data["priority"],
            "team_id": data["team"],
            "service_id": data["service"],
            "open_only": data["open"] != "0",
            "sort": data["sort"] or "updated",
        }


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=MAX_COMMENT_CHARS,
        strip=False,
    )
    file = forms.FileField(label=_("Attach a file"), required=False)


class PanelForm(forms.Form):
    """A form of one panel on the ticket page; its element ids are unique on that page."""

    panel = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{self.panel}_%s")
        super().__init__(*args, **kwargs)


class VersionedForm(PanelForm):
    """Carries the version the person saw, so simultaneous edits are noticed, not overwritten."""

    version = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)


class StatusForm(VersionedForm):
    panel = "status"

    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    resolution = forms.CharField(
        label=_("Resolution"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_COMMENT_CHARS,
    )
    confirm_open_children = forms.BooleanField(
        label=_("Resolve even though child tickets are still open"), required=False
    )


class PriorityForm(VersionedForm):
    panel = "priority"

    impact = forms.TypedChoiceField(label=_("Impact"), choices=Impact.choices, coerce=int)
    urgency = forms.TypedChoiceField(label=_("Urgency"), choices=Urgency.choices, coerce=int)
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        choices=[("", _("from impact and urgency")), *Priority.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )


class OwnerForm(VersionedForm):
    panel = "owner"

    owner = forms.IntegerField(label=_("Owner"), min_value=1, required=False)


class TransferForm(VersionedForm):
    panel = "team"

    team = forms.IntegerField(label=_("Team"), min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)
    keep_owner = forms.BooleanField(
        label=_("Keep the owner if they are in the new team"), required=False
    )


class ParentForm(PanelForm):
    panel = "parent"

    number = forms.CharField(label=_("Parent ticket"), max_length=40, required=False)


class RelatedForm(PanelForm):
    panel = "related"

    number = forms.CharField(label=_("Related ticket"), max_length=40)


class MergeForm(PanelForm):
    panel = "merge"

    number = forms.CharField(label=_("Duplicate of"), max_length=40)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class WatcherForm(PanelForm):
    panel = "watcher"

    email = forms.EmailField(label=_("E-mail address"))


class ApprovalForm(VersionedForm):
    """Approve, reject or revoke (the button pressed); a reason is needed to reject or revoke."""

    panel = "approval"

    answer = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject")), ("revoke", _("Revoke"))]
    )
    note = forms.CharField(
        label=_("Note or reason"), max_length=2000, required=False, widget=forms.Textarea
    )


class CostForm(VersionedForm):
    panel = "cost"

    cost_amount = forms.CharField(label=_("Cost"), max_length=20)
    cost_currency = forms.CharField(label=_("Currency"), max_length=3, min_length=3)


class GoodwillForm(PanelForm):
    panel = "goodwill"

    amount = forms.CharField(label=_("Amount"), max_length=20)
    currency = forms.CharField(label=_("Currency"), max_length=3, min_length=3, initial="EUR")
    reason = forms.CharField(label=_("Reason"), max_length=2000)


class RevokeGoodwillForm(PanelForm):
    panel = "goodwill_revoke"

    goodwill = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for revoking"), max_length=2000)


class UnmergeForm(PanelForm):
    panel = "unmerge"

    reason = forms.CharField(label=_("Why is it not a duplicate?"), max_length=2000)
