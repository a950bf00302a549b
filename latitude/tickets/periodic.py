from datetime import timedelta

from latitude.core.periodic import Periodic
from latitude.tickets.tasks import delete_orphaned_attachment_files

PERIODIC = [
    Periodic(
        name="tickets.orphaned_files",
        task=delete_orphaned_attachment_files,
        every=timedelta(hours=24),
    )
]
