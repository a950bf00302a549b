"""Which calendar a service, a team or a requester unit works by (one row per target)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from latitude.sla.models.calendar_rows import BusinessCalendar


def exactly_one_target() -> Q:
    service = Q(service__isnull=False, team__isnull=True, unit__isnull=True)
    team = Q(service__isnull=True, team__isnull=False, unit__isnull=True)
    unit = Q(service__isnull=True, team__isnull=True, unit__isnull=False)
    return service | team | unit


class CalendarAssignment(models.Model):
    """`calendar` applies to exactly one service, team or requester unit.

    Which assignment a ticket uses is decided in `latitude.sla.policies.calendar_for`.
    """

    calendar = models.ForeignKey(
        BusinessCalendar,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("calendar"),
    )
    service = models.OneToOneField(
        "catalog.Service",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sla_calendar",
        verbose_name=_("service"),
    )
    team = models.OneToOneField(
        "people.Team",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sla_calendar",
        verbose_name=_("team"),
    )
    unit = models.OneToOneField(
        "people.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sla_calendar",
        verbose_name=_("requester unit"),
    )

    class Meta:
        verbose_name = _("calendar assignment")
        constraints = [
            models.CheckConstraint(condition=exactly_one_target(), name="assignment_one_target")
        ]

    def __str__(self) -> str:
        return f"{self.target} -> {self.calendar_id}"

    @property
    def target_kind(self) -> str:
        if self.service_id:
            return "service"
        return "team" if self.team_id else "unit"

    @property
    def target(self) -> object:
        return self.service or self.team or self.unit
