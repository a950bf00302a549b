"""`latitude worker` on the Redis backend: RQ's worker runs the tasks (with its scheduler for
delayed retries) while a thread runs the periodic scheduler against the database."""

import logging
import threading
from typing import Any

from django.db import DatabaseError, connections

from latitude.worker.heartbeat import Heartbeat
from latitude.worker.scheduler import Scheduler

logger = logging.getLogger(__name__)


def _schedule_forever(scheduler: Scheduler, interval: float, stop: threading.Event) -> None:
    heartbeat = Heartbeat(scheduler.worker_id)
    while not stop.is_set():
        try:
            heartbeat.beat()
            scheduler.tick()
        except DatabaseError as exc:
            logger.warning("scheduler: database unavailable (%s)", exc)
            connections.close_all()
        stop.wait(max(interval, 1.0))
    connections.close_all()


def run_rq_worker(worker_id: str, scheduler: Scheduler | None, options: dict[str, Any]) -> None:
    import django_rq

    stop = threading.Event()
    if scheduler is not None:
        thread = threading.Thread(
            target=_schedule_forever,
            args=(scheduler, options["interval"], stop),
            name="latitude-scheduler",
            daemon=True,
        )
        thread.start()
    # RQ forks a work horse per job: it must open its own database connections, never share
    # the parent's sockets.
    connections.close_all()
    queues = options["queue_name"].split(",")
    worker = django_rq.get_worker(*queues, job_class="django_tasks_rq.Job", name=worker_id)
    try:
        worker.work(with_scheduler=True, burst=options["batch"], max_jobs=options["max_tasks"])
    finally:
        stop.set()
