"""Project-wide pytest configuration: fast hashing, tasks captured, a fixed desk to test on."""

import pytest


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def without_standard_grants(db):
    """Nobody holds any grant: the desk as it would be if the standard grants were revoked."""
    from latitude.testing.scopes import remove_all_grants

    remove_all_grants()
