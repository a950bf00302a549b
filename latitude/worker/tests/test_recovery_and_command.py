"""Runs lost with their worker are retried; `latitude worker --batch` runs queue and schedule;
the clean-up jobs."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from latitude.worker.models import PeriodicJob, TaskAttempt, WorkerProcess
from latitude.worker.recovery import recover_lost_runs
from latitude.worker.tasks import clear_expired_sessions, purge_finished_tasks
from latitude.worker.tests import tasks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("db_backend")]


def _running_on(worker_id, seen_ago):
    WorkerProcess.objects.create(
        worker_id=worker_id, hostname="h", pid=1, last_seen_at=timezone.now() - seen_ago
    )
    result = tasks.add.enqueue(a=1, b=2)
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim(worker_id)
    return row


def test_a_run_whose_worker_stopped_beating_is_failed_and_retried():
    row = _running_on("dead", timedelta(minutes=10))
    assert recover_lost_runs() == 1
    row.refresh_from_db()
    assert row.status == "FAILED"
    assert "WorkerLost" in row.exception_class_path
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs == row.args_kwargs
    assert recover_lost_runs() == 0


def test_a_run_of_a_live_worker_is_left_alone():
    row = _running_on("alive", timedelta(seconds=5))
    assert recover_lost_runs() == 0
    row.refresh_from_db()
    assert row.status == "RUNNING"


def test_worker_batch_schedules_periodic_jobs_and_runs_queued_tasks():
    tasks.add.enqueue(a=20, b=22)
    call_command("worker", "--batch", "--worker-id", "cmd-test")
    assert DBTaskResult.objects.filter(task_path__endswith=".add").get().return_value == 42
    assert PeriodicJob.objects.filter(name="notifications.outbox", runs=1).exists()
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
    worker = WorkerProcess.objects.get(worker_id="cmd-test")
    assert worker.stopped_at is not None


def test_worker_refuses_bad_options():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="worker-id"):
        call_command("worker", "--batch", "--worker-id", "x" * 65)
    with pytest.raises(CommandError, match="interval"):
        call_command("worker", "--batch", "--max-tasks", "0")


def test_expired_sessions_are_cleared():
    store = import_module(settings.SESSION_ENGINE).SessionStore
    old, fresh = store(), store()
    old.set_expiry(-10)
    old.create()
    fresh.create()
    clear_expired_sessions.call()
    assert not store().exists(old.session_key)
    assert store().exists(fresh.session_key)


def test_old_finished_results_and_retry_chains_are_purged(settings):
    settings.LATITUDE_TASK_RESULTS_KEEP_DAYS = 7
    old = tasks.add.enqueue(a=1, b=1)
    new = tasks.add.enqueue(a=2, b=2)
    waiting = tasks.add.enqueue(a=3, b=3)
    long_ago = timezone.now() - timedelta(days=8)
    DBTaskResult.objects.filter(pk__in=[old.id, new.id]).update(status="SUCCESSFUL")
    DBTaskResult.objects.filter(pk=old.id).update(finished_at=long_ago)
    DBTaskResult.objects.filter(pk=new.id).update(finished_at=timezone.now())
    TaskAttempt.objects.create(result_id="r", first_result_id="r", created_at=long_ago)
    purge_finished_tasks.call()
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {
        DBTaskResult.objects.get(pk=new.id).pk,
        DBTaskResult.objects.get(pk=waiting.id).pk,
    }
    assert not TaskAttempt.objects.exists()
