"""SLA policies: conditions a ticket must meet, in a visible order, and the targets they set.

The first active policy (lowest `position`) whose conditions the ticket meets applies. Every
edit raises `version`; a clock records the policy and version it was computed with, and the
terms in force are written to the ticket's audit trail, so history survives later edits.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from latitude.sla.choices import ClockKind, ReopenRule
from latitude.tickets.choices import OPEN_STATUSES, WAITING_STATUSES, Kind, Priority

TARGET_FIELDS = {
    ClockKind.RESPONSE: "response_minutes",
    ClockKind.RESOLUTION: "resolution_minutes",
    ClockKind.OLA: "ola_minutes",
}
# A clock pauses in a waiting status only; "new" and "in progress" are the work itself.
PAUSABLE_STATUSES = tuple(status for status in OPEN_STATUSES if status in WAITING_STATUSES)


def default_pause_statuses() -> list[str]:
    return [str(status) for status in WAITING_STATUSES]


class SlaPolicy(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    position = models.PositiveIntegerField(
        _("position"), unique=True, help_text=_("Policies are tried in this order.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, blank=True, help_text=_("Empty: any.")
    )
    priorities = models.JSONField(
        _("priorities"), default=list, blank=True, help_text=_("Empty: any priority.")
    )
    service = models.ForeignKey(
        "catalog.Service",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sla_policies",
        verbose_name=_("service"),
    )
    unit = models.ForeignKey(
        "people.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sla_policies",
        verbose_name=_("requester unit"),
        help_text=_("Matches requesters of this unit and of the units within it."),
    )
    response_minutes = models.PositiveIntegerField(
        _("first response (business minutes)"), null=True, blank=True
    )
    resolution_minutes = models.PositiveIntegerField(
        _("resolution (business minutes)"), null=True, blank=True
    )
    ola_minutes = models.PositiveIntegerField(
        _("team takes ownership after a hand-off (business minutes)"), null=True, blank=True
    )
    warn_percent = models.PositiveSmallIntegerField(
        _("warn at (% of the target elapsed)"), default=75
    )
    pause_statuses = models.JSONField(_("pause while"), default=default_pause_statuses, blank=True)
    on_reopen = models.CharField(
        _("on reopening"), max_length=16, choices=ReopenRule.choices, default=ReopenRule.CONTINUE
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        for field in TARGET_FIELDS.values():
            if getattr(self, field) == 0:
                errors[field] = _("A target of zero minutes can never be met; leave it empty.")
        if all(getattr(self, field) is None for field in TARGET_FIELDS.values()):
            errors["resolution_minutes"] = _("Set at least one target.")
        if not 1 <= (self.warn_percent or 0) <= 99:
            errors["warn_percent"] = _("Warn between 1 and 99 % of the target.")
        if not _valid_priorities(self.priorities):
            errors["priorities"] = _("Priorities are a list of 1 (P1) to 4 (P4).")
        if not _valid_statuses(self.pause_statuses):
            errors["pause_statuses"] = _("A clock pauses only while waiting on someone.")
        if errors:
            raise ValidationError(errors)

    def target_minutes(self, kind: str) -> int | None:
        value: int | None = getattr(self, TARGET_FIELDS[ClockKind(kind)])
        return value


def _valid_priorities(value: Any) -> bool:
    return isinstance(value, list) and all(
        type(item) is int and item in Priority.values for item in value
    )


def _valid_statuses(value: Any) -> bool:
    return isinstance(value, list) and all(item in PAUSABLE_STATUSES for item in value)
