"""The Redis backend (django-tasks-rq) against the local Redis: enqueue, run through RQ, and
a failure retried through the same retry path. Skipped when Redis does not answer."""

import signal
import uuid

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus

from latitude.worker.models import TaskAttempt
from latitude.worker.tests import tasks

REDIS_URL = "redis://127.0.0.1:6379/15"  # a database of its own; keys carry a unique queue name


def _redis():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    return client


@pytest.fixture
def rq_queue(settings):
    client = _redis()
    # RQ's worker installs SIGINT/SIGTERM handlers of its own; the test process gets ours back.
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    name = f"latitude-test-{uuid.uuid4().hex[:8]}"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [name]}}
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}, name: {"URL": REDIS_URL}}
    settings.RQ = {"WORKER_CLASS": "rq.SimpleWorker"}  # run jobs in this process (test DB)
    tasks.CALLS.clear()
    yield name
    for sig, handler in handlers.items():
        signal.signal(sig, handler)
    _forget(client, name)


def _forget(client, name):
    """Delete every key this test's queue left: jobs, their results, registries, workers."""
    jobs = [
        key.decode().removeprefix("rq:job:")
        for key in client.scan_iter(match="rq:job:*")
        if client.type(key) == b"hash" and client.hget(key, "origin") == name.encode()
    ]
    for job_id in jobs:
        client.delete(f"rq:job:{job_id}", f"rq:results:{job_id}")
    for key in client.scan_iter(match=f"*{name}*"):
        client.delete(key)
    for key in client.scan_iter(match="rq:worker:*"):
        if client.type(key) == b"hash" and name.encode() in (client.hget(key, "queues") or b""):
            client.srem("rq:workers", key)
            client.delete(key)
    client.srem("rq:queues", f"rq:queue:{name}")


def _work(queue_name):
    import django_rq

    worker = django_rq.get_worker(queue_name, job_class="django_tasks_rq.Job")
    worker.work(burst=True)


@pytest.mark.django_db
def test_a_task_is_enqueued_and_run_through_rq(rq_queue):
    result = tasks.add.using(queue_name=rq_queue).enqueue(a=2, b=40)
    assert result.status == TaskResultStatus.READY
    _work(rq_queue)
    finished = tasks.add.get_result(result.id)
    assert finished.status == TaskResultStatus.SUCCESSFUL
    assert finished.return_value == 42
    assert tasks.CALLS == ["add:2:40"]


@pytest.mark.django_db
def test_a_failure_on_rq_is_retried_later_through_the_same_retry_path(rq_queue):
    import django_rq
    from rq.registry import ScheduledJobRegistry

    result = tasks.always_fails.using(queue_name=rq_queue).enqueue(key="rq")
    _work(rq_queue)
    assert tasks.always_fails.get_result(result.id).status == TaskResultStatus.FAILED
    chain = TaskAttempt.objects.get(result_id=result.id)
    assert chain.outcome == "retried"
    registry = ScheduledJobRegistry(queue=django_rq.get_queue(rq_queue))
    assert registry.get_job_ids() == [chain.next_result_id]


@pytest.mark.django_db
def test_latitude_worker_runs_the_rq_queue(rq_queue):
    result = tasks.add.using(queue_name=rq_queue).enqueue(a=1, b=1)
    call_command("worker", "--batch", "--no-periodic", "--queue-name", rq_queue)
    assert tasks.add.get_result(result.id).return_value == 2
