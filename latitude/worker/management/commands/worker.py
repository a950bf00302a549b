"""`latitude worker`: run queued tasks and periodic jobs in one process."""

import logging
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django_tasks import task_backends

from latitude.worker.heartbeat import new_worker_id
from latitude.worker.scheduler import Scheduler


class Command(BaseCommand):
    help = "Run background tasks and periodic jobs (several workers may run at once)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--queue-name", default="default", help="queues, comma-separated, or *")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument("--batch", action="store_true", help="run what is due, then exit")
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument("--worker-id", default="")
        parser.add_argument(
            "--no-periodic", action="store_true", help="run tasks only, never schedule jobs"
        )

    def handle(self, **options: Any) -> None:
        logging.getLogger("latitude").setLevel(logging.INFO)
        worker_id = options["worker_id"] or new_worker_id()
        if len(worker_id) > 64:
            raise CommandError("--worker-id must be at most 64 characters")
        if options["interval"] < 0 or (
            options["max_tasks"] is not None and options["max_tasks"] < 1
        ):
            raise CommandError("--interval must be >= 0 and --max-tasks >= 1")
        scheduler = None if options["no_periodic"] else Scheduler(worker_id)
        backend = type(task_backends["default"]).__module__
        if backend.startswith("django_tasks_db"):
            self._run_database(worker_id, scheduler, options)
        elif backend.startswith("django_tasks_rq"):
            from latitude.worker.rq import run_rq_worker

            run_rq_worker(worker_id, scheduler, options)
        else:
            raise CommandError(f"latitude worker cannot run tasks of {backend}")

    def _run_database(self, worker_id: str, scheduler: Scheduler | None, options: Any) -> None:
        from latitude.worker.runner import LatitudeWorker

        worker = LatitudeWorker(
            scheduler=scheduler,
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name="default",
            startup_delay=not options["batch"],
            max_tasks=options["max_tasks"],
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()
