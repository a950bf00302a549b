"""What happens when a task fails: a later attempt with exponential backoff, and after
`LATITUDE_TASK_MAX_ATTEMPTS` a parked row with the error. Runs of periodic jobs are not retried:
their next run is the retry, and the job's row shows the failure."""

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from latitude.worker.models import ParkedTask, PeriodicJob, TaskAttempt

logger = logging.getLogger(__name__)

RETRIED = "retried"
PARKED = "parked"
PERIODIC = "periodic"


@dataclass(frozen=True)
class Failure:
    """A failed run as every backend can describe it."""

    result_id: str
    task_path: str
    queue_name: str
    backend_name: str
    args: list[Any]
    kwargs: dict[str, Any]
    exception_class_path: str
    traceback: str
    task: Any = None  # None when the task can no longer be imported: it is parked at once


def backoff(attempt: int) -> timedelta:
    """Delay after the `attempt`-th failure: base, 2 x base, 4 x base … capped at one day."""
    base = settings.LATITUDE_TASK_RETRY_SECONDS
    return timedelta(seconds=min(base * 2 ** max(attempt - 1, 0), 86400))


def _chain_row(result_id: str) -> TaskAttempt:
    row = TaskAttempt.objects.select_for_update().filter(result_id=result_id).first()
    if row is None:
        row = TaskAttempt.objects.create(result_id=result_id, first_result_id=result_id)
    return row


def _park(failure: Failure, row: TaskAttempt) -> None:
    ParkedTask.objects.create(
        task_path=failure.task_path,
        args=failure.args,
        kwargs=failure.kwargs,
        queue_name=failure.queue_name,
        backend_name=failure.backend_name,
        attempts=row.attempt,
        exception_class_path=failure.exception_class_path[:300],
        traceback=failure.traceback,
        first_result_id=row.first_result_id,
        last_result_id=failure.result_id,
    )
    logger.error("task %s parked after %s attempts", failure.task_path, row.attempt)


def _retry(failure: Failure, row: TaskAttempt) -> str:
    run_after = timezone.now() + backoff(row.attempt)
    result = failure.task.using(run_after=run_after).enqueue(*failure.args, **failure.kwargs)
    TaskAttempt.objects.create(
        result_id=result.id, first_result_id=row.first_result_id, attempt=row.attempt + 1
    )
    return str(result.id)


@transaction.atomic
def handle_failure(failure: Failure) -> str:
    """Schedule the next attempt or park the task; handling the same run twice is a no-op."""
    if PeriodicJob.objects.filter(last_result_id=failure.result_id).exists():
        return PERIODIC
    row = _chain_row(failure.result_id)
    if row.outcome:
        return row.outcome
    if failure.task is not None and row.attempt < settings.LATITUDE_TASK_MAX_ATTEMPTS:
        row.next_result_id, row.outcome = _retry(failure, row), RETRIED
    else:
        _park(failure, row)
        row.outcome = PARKED
    row.save(update_fields=["outcome", "next_result_id"])
    return row.outcome
