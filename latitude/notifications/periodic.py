from datetime import timedelta

from latitude.core.periodic import Periodic
from latitude.notifications.tasks import deliver_due_outbox, purge_sent_outbox, send_digests

PERIODIC = [
    Periodic(name="notifications.outbox", task=deliver_due_outbox, every=timedelta(minutes=1)),
    Periodic(name="notifications.digests", task=send_digests, every=timedelta(minutes=10)),
    Periodic(name="notifications.purge_outbox", task=purge_sent_outbox, every=timedelta(hours=6)),
]
