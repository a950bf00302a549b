"""Periodic jobs, declared by each app in `<app>/periodic.py` as a list named `PERIODIC`.

The `latitude worker` command enqueues each job when it is due; a row lease in the database
keeps at most one run of a job in flight across all workers (see `latitude.worker.scheduler`).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class Periodic:
    """A django-tasks task run every `every`; the task takes no arguments (or defaults only)."""

    name: str
    task: Any
    every: timedelta

    def __post_init__(self) -> None:
        if not self.name or len(self.name) > 100:
            raise ValueError("a periodic job needs a name of at most 100 characters")
        if self.every < timedelta(seconds=1):
            raise ValueError(f"periodic job {self.name!r} must run at most once a second")
        if not hasattr(self.task, "enqueue"):
            raise TypeError(f"periodic job {self.name!r} needs a django-tasks task")


def _declared_in(module_name: str) -> list[Periodic]:
    try:
        module = import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return []
        raise
    return list(getattr(module, "PERIODIC", []))


def discover_periodic() -> dict[str, Periodic]:
    """Every installed app's periodic jobs by name; a name declared twice is an error."""
    jobs: dict[str, Periodic] = {}
    for config in apps.get_app_configs():
        for job in _declared_in(f"{config.name}.periodic"):
            if job.name in jobs:
                raise ValueError(f"periodic job {job.name!r} is declared twice")
            jobs[job.name] = job
    return jobs


def by_name(jobs: Iterable[Periodic]) -> dict[str, Periodic]:
    return {job.name: job for job in jobs}
