"""The clean-up of attachment files whose row does not exist."""

import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from latitude.testing.factories import TicketFactory
from latitude.tickets.actions import add_attachment
from latitude.tickets.tasks import delete_orphaned_attachment_files

pytestmark = pytest.mark.django_db


def _age(name: str, hours: float) -> None:
    then = time.time() - hours * 3600
    os.utime(default_storage.path(name), (then, then))


def test_only_old_files_without_a_row_are_removed():
    ticket = TicketFactory()
    upload = SimpleUploadedFile("log.txt", b"fan log", content_type="text/plain")
    kept = add_attachment(actor=ticket.requester, ticket_id=ticket.pk, upload=upload)
    orphan = default_storage.save("attachments/2025/01/0123abcd", ContentFile(b"left behind"))
    in_flight = default_storage.save("attachments/2025/01/4567ef01", ContentFile(b"uploading"))
    for name in (kept.file.name, orphan):
        _age(name, 48)
    assert delete_orphaned_attachment_files.call() == 1
    assert not default_storage.exists(orphan)
    assert default_storage.exists(kept.file.name)
    assert default_storage.exists(in_flight)


def test_nothing_to_do_without_an_attachment_folder():
    assert delete_orphaned_attachment_files.call() == 0
