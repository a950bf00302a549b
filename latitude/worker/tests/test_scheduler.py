"""Periodic jobs: due jobs start once across several schedulers, never while still running."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from latitude.core.periodic import Periodic, discover_periodic
from latitude.testing.concurrency import file_database, run_together
from latitude.worker.models import ParkedTask, PeriodicJob
from latitude.worker.scheduler import Scheduler
from latitude.worker.tests import tasks
from latitude.worker.tests.conftest import make_worker

EVERY = timedelta(minutes=5)
JOBS = {"test.tick": Periodic(name="test.tick", task=tasks.periodic_tick, every=EVERY)}


def _runs():
    return DBTaskResult.objects.filter(task_path__endswith="periodic_tick").count()


@pytest.mark.django_db
@pytest.mark.usefixtures("db_backend")
def test_two_schedulers_ticking_start_the_job_once():
    first, second = Scheduler("a", JOBS), Scheduler("b", JOBS)
    assert first.tick() == ["test.tick"]
    assert second.tick() == []
    assert _runs() == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("db_backend")
def test_a_job_is_not_started_again_while_its_run_is_waiting_or_running():
    scheduler = Scheduler("a", JOBS)
    scheduler.tick()
    PeriodicJob.objects.update(next_run_at=timezone.now() - timedelta(seconds=1))
    assert scheduler.tick() == []  # still READY
    DBTaskResult.objects.update(status="RUNNING")
    assert scheduler.tick() == []
    make_worker().run_task(DBTaskResult.objects.get())  # finishes it
    assert scheduler.tick() == ["test.tick"]
    assert _runs() == 2


@pytest.mark.django_db
@pytest.mark.usefixtures("db_backend")
def test_the_next_run_is_one_interval_later():
    scheduler = Scheduler("a", JOBS)
    scheduler.ensure_rows()
    now = timezone.now()
    assert scheduler.tick(now) == ["test.tick"]
    make_worker().run()
    assert scheduler.tick(now + EVERY - timedelta(seconds=1)) == []
    assert scheduler.tick(now + EVERY) == ["test.tick"]
    row = PeriodicJob.objects.get()
    assert row.runs == 2
    assert row.leased_by == "a"
    assert tasks.CALLS == ["tick"]


@pytest.mark.django_db
@pytest.mark.usefixtures("db_backend")
def test_a_failing_periodic_run_is_not_retried_or_parked():
    jobs = {"test.broken": Periodic(name="test.broken", task=tasks.periodic_broken, every=EVERY)}
    Scheduler("a", jobs).tick()
    make_worker().run()
    assert DBTaskResult.objects.get().status == "FAILED"
    assert not ParkedTask.objects.exists()
    assert not DBTaskResult.objects.filter(status="READY").exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("db_backend")
def test_schedulers_in_several_workers_at_once_start_one_run(tmp_path):
    with file_database(tmp_path):
        Scheduler("setup", JOBS).ensure_rows()
        schedulers = [Scheduler(f"w{n}", JOBS) for n in range(4)]
        results = run_together([scheduler.tick for scheduler in schedulers])
        assert not [r for r in results if isinstance(r, Exception)], results
        assert sorted(len(r) for r in results) == [0, 0, 0, 1]
        assert _runs() == 1


def test_every_app_declares_valid_periodic_jobs():
    jobs = discover_periodic()
    expected = {
        "notifications.outbox",
        "notifications.digests",
        "notifications.purge_outbox",
        "worker.recover_lost",
        "worker.clear_sessions",
        "worker.purge_tasks",
        "tickets.orphaned_files",
    }
    assert expected <= set(jobs)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"name": ""}, ValueError),
        ({"every": timedelta(0)}, ValueError),
        ({"task": print}, TypeError),
    ],
)
def test_periodic_declarations_are_checked(kwargs, error):
    base = {"name": "x", "task": tasks.periodic_tick, "every": EVERY}
    with pytest.raises(error, match="periodic job"):
        Periodic(**{**base, **kwargs})
