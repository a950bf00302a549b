"""Housekeeping run by the worker itself."""

from datetime import timedelta
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from latitude.worker.models import TaskAttempt, WorkerProcess
from latitude.worker.recovery import recover_lost_runs


@task()
def recover_lost() -> int:
    """Retry the runs of workers that died mid-task."""
    if not apps.is_installed("django_tasks_db"):
        return 0
    return recover_lost_runs()


@task()
def clear_expired_sessions() -> None:
    """What `clearsessions` does, without cron."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()


@task()
def purge_finished_tasks() -> int:
    """Delete finished task results, retry chains and stopped workers older than the limit.
    Parked tasks keep their own copy of arguments and error, so nothing parked is lost."""
    cutoff = timezone.now() - timedelta(days=settings.LATITUDE_TASK_RESULTS_KEEP_DAYS)
    deleted = TaskAttempt.objects.filter(created_at__lt=cutoff).delete()[0]
    deleted += WorkerProcess.objects.filter(last_seen_at__lt=cutoff).delete()[0]
    if apps.is_installed("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        finished = DBTaskResult.objects.filter(
            status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
            finished_at__lt=cutoff,
        )
        deleted += finished.delete()[0]
    return deleted
