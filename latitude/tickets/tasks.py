"""Background work of the tickets app."""

import logging
from collections.abc import Iterator
from datetime import timedelta

from django.core.files.storage import default_storage
from django.utils import timezone
from django_tasks import task

from latitude.tickets.models import Attachment

logger = logging.getLogger(__name__)

ATTACHMENT_ROOT = "attachments"
# An upload's file is written before its row commits; younger files may still be in flight.
ORPHAN_GRACE = timedelta(hours=6)
CHUNK = 500


def _folders(root: str) -> Iterator[str]:
    """Every folder under `root` (attachments/YYYY/MM), deepest last."""
    if not default_storage.exists(root):
        return
    yield root
    folders, _files = default_storage.listdir(root)
    for folder in sorted(folders):
        yield from _folders(f"{root}/{folder}")


def orphans_in(folder: str, cutoff_age: timedelta = ORPHAN_GRACE) -> list[str]:
    """Files in `folder` that no Attachment row names and that are older than the grace."""
    _folders_here, files = default_storage.listdir(folder)
    if not files:
        return []
    names = [f"{folder}/{name}" for name in files]
    known: set[str] = set()
    for start in range(0, len(names), CHUNK):
        chunk = names[start : start + CHUNK]
        known.update(Attachment.objects.filter(file__in=chunk).values_list("file", flat=True))
    cutoff = timezone.now() - cutoff_age
    return [
        name
        for name in names
        if name not in known and default_storage.get_modified_time(name) < cutoff
    ]


@task()
def delete_orphaned_attachment_files() -> int:
    """Remove stored files whose attachment row does not exist (left by a rolled-back
    transaction around the upload); returns how many were removed."""
    removed = 0
    for folder in list(_folders(ATTACHMENT_ROOT)):
        for name in orphans_in(folder):
            default_storage.delete(name)
            logger.info("removed orphaned attachment file %s", name)
            removed += 1
    return removed
