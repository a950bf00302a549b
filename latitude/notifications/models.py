"""Notifications: what happened (occurrences), in-app rows, the e-mail outbox, preferences."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from latitude.notifications.choices import EmailMode, OutboxStatus


class Occurrence(models.Model):
    """One `notify` call: the event, its subject, and what was done for each recipient.

    `dedupe_key` is unique, so the same occurrence is never notified twice. `outcome` records,
    per person, which channels were used or why they were skipped.
    """

    event = models.CharField(max_length=100)
    subject_type = models.CharField(max_length=100, blank=True)
    subject_id = models.BigIntegerField(null=True, blank=True)
    subject_repr = models.CharField(max_length=200, blank=True)
    context = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_repr = models.CharField(max_length=200, blank=True)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    outcome = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("notification event")
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="occurrence_subject")]

    def __str__(self) -> str:
        return f"{self.event} {self.subject_repr}"


class Notification(models.Model):
    """An in-app notification for one person; unread while `read_at` is empty."""

    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="notifications"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    link = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_recent"),
            models.Index(
                fields=["recipient"], name="notification_unread", condition=Q(read_at__isnull=True)
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "recipient"], name="notification_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.occurrence} → {self.recipient_id}"


class OutboxMessage(models.Model):
    """One e-mail, rendered when it was queued, sent by the worker with retries.

    `key` is unique ("event:<occurrence>:<person>", "digest:<person>:<date>"), so a message is
    queued once; `message_id` is fixed here, so a resend after a crash is recognisable as the
    same message. A worker claims a row by setting `claimed_by`/`claimed_until` (a lease).
    """

    key = models.CharField(max_length=200, unique=True)
    occurrence = models.ForeignKey(
        Occurrence, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_address = models.EmailField()
    language = models.CharField(max_length=8)
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    message_id = models.CharField(max_length=200, unique=True)
    status = models.CharField(
        max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_due",
                condition=Q(status="pending"),
            ),
            models.Index(fields=["status", "sent_at"], name="outbox_status_sent"),
        ]

    def __str__(self) -> str:
        return f"{self.to_address}: {self.subject}"


class DigestItem(models.Model):
    """An occurrence waiting for one person's daily digest (`message` is set once sent)."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    link = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Deleting a sent digest (the outbox purge) deletes its items with it, never re-queues them.
    message = models.ForeignKey(
        OutboxMessage, null=True, blank=True, on_delete=models.CASCADE, related_name="items"
    )

    class Meta:
        indexes = [
            models.Index(
                fields=["recipient", "created_at"],
                name="digest_pending",
                condition=Q(message__isnull=True),
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "recipient"], name="digest_once")
        ]

    def __str__(self) -> str:
        return f"{self.occurrence} for {self.recipient_id}"


class Preference(models.Model):
    """A person's choice for one event type; without a row the event's defaults apply."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    event = models.CharField(max_length=100)
    in_app = models.BooleanField(_("in the desk"), default=True)
    email = models.CharField(
        _("by e-mail"), max_length=16, choices=EmailMode.choices, default=EmailMode.IMMEDIATE
    )

    class Meta:
        verbose_name = _("notification preference")
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="preference_once_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.event}: {self.in_app}/{self.email}"
