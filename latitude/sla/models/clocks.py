"""One stored row per clock of a ticket, kept in step with the audit trail for indexing.

The truth is the trail: `latitude.sla.clocks.engine` computes each clock from it, and
`latitude.sla.clocks.store` writes the result here in the transaction of the ticket action.
`warning_sent_at` and `breach_recorded_at` belong to the sweep, which uses them to act once.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from latitude.sla.choices import ClockKind, ClockState


class SlaClock(models.Model):
    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="sla_clocks"
    )
    kind = models.CharField(_("clock"), max_length=16, choices=ClockKind.choices)
    policy = models.ForeignKey(
        "sla.SlaPolicy", null=True, on_delete=models.SET_NULL, related_name="clocks"
    )
    policy_version = models.PositiveIntegerField(default=0)
    calendar = models.ForeignKey(
        "sla.BusinessCalendar", null=True, on_delete=models.SET_NULL, related_name="clocks"
    )
    target_minutes = models.PositiveIntegerField(_("target (business minutes)"))
    state = models.CharField(_("state"), max_length=16, choices=ClockState.choices)
    started_at = models.DateTimeField()
    stopped_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    warn_at = models.DateTimeField(null=True, blank=True)
    breached_at = models.DateTimeField(_("breached"), null=True, blank=True)
    elapsed_minutes = models.IntegerField(default=0)
    paused_minutes = models.IntegerField(default=0)
    remaining_minutes = models.IntegerField(default=0)
    computed_at = models.DateTimeField(default=timezone.now)
    warning_sent_at = models.DateTimeField(null=True, blank=True)
    breach_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("SLA clock")
        constraints = [
            models.UniqueConstraint(fields=["ticket", "kind"], name="one_clock_per_kind")
        ]
        indexes = [
            # The "breaching soon" queue and badges sort running clocks by due time.
            models.Index(fields=["due_at"], name="sla_clock_due", condition=Q(state="running")),
            # The sweep reads only clocks with something left to announce, so its cost does
            # not grow with closed tickets.
            models.Index(
                fields=["warn_at"],
                name="sla_clock_warn_pending",
                condition=Q(state="running", warning_sent_at__isnull=True),
            ),
            models.Index(
                fields=["due_at"],
                name="sla_clock_breach_pending",
                condition=Q(state="running", breach_recorded_at__isnull=True),
            ),
            models.Index(
                fields=["breached_at"],
                name="sla_clock_breached_unrecorded",
                condition=Q(breached_at__isnull=False, breach_recorded_at__isnull=True),
            ),
            models.Index(fields=["kind", "state", "started_at"], name="sla_clock_report"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.kind} {self.state}"

    @property
    def is_running(self) -> bool:
        return self.state == ClockState.RUNNING

    @property
    def is_breached(self) -> bool:
        return self.breached_at is not None
