"""State of background work that must survive restarts: periodic leases, worker heartbeats,
retry chains and parked tasks."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PeriodicJob(models.Model):
    """The schedule of one declared periodic job, shared by every worker.

    A scheduler starts a run only by a conditional UPDATE on this row that still matches the
    `next_run_at` and `last_result_id` it read, so of several schedulers exactly one wins; and
    none starts a run while `last_result_id` is still waiting or running.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    next_run_at = models.DateTimeField(_("next run"), default=timezone.now)
    last_enqueued_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_result_id = models.CharField(max_length=64, blank=True)
    leased_by = models.CharField(_("started by"), max_length=100, blank=True)
    runs = models.PositiveIntegerField(_("runs"), default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("periodic job")

    def __str__(self) -> str:
        return self.name


class WorkerProcess(models.Model):
    """A running `latitude worker`; its heartbeat tells the others it is alive."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=200)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now, db_index=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]
        verbose_name = _("worker")

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid}"


class TaskAttempt(models.Model):
    """One run of a task in its retry chain, and what was done once it failed."""

    result_id = models.CharField(max_length=64, unique=True)
    first_result_id = models.CharField(max_length=64, db_index=True)
    attempt = models.PositiveIntegerField(default=1)
    outcome = models.CharField(max_length=16, blank=True)  # "", "retried", "parked"
    next_result_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.result_id} #{self.attempt} {self.outcome}"


class ParkedTask(models.Model):
    """A task that failed every attempt. It waits here, with its error, until retried."""

    task_path = models.CharField(_("task"), max_length=300)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    queue_name = models.CharField(max_length=32, default="default")
    backend_name = models.CharField(max_length=32, default="default")
    attempts = models.PositiveIntegerField(_("attempts"))
    exception_class_path = models.CharField(_("error"), max_length=300)
    traceback = models.TextField(_("traceback"), blank=True)
    first_result_id = models.CharField(max_length=64)
    last_result_id = models.CharField(max_length=64)
    parked_at = models.DateTimeField(_("parked at"), default=timezone.now)
    retried_at = models.DateTimeField(_("retried at"), null=True, blank=True)
    retried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    retry_result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-parked_at", "-id"]
        verbose_name = _("parked task")
        indexes = [models.Index(fields=["retried_at", "-parked_at"], name="parked_waiting")]

    def __str__(self) -> str:
        return f"{self.task_path} ({self.exception_class_path})"

    @property
    def error_line(self) -> str:
        """The last line of the traceback: the exception and its message."""
        lines = [line for line in self.traceback.strip().splitlines() if line.strip()]
        return lines[-1] if lines else self.exception_class_path
