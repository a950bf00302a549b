"""Scope review: a suggestion to widen or narrow what a holder may decide, with the figures
that led to it. A manager accepts it (and then edits the grant by hand) or dismisses it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from latitude.scopes.models.grants import Grant


class SuggestionKind(models.TextChoices):
    WIDEN = "widen", _("widen the scope")
    NARROW = "narrow", _("narrow the scope")


class SuggestionStatus(models.TextChoices):
    OPEN = "open", _("open")
    ACCEPTED = "accepted", _("accepted")
    DISMISSED = "dismissed", _("dismissed")


class SuggestionHolder(models.TextChoices):
    PERSON = "person", _("person")
    TEAM = "team", _("team")


class ScopeSuggestion(models.Model):
    kind = models.CharField(_("kind"), max_length=8, choices=SuggestionKind.choices)
    decision = models.CharField(_("decision"), max_length=64)
    holder_kind = models.CharField(max_length=8, choices=SuggestionHolder.choices)
    holder_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    holder_team = models.ForeignKey(
        "people.Team", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # "person:12" or "team:3": one open suggestion per kind, decision and holder.
    holder_key = models.CharField(max_length=32)
    grant = models.ForeignKey(
        Grant, null=True, blank=True, on_delete=models.SET_NULL, related_name="suggestions"
    )
    grant_version = models.PositiveIntegerField(null=True, blank=True)
    evidence = models.JSONField(default=dict)
    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.OPEN,
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("scope suggestion")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "decision", "holder_key"],
                condition=Q(status="open"),
                name="one_open_suggestion_per_holder",
            ),
            models.CheckConstraint(
                condition=Q(holder_person__isnull=False) | Q(holder_team__isnull=False),
                name="suggestion_has_holder",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="scope_suggestion_open")]

    def __str__(self) -> str:
        return f"{self.kind} {self.decision} for {self.holder_key}"

    @property
    def holder(self) -> object:
        person = self.holder_kind == SuggestionHolder.PERSON
        return self.holder_person if person else self.holder_team

    @property
    def is_open(self) -> bool:
        return self.status == SuggestionStatus.OPEN
