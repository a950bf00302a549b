"""Fixtures for portal tests: a signed-in requester and tickets in known states."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from latitude.people.models import User
from latitude.testing.factories import RequesterFactory

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def png_upload(name: str = "screenshot.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


@pytest.fixture
def requester(db) -> User:
    return RequesterFactory(full_name="Rita Requester")


@pytest.fixture
def requester_client(client: Client, requester: User) -> Client:
    client.force_login(requester)
    return client
