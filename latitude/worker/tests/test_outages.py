"""The worker survives a database outage: it pauses, reconnects and records what it ran."""

import pytest
from django.db import OperationalError, connection, connections
from django_tasks_db.models import DBTaskResult

from latitude.worker import runner
from latitude.worker.models import WorkerProcess
from latitude.worker.tests import tasks
from latitude.worker.tests.conftest import make_worker

pytestmark = pytest.mark.usefixtures("db_backend")


@pytest.fixture
def no_sleep(monkeypatch):
    pauses = []
    monkeypatch.setattr(runner.time, "sleep", pauses.append)
    return pauses


@pytest.mark.django_db
def test_an_unreachable_database_pauses_with_backoff_and_the_loop_goes_on(monkeypatch, no_sleep):
    worker = make_worker(batch=False, interval=1)
    real_claim = worker.claim_next
    failures = iter([OperationalError("server closed the connection")] * 3)

    def flaky_claim():
        error = next(failures, None)
        if error is not None:
            raise error
        return real_claim()

    monkeypatch.setattr(worker, "claim_next", flaky_claim)
    monkeypatch.setattr(connections, "close_all", lambda: None)  # keep the test transaction
    tasks.add.enqueue(a=2, b=3)
    for _ in range(3):
        assert worker.step() is True
    assert no_sleep == [1, 2, 4]
    assert worker.step() is True
    assert worker.outages == 0
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db
def test_a_result_that_could_not_be_written_is_written_when_the_database_is_back(
    monkeypatch, no_sleep
):
    worker = make_worker(batch=False)
    real_write = worker._write
    calls = {"n": 0}

    def write_once_fails(outcome):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("connection lost")
        real_write(outcome)

    monkeypatch.setattr(worker, "_write", write_once_fails)
    monkeypatch.setattr(connections, "close_all", lambda: None)
    result = tasks.add.enqueue(a=1, b=1)
    worker.step()
    assert DBTaskResult.objects.get(pk=result.id).status == "RUNNING"
    assert len(worker.unrecorded) == 1
    worker.step()
    assert worker.unrecorded == []
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"
    assert tasks.CALLS == ["add:1:1"]  # not run twice


def _kill_own_connection():
    pid = connection.connection.info.backend_pid
    with connections.create_connection("default").cursor() as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    return pid


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("health_checks", [True, False])
def test_the_worker_carries_on_after_its_postgresql_connection_is_killed(no_sleep, health_checks):
    """With health checks (the default on PostgreSQL) the next turn reconnects at once;
    without them the turn fails, the worker pauses, and the turn after reconnects."""
    if connection.vendor != "postgresql":
        pytest.skip("terminating a backend is a PostgreSQL operation")
    worker = make_worker(batch=False)
    worker.step()  # connects
    connection.health_check_enabled = health_checks
    old_pid = _kill_own_connection()
    worker.heartbeat._last = 0  # the heartbeat is the first query of the next turn
    assert worker.step() is True
    assert worker.outages == (0 if health_checks else 1)
    result = tasks.add.enqueue(a=4, b=4)
    assert worker.step() is True
    assert worker.outages == 0
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"
    assert connection.connection.info.backend_pid != old_pid
    assert WorkerProcess.objects.filter(worker_id=worker.worker_id).exists()
