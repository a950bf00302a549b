"""Enqueues periodic jobs when due, from inside every worker, without cron.

Each tick reads the due rows and, for a job whose last run has finished, moves its
`next_run_at` on with a conditional UPDATE that must still match what was read. Whoever's
UPDATE matches enqueues the run in the same transaction; the other schedulers match nothing.
"""

import logging
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist

from latitude.core.periodic import Periodic, discover_periodic
from latitude.worker.models import PeriodicJob

logger = logging.getLogger(__name__)

IN_FLIGHT = {TaskResultStatus.READY, TaskResultStatus.RUNNING}


class Scheduler:
    def __init__(self, worker_id: str, jobs: dict[str, Periodic] | None = None) -> None:
        self.worker_id = worker_id
        self.jobs = discover_periodic() if jobs is None else jobs
        self._rows_ready = False

    def ensure_rows(self) -> None:
        known = set(PeriodicJob.objects.filter(name__in=self.jobs).values_list("name", flat=True))
        for name in self.jobs.keys() - known:
            try:
                with transaction.atomic():
                    PeriodicJob.objects.create(name=name)
            except IntegrityError:
                pass  # another worker created it first
        self._rows_ready = True

    def tick(self, now: datetime | None = None) -> list[str]:
        """Start every job that is due and not in flight; returns the names started here."""
        if not self._rows_ready:
            self.ensure_rows()
        now = now or timezone.now()
        due = PeriodicJob.objects.filter(name__in=self.jobs, next_run_at__lte=now)
        return [row.name for row in due if not self.in_flight(row) and self.start(row, now)]

    def in_flight(self, row: PeriodicJob) -> bool:
        if not row.last_result_id:
            return False
        backend = self.jobs[row.name].task.get_backend()
        try:
            return backend.get_result(row.last_result_id).status in IN_FLIGHT
        except TaskResultDoesNotExist:
            return False

    def start(self, row: PeriodicJob, now: datetime) -> bool:
        job = self.jobs[row.name]
        with transaction.atomic():
            won = PeriodicJob.objects.filter(
                pk=row.pk, next_run_at=row.next_run_at, last_result_id=row.last_result_id
            ).update(
                next_run_at=now + job.every,
                last_enqueued_at=now,
                leased_by=self.worker_id,
                runs=F("runs") + 1,
            )
            if not won:
                return False
            result = job.task.enqueue()
            PeriodicJob.objects.filter(pk=row.pk).update(last_result_id=str(result.id))
        logger.info("periodic job %s started (result %s)", row.name, result.id)
        return True
