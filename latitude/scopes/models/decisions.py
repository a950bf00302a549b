"""What was decided (records), what was asked for (requests, routed to people) and what was
undone (reversals). Records and reversals are immutable; a request changes state once."""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from latitude.scopes.models.grants import GrantVersion, ImmutableError


class DecisionOutcome(models.TextChoices):
    TAKEN = "taken", _("taken within scope")
    BY_RIGHT = "by_right", _("taken by right")
    REQUESTED = "requested", _("out of scope, requested")
    RECOMMENDED = "recommended", _("recommended")
    APPROVED = "approved", _("approved")
    DECLINED = "declined", _("declined")
    EXPIRED = "expired", _("expired")
    WITHDRAWN = "withdrawn", _("withdrawn")


# Outcomes by which a decision was actually carried out.
CARRIED_OUT = (DecisionOutcome.TAKEN, DecisionOutcome.BY_RIGHT, DecisionOutcome.APPROVED)


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    APPROVED = "approved", _("approved")
    DECLINED = "declined", _("declined")
    EXPIRED = "expired", _("expired")
    WITHDRAWN = "withdrawn", _("withdrawn")


class RequestKind(models.TextChoices):
    OUT_OF_SCOPE = "out_of_scope", _("outside the requester's scope")
    RECOMMENDATION = "recommendation", _("recommendation")


class ImmutableQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableError("decision records are immutable")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableError("decision records are immutable")


class Immutable(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableError("decision records are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError("decision records are immutable")


class Subject(models.Model):
    """The thing a decision is taken on, by app label and primary key (like audit entries)."""

    subject_type = models.CharField(max_length=64)
    subject_id = models.BigIntegerField()
    subject_repr = models.CharField(max_length=200)

    class Meta:
        abstract = True


class DecisionRequest(Subject):
    """A decision someone could not take alone, waiting for one of the people it is routed to.

    `action` and `arguments` say how to carry it out once approved (see `core.decisions`).
    """

    decision = models.CharField(_("decision"), max_length=64)
    kind = models.CharField(max_length=20, choices=RequestKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="decision_requests"
    )
    facts = models.JSONField(default=dict)
    explanation = models.TextField(blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    action = models.CharField(max_length=200)
    arguments = models.JSONField(default=dict)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("decision request")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "subject_type", "subject_id"],
                condition=Q(status="pending"),
                name="one_open_request_per_decision_and_subject",
            )
        ]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="decision_request_subject"),
            models.Index(fields=["status", "expires_at"], name="decision_request_due"),
        ]

    def __str__(self) -> str:
        return f"{self.decision} on {self.subject_repr}"

    @property
    def is_pending(self) -> bool:
        return self.status == RequestStatus.PENDING


class DecisionRoute(models.Model):
    """One person a request was sent to, nearest first; inactive once re-routed."""

    request = models.ForeignKey(DecisionRequest, on_delete=models.CASCADE, related_name="routes")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=200)
    routed_at = models.DateTimeField()
    active = models.BooleanField(default=True)
    ended_because = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["request", "rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "person"], name="unique_decision_route")
        ]
        indexes = [models.Index(fields=["person", "active"], name="decision_route_inbox")]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.person_id}"


class DecisionRecord(Immutable, Subject):
    """One guarded decision as it happened: who, on whose behalf, on which facts, under which
    grant versions, with which outcome and why. Never changed afterwards."""

    decision = models.CharField(_("decision"), max_length=64)
    outcome = models.CharField(_("outcome"), max_length=16, choices=DecisionOutcome.choices)
    within_scope = models.BooleanField()
    effect = models.CharField(max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_repr = models.CharField(max_length=200)
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    team = models.ForeignKey(
        "people.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    facts = models.JSONField(default=dict)
    grant_version = models.ForeignKey(
        GrantVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    grant_version_ids = models.JSONField(default=list)
    explanation = models.TextField(blank=True)
    rationale = models.TextField(blank=True)
    request = models.ForeignKey(
        DecisionRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="records"
    )
    occurred_at = models.DateTimeField()
    http_request_id = models.CharField(max_length=64, blank=True)

    objects: ClassVar[ImmutableQuerySet] = ImmutableQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("decision record")
        indexes = [
            models.Index(fields=["decision", "occurred_at"], name="decision_record_kind"),
            models.Index(fields=["subject_type", "subject_id", "id"], name="decision_record_subj"),
            models.Index(fields=["actor", "occurred_at"], name="decision_record_actor"),
            models.Index(fields=["team", "occurred_at"], name="decision_record_team"),
        ]

    def __str__(self) -> str:
        return f"{self.decision} {self.outcome} on {self.subject_repr}"


class Reversal(Immutable):
    """A later decision that undid an earlier one within the reversal window."""

    record = models.OneToOneField(DecisionRecord, on_delete=models.PROTECT, related_name="reversal")
    undone_by = models.ForeignKey(
        DecisionRecord, on_delete=models.PROTECT, related_name="reversed_records"
    )
    occurred_at = models.DateTimeField()
    after_seconds = models.PositiveIntegerField()

    objects: ClassVar[ImmutableQuerySet] = ImmutableQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = _("reversal")

    def __str__(self) -> str:
        return f"{self.undone_by_id} reverses {self.record_id}"
