"""Retries for backends whose own worker runs the tasks (the Redis backend): a failed run
reported through django-tasks' `task_finished` signal goes through the same retry and parking
as on the database backend. The database backend's runs are handled by `latitude worker`."""

import logging
from typing import Any

from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

from latitude.worker.retries import Failure, handle_failure

logger = logging.getLogger(__name__)


def _is_database_backend(sender: Any) -> bool:
    return getattr(sender, "__module__", "").startswith("django_tasks_db")


def on_task_finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
    if task_result.status != TaskResultStatus.FAILED or _is_database_backend(sender):
        return
    error = task_result.errors[-1] if task_result.errors else None
    task = task_result.task
    handle_failure(
        Failure(
            result_id=str(task_result.id),
            task_path=task.module_path,
            queue_name=task.queue_name,
            backend_name=task.backend,
            args=list(task_result.args),
            kwargs=dict(task_result.kwargs),
            exception_class_path=error.exception_class_path if error else "",
            traceback=error.traceback if error else "",
            task=task.using(run_after=None) if hasattr(task, "using") else task,
        )
    )


def connect() -> None:
    task_finished.connect(on_task_finished, dispatch_uid="latitude.worker.retries")
