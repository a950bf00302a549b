import pytest

from latitude.worker.tests import tasks


@pytest.fixture
def db_backend(settings):
    """Run tasks on the real database backend (the project default) instead of the dummy."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    tasks.CALLS.clear()
    from django.core.cache import cache

    cache.clear()
    yield
    tasks.CALLS.clear()


def make_worker(**overrides):
    from latitude.worker.runner import LatitudeWorker

    options = {
        "scheduler": None,
        "queue_names": ["default"],
        "interval": 0,
        "batch": True,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": "test-worker",
        "excluded_queue_names": [],
    }
    options.update(overrides)
    return LatitudeWorker(**options)
