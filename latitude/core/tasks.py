"""Helpers for queueing background work only after the surrounding transaction commits."""

from functools import partial
from typing import Any

from django.db import transaction


def enqueue_on_commit(task: Any, /, **kwargs: Any) -> None:
    """Queue `task` with keyword arguments (ids and primitives) once the transaction commits."""
    transaction.on_commit(partial(task.enqueue, **kwargs))
