"""The `latitude worker` loop for the database backend: periodic scheduler and task queue in
one process, surviving database outages.

It reuses django-tasks-db's claiming (a locked, exclusive transaction) and replaces how a run
is recorded: a failure is marked failed and handed to `retries.handle_failure` in one
transaction. When the database is unreachable, the loop closes its connections, waits with
backoff and carries on; outcomes it could not record are kept and written once it is back.
"""

import logging
import time
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import SuspiciousOperation
from django.db import DatabaseError, connections, transaction
from django_tasks import TaskContext
from django_tasks.signals import task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, normalize_uuid

from latitude.worker.heartbeat import Heartbeat
from latitude.worker.retries import Failure, handle_failure
from latitude.worker.scheduler import Scheduler

logger = logging.getLogger(__name__)

MAX_OUTAGE_PAUSE = 30.0


@dataclass
class Outcome:
    """A finished run whose result could not be written yet."""

    result: DBTaskResult
    value: Any = None
    error: BaseException | None = None


class LatitudeWorker(Worker):
    def __init__(self, *, scheduler: Scheduler | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scheduler = scheduler
        self.heartbeat = Heartbeat(self.worker_id)
        self.unrecorded: list[Outcome] = []
        self.outages = 0

    def run(self) -> None:
        logger.info("worker %s starting (queues %s)", self.worker_id, ",".join(self.queue_names))
        try:
            while self.running:
                if not self.step():
                    return
        finally:
            self._stop_quietly()

    def step(self) -> bool:
        """One turn of the loop; False when the worker should exit."""
        try:
            ran = self._turn()
        except DatabaseError as exc:
            if self.batch:
                raise
            self._pause_for_outage(exc)
            return True
        except Exception as exc:
            # A bug in recording or scheduling must not stop a long-running queue; it is
            # logged loudly. A batch run reports it instead.
            if self.batch:
                raise
            logger.exception("worker turn failed")
            self._pause_for_outage(exc)
            return True
        self.outages = 0
        if ran is None:
            return not self.batch and self._under_max_tasks()
        if not self._under_max_tasks():
            return False
        if not ran and self.running:
            time.sleep(self.interval)
        return True

    def _turn(self) -> bool | None:
        """Heartbeat, tick, run one task. True: ran one; False: idle; None: idle in batch mode."""
        _refresh_connections()
        self.flush_unrecorded()
        self.heartbeat.beat()
        if self.scheduler is not None:
            self.scheduler.tick()
        result = self.claim_next()
        if result is None:
            return None if self.batch else False
        self.run_task(result)
        return True

    def _under_max_tasks(self) -> bool:
        return self.max_tasks is None or self._run_tasks < self.max_tasks

    def _pause_for_outage(self, exc: Exception) -> None:
        self.outages += 1
        pause = min(self.interval * 2 ** (self.outages - 1), MAX_OUTAGE_PAUSE)
        logger.warning("database unavailable (%s); retrying in %.1f s", exc, pause)
        connections.close_all()
        if self.running:
            time.sleep(pause)

    def claim_next(self) -> DBTaskResult | None:
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            result = tasks.get_locked()
            if result is not None:
                result.claim(self.worker_id)
        return result

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.running_task = True
        try:
            outcome = self._execute(db_task_result)
        finally:
            self.running_task = False
            self._run_tasks += 1
        self.record(outcome)

    def _execute(self, db_result: DBTaskResult) -> Outcome:
        try:
            task = db_result.task
            task_result = db_result.task_result
            task_started.send(sender=type(task.get_backend()), task_result=task_result)
            args, kwargs = task_result.args, task_result.kwargs
            if task.takes_context:
                context = TaskContext(task_result=task_result)  # type: ignore[arg-type]
                value = task.call(context, *args, **kwargs)
            else:
                value = task.call(*args, **kwargs)
        except BaseException as exc:
            return Outcome(result=db_result, error=exc)
        return Outcome(result=db_result, value=value)

    def record(self, outcome: Outcome) -> None:
        try:
            self._write(outcome)
        except DatabaseError:
            logger.warning("could not record result %s yet", outcome.result.pk, exc_info=True)
            self.unrecorded.append(outcome)
            connections.close_all()
            return
        try:
            task_finished.send(
                sender=type(outcome.result.task.get_backend()),
                task_result=outcome.result.task_result,
            )
        except Exception:  # an unimportable task or a failing receiver; the row is written
            logger.exception("a task_finished receiver failed for %s", outcome.result.pk)

    def _write(self, outcome: Outcome) -> None:
        result = outcome.result
        if outcome.error is None:
            with transaction.atomic():
                _unwrapped(DBTaskResult.set_successful)(result, outcome.value)
            return
        with transaction.atomic():
            _unwrapped(DBTaskResult.set_failed)(result, outcome.error)
            handle_failure(failure_of(result))

    def flush_unrecorded(self) -> None:
        while self.unrecorded:
            outcome = self.unrecorded[0]
            self._write(outcome)
            self.unrecorded.pop(0)

    def _stop_quietly(self) -> None:
        try:
            self.heartbeat.stop()
        except DatabaseError:
            logger.warning("could not mark worker %s stopped", self.worker_id)


def _refresh_connections() -> None:
    """Drop connections past CONN_MAX_AGE or found broken, as Django does between requests.

    A connection configured to close after every request (CONN_MAX_AGE=0, the SQLite default)
    is kept across turns unless it failed: reconnecting each second would checkpoint the WAL
    every time. Never touches a connection inside a caller's transaction.
    """
    for conn in connections.all(initialized_only=True):
        if conn.in_atomic_block:
            continue
        if conn.errors_occurred or conn.settings_dict.get("CONN_MAX_AGE", 0) != 0:
            conn.close_if_unusable_or_obsolete()


def _unwrapped(method: Any) -> Any:
    """django-tasks-db retries these saves with sleeps; inside our transaction, fail at once."""
    return getattr(method, "__wrapped__", method)


def failure_of(result: DBTaskResult) -> Failure:
    try:
        task = result.task
    except (ImportError, SuspiciousOperation):
        task = None
    return Failure(
        result_id=normalize_uuid(result.pk),
        task_path=result.task_path,
        queue_name=result.queue_name,
        backend_name=result.backend_name,
        args=list(result.args_kwargs.get("args", [])),
        kwargs=dict(result.args_kwargs.get("kwargs", {})),
        exception_class_path=result.exception_class_path,
        traceback=result.traceback,
        task=task,
    )
