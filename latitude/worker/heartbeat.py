"""Worker identity and heartbeat, so other workers can tell a live worker from a lost one."""

import os
import socket
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from latitude.worker.models import WorkerProcess


def new_worker_id() -> str:
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


class Heartbeat:
    def __init__(self, worker_id: str) -> None:
        self.worker_id = worker_id
        self._last = 0.0

    def beat(self, *, force: bool = False) -> None:
        if not force and time.monotonic() - self._last < settings.LATITUDE_WORKER_HEARTBEAT_SECONDS:
            return
        WorkerProcess.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "hostname": socket.gethostname()[:200],
                "pid": os.getpid(),
                "last_seen_at": timezone.now(),
                "stopped_at": None,
            },
        )
        self._last = time.monotonic()

    def stop(self) -> None:
        WorkerProcess.objects.filter(worker_id=self.worker_id).update(stopped_at=timezone.now())


def lost_worker_ids() -> set[str]:
    """Workers that stopped, or whose heartbeat is older than LATITUDE_WORKER_LOST_SECONDS."""
    cutoff = timezone.now() - timedelta(seconds=settings.LATITUDE_WORKER_LOST_SECONDS)
    stale = WorkerProcess.objects.filter(last_seen_at__lt=cutoff)
    stopped = WorkerProcess.objects.filter(stopped_at__isnull=False)
    return set(stale.values_list("worker_id", flat=True)) | set(
        stopped.values_list("worker_id", flat=True)
    )
