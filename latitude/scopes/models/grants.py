"""Scope grants as versioned data: a grant is an identity, each edit appends a version."""

import uuid
from datetime import datetime
from typing import Any, ClassVar

from django.conf import settings
from django.db import connection, models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from latitude.scopes.choices import Effect, HolderKind, Role, TeamScope


class ImmutableError(Exception):
    """Raised when code tries to change or delete a stored grant version."""


_CURRENT_TOKEN_SQL = "SELECT token FROM {table} WHERE id = 1"


class GrantsRevision(models.Model):
    """One row whose token changes with every change to any grant; caches compare it.

    A fresh random token rather than a counter: a counter bumped in a transaction that then
    rolls back would be reused by the next change, and a cache filled inside the rolled-back
    transaction would pass for current.
    """

    token = models.CharField(max_length=32, default="")

    def __str__(self) -> str:
        return f"grants revision {self.token}"

    @classmethod
    def current(cls) -> str:
        # Read on every evaluation, so plain SQL instead of building a queryset each time.
        with connection.cursor() as cursor:
            cursor.execute(
                _CURRENT_TOKEN_SQL.format(table=connection.ops.quote_name(cls._meta.db_table))
            )
            row = cursor.fetchone()
        return row[0] if row else ""

    @classmethod
    def bump(cls) -> None:
        """Inside the grant action's transaction, so the new token is seen with the change."""
        token = uuid.uuid4().hex
        if not cls.objects.filter(pk=1).update(token=token):
            cls.objects.create(pk=1, token=token)


class Grant(models.Model):
    """The stable identity of a grant; what it says lives in its versions."""

    name = models.CharField(_("name"), max_length=200)
    current_version = models.PositiveIntegerField(default=0)
    delegated_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegations",
        verbose_name=_("delegated from"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("scope grant")

    def __str__(self) -> str:
        return self.name

    @property
    def is_delegation(self) -> bool:
        return self.delegated_from_id is not None


class GrantVersionQuerySet(models.QuerySet["GrantVersion"]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableError("grant versions are immutable")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableError("grant versions are immutable")

    def current(self) -> "GrantVersionQuerySet":
        return self.filter(version=F("grant__current_version"))


class GrantVersion(models.Model):
    """What a grant says from one edit to the next: holder, decisions, limits, effect, period."""

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField()
    holder_kind = models.CharField(_("holder"), max_length=16, choices=HolderKind.choices)
    holder_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    holder_team = models.ForeignKey(
        "people.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team_scope = models.CharField(max_length=16, choices=TeamScope.choices, blank=True)
    holder_role = models.CharField(max_length=16, choices=Role.choices, blank=True)
    holder_key = models.CharField(
        max_length=100, blank=True, help_text=_("Skill or licence key (not yet evaluated).")
    )
    decisions = models.JSONField(_("decisions"), default=list)
    condition = models.JSONField(_("limits"), default=dict)
    effect = models.CharField(_("effect"), max_length=20, choices=Effect.choices)
    inform_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    inform_team = models.ForeignKey(
        "people.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateTimeField(_("valid from"), null=True, blank=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)
    rationale = models.TextField(_("rationale"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    objects: ClassVar[GrantVersionQuerySet] = GrantVersionQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["grant_id", "version"]
        verbose_name = _("grant version")
        constraints = [
            models.UniqueConstraint(fields=["grant", "version"], name="unique_grant_version"),
            models.CheckConstraint(
                condition=~Q(holder_kind=HolderKind.PERSON) | Q(holder_person__isnull=False),
                name="grant_person_holder",
            ),
            models.CheckConstraint(
                condition=~Q(holder_kind=HolderKind.TEAM)
                | (Q(holder_team__isnull=False) & ~Q(team_scope="")),
                name="grant_team_holder",
            ),
            models.CheckConstraint(
                condition=~Q(holder_kind=HolderKind.ROLE) | ~Q(holder_role=""),
                name="grant_role_holder",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gt=F("valid_from")),
                name="grant_period_ordered",
            ),
        ]
        indexes = [models.Index(fields=["holder_person"], name="grant_version_person")]

    def __str__(self) -> str:
        return f"{self.grant_id} v{self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableError("grant versions are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError("grant versions are immutable")

    def is_valid_at(self, moment: datetime) -> bool:
        if self.revoked:
            return False
        if self.valid_from and moment < self.valid_from:
            return False
        return not (self.valid_until and moment >= self.valid_until)
