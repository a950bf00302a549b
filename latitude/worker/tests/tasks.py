"""Tasks used by the worker tests (importable by path, as every task must be)."""

from django.core.cache import cache
from django_tasks import task

CALLS: list[str] = []


@task()
def add(a: int, b: int) -> int:
    CALLS.append(f"add:{a}:{b}")
    return a + b


@task()
def always_fails(key: str) -> None:
    CALLS.append(f"fail:{key}")
    raise RuntimeError(f"broken {key}")


@task()
def fails_first(key: str, times: int = 1) -> str:
    """Fails the first `times` calls for this key (counted in the cache), then succeeds."""
    count = cache.get_or_set(f"fails_first:{key}", 0)
    cache.set(f"fails_first:{key}", count + 1)
    CALLS.append(f"fails_first:{key}:{count}")
    if count < times:
        raise RuntimeError(f"attempt {count} failed")
    return "done"


@task()
def periodic_tick() -> str:
    CALLS.append("tick")
    return "tick"


@task()
def periodic_broken() -> None:
    CALLS.append("broken")
    raise RuntimeError("periodic job failed")
