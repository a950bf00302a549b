"""Tickets (incidents and service requests), their conversation, attachments and links."""

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import latitude.core.lookups  # noqa: F401 (registers field__literal_in, used by the queues)
from latitude.core.money import validate_currency
from latitude.tickets.choices import (
    OPEN_STATUSES,
    Approval,
    CloseReason,
    Impact,
    Kind,
    LinkKind,
    Priority,
    Status,
    Urgency,
)


class TicketSequence(models.Model):
    """The last number handed out per kind; numbers are never reused."""

    kind = models.CharField(max_length=16, choices=Kind.choices, primary_key=True)
    last = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.kind}: {self.last}"


class PriorityRule(models.Model):
    """One cell of the impact x urgency -> priority matrix (configurable in the admin)."""

    impact = models.PositiveSmallIntegerField(_("impact"), choices=Impact.choices)
    urgency = models.PositiveSmallIntegerField(_("urgency"), choices=Urgency.choices)
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices)

    class Meta:
        ordering = ["impact", "urgency"]
        verbose_name = _("priority rule")
        constraints = [
            models.UniqueConstraint(fields=["impact", "urgency"], name="unique_priority_cell")
        ]

    def __str__(self) -> str:
        return f"{self.get_impact_display()} x {self.get_urgency_display()} = P{self.priority}"


class Ticket(models.Model):
    """An incident or a service request, owned by one accountable agent until it is resolved."""

    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="requested_tickets",
        verbose_name=_("requester"),
    )
    service = models.ForeignKey(
        "catalog.Service",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
        verbose_name=_("service"),
    )
    category = models.ForeignKey(
        "catalog.Category",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
        verbose_name=_("category"),
    )
    impact = models.PositiveSmallIntegerField(
        _("impact"), choices=Impact.choices, default=Impact.LOW
    )
    urgency = models.PositiveSmallIntegerField(
        _("urgency"), choices=Urgency.choices, default=Urgency.LOW
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.P4
    )
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.NEW
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_tickets",
        verbose_name=_("owner"),
    )
    team = models.ForeignKey(
        "people.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
        verbose_name=_("team"),
    )
    watchers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="TicketWatcher",
        related_name="watched_tickets",
        blank=True,
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,  # a partial index in Meta: nearly every ticket has none
        related_name="children",
        verbose_name=_("parent ticket"),
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,  # a partial index in Meta: nearly every ticket has none
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    resolution = models.TextField(_("resolution"), blank=True)
    close_reason = models.CharField(max_length=16, choices=CloseReason.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    first_response_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reopen_count = models.PositiveIntegerField(default=0)
    approval = models.CharField(
        _("approval"), max_length=16, choices=Approval.choices, default=Approval.NOT_REQUIRED
    )
    cost_amount = models.DecimalField(
        _("cost"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    cost_currency = models.CharField(
        _("currency"), max_length=3, blank=True, validators=[validate_currency]
    )
    approval_decided_at = models.DateTimeField(null=True, blank=True)
    approval_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_index=False,  # a partial index in Meta: nearly every ticket has none
        related_name="+",
    )
    approval_note = models.TextField(_("approval note"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("ticket")
        indexes = [
            models.Index(fields=["-updated_at", "-id"], name="ticket_recent"),
            models.Index(fields=["team", "-updated_at", "-id"], name="ticket_team_recent"),
            models.Index(fields=["owner", "-updated_at", "-id"], name="ticket_owner_recent"),
            models.Index(
                fields=["requester", "-updated_at", "-id"], name="ticket_requester_recent"
            ),
            models.Index(fields=["status", "-updated_at", "-id"], name="ticket_status_recent"),
            models.Index(
                fields=["team", "-updated_at", "-id"],
                name="ticket_unassigned",
                condition=Q(owner__isnull=True),
            ),
            # The open tickets of a team, newest first: a team queue's first page (open is the
            # default filter) and its tab count stop after a page instead of sorting every open
            # ticket of the team (8 ms at 1M tickets on PostgreSQL). Same IN list as the filter.
            # Status last: SQLite re-checks the condition, so without it the capped count read
            # a thousand table rows (38 ms at 100k) instead of the index alone.
            models.Index(
                fields=["team", "-updated_at", "-id", "status"],
                name="ticket_team_open_recent",
                condition=Q(status__in=OPEN_STATUSES),
            ),
            models.Index(
                fields=["team", "-updated_at", "-id"],
                name="ticket_awaiting_approval",
                condition=Q(approval="pending"),
            ),
            # Partial, so that the statistics see only the few linked tickets: a full index
            # on a column that is almost always NULL tells SQLite's planner that a lookup
            # returns the whole table, and it scans (97 ms for a ticket's children at 100k).
            models.Index(
                fields=["parent"], name="ticket_parent", condition=Q(parent__isnull=False)
            ),
            models.Index(
                fields=["merged_into"],
                name="ticket_merged_into",
                condition=Q(merged_into__isnull=False),
            ),
            models.Index(
                fields=["approval_decided_by"],
                name="ticket_approval_decided_by",
                condition=Q(approval_decided_by__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(priority__gte=1, priority__lte=4), name="ticket_priority_range"
            ),
            models.CheckConstraint(
                condition=(Q(cost_amount__isnull=True) & Q(cost_currency=""))
                | (Q(cost_amount__gte=0) & ~Q(cost_currency="")),
                name="ticket_cost_has_currency",
            ),
            models.CheckConstraint(
                condition=Q(kind="request") | Q(approval="not_required"),
                name="ticket_only_requests_need_approval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    # Labels for rows of lists: Django's get_FOO_display rebuilds the whole choices dict (and
    # hashes every lazy label) on each call, which was a quarter of a queue row's rendering.
    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def priority_label(self) -> str:
        return str(Priority(self.priority).label)

    @property
    def is_open(self) -> bool:
        return self.status in (
            Status.NEW,
            Status.IN_PROGRESS,
            Status.WAITING_REQUESTER,
            Status.WAITING_THIRD_PARTY,
        )

    @property
    def etag(self) -> str:
        return f'"{self.pk}-{self.version}"'


class TicketWatcher(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="watcher_rows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ticket", "user"], name="unique_watcher")]
        indexes = [models.Index(fields=["user", "ticket"], name="watcher_user")]

    def __str__(self) -> str:
        return f"{self.user_id} watches {self.ticket_id}"


class Comment(models.Model):
    """A public reply or an internal note. Internal notes never reach a requester."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("text"))
    is_internal = models.BooleanField(_("internal note"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["ticket", "created_at", "id"], name="comment_ticket")]

    def __str__(self) -> str:
        return f"{'note' if self.is_internal else 'reply'} on {self.ticket_id}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    """A random storage name that reveals nothing and cannot be guessed or traversed."""
    now: datetime = timezone.now()
    return f"attachments/{now:%Y/%m}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file on a ticket, stored under a random name and served only through a checked view."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="attachments")
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    is_internal = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class TicketLink(models.Model):
    """A symmetric 'related to' link between two tickets (stored once, smaller id first)."""

    source = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=16, choices=LinkKind.choices, default=LinkKind.RELATED)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="unique_ticket_link"),
            models.CheckConstraint(condition=Q(source__lt=models.F("target")), name="link_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"


class Goodwill(models.Model):
    """A credit or compensation granted to the requester of a ticket; revoked, never deleted."""

    ticket = models.ForeignKey(Ticket, on_delete=models.PROTECT, related_name="goodwill")
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, validators=[validate_currency])
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who asked for it when it was granted on approval of their decision request.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)

    class Meta:
        ordering = ["granted_at", "id"]
        verbose_name = _("goodwill credit")
        indexes = [models.Index(fields=["ticket", "granted_at", "id"], name="goodwill_ticket")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="goodwill_amount_positive"),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoke_reason=""),
                name="goodwill_revoked_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} on {self.ticket_id}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
