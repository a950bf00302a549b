"""Runs left RUNNING by a worker that died (its heartbeat stopped) count as failed attempts."""

import logging

from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from latitude.worker.heartbeat import lost_worker_ids
from latitude.worker.retries import handle_failure
from latitude.worker.runner import failure_of

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """The worker running this task stopped sending heartbeats."""


def recover_lost_runs() -> int:
    """Fail and retry (or park) every run whose worker is lost; returns how many."""
    lost = lost_worker_ids()
    if not lost:
        return 0
    recovered = 0
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING):
        if result.worker_ids and result.worker_ids[-1] in lost:
            recovered += _recover(str(result.pk))
    return recovered


@transaction.atomic
def _recover(result_id: str) -> int:
    result = (
        DBTaskResult.objects.select_for_update()
        .filter(pk=result_id, status=TaskResultStatus.RUNNING)
        .first()
    )
    if result is None:
        return 0
    error = WorkerLost(f"worker {result.worker_ids[-1]} stopped while running this task")
    getattr(DBTaskResult.set_failed, "__wrapped__", DBTaskResult.set_failed)(result, error)
    handle_failure(failure_of(result))
    logger.warning("recovered run %s of %s from a lost worker", result.pk, result.task_path)
    return 1
