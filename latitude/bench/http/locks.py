"""While the load runs on PostgreSQL: how often the server's busy backends wait for a lock.

A high share says creations queue behind each other's row locks (the ticket-number counter),
a low one that the time goes elsewhere (CPU, commits).
"""

import threading
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import urlparse

import psycopg

INTERVAL = 0.05
SAMPLE = (
    "SELECT count(*) FILTER (WHERE state = 'active'), "
    "count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock') "
    "FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
)


@dataclass
class LockSampler:
    url: str
    active: int = 0
    waiting: int = 0
    samples: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> "LockSampler":
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        database = urlparse(self.url).path.strip("/")
        with psycopg.connect(self.url, autocommit=True) as db:
            while not self._stop.wait(INTERVAL):
                row = db.execute(SAMPLE, (database,)).fetchone()
                if row:
                    self.active, self.waiting = self.active + row[0], self.waiting + row[1]
                    self.samples += 1

    def result(self) -> dict[str, Any]:
        share = self.waiting / self.active if self.active else None
        return {
            "samples": self.samples,
            "mean_active_backends": self.active / self.samples if self.samples else None,
            "lock_wait_share": share,
        }

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
