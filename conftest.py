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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """With --reuse-db the test database outlives a run, and the transactional tests at its end
    flush it: put back the standard grants its migration seeded, or the next run starts from a
    desk where nobody may decide anything."""
    from latitude.testing.scopes import install_standard_grants

    with django_db_blocker.unblock():
        install_standard_grants()
