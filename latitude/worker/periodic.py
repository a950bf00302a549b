from datetime import timedelta

from latitude.core.periodic import Periodic
from latitude.worker.tasks import clear_expired_sessions, purge_finished_tasks, recover_lost

PERIODIC = [
    Periodic(name="worker.recover_lost", task=recover_lost, every=timedelta(minutes=1)),
    Periodic(name="worker.clear_sessions", task=clear_expired_sessions, every=timedelta(hours=6)),
    Periodic(name="worker.purge_tasks", task=purge_finished_tasks, every=timedelta(hours=24)),
]
