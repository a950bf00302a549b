"""A failed task is retried with exponential backoff, then parked visibly, never lost."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from latitude.core.models import AuditEntry
from latitude.testing.factories import AdminFactory, AgentFactory
from latitude.worker.actions import retry_parked_task
from latitude.worker.models import ParkedTask, TaskAttempt
from latitude.worker.retries import backoff
from latitude.worker.tests import tasks
from latitude.worker.tests.conftest import make_worker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("db_backend")]


def _run_due():
    """Let time pass for every waiting retry and run what is ready."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    make_worker().run()


def test_a_failure_is_retried_later_with_doubling_delays(settings):
    settings.LATITUDE_TASK_RETRY_SECONDS = 30
    settings.LATITUDE_TASK_MAX_ATTEMPTS = 4
    tasks.always_fails.enqueue(key="a")
    make_worker().run()
    delays = []
    for _ in range(3):
        waiting = DBTaskResult.objects.get(status="READY")
        delays.append(round((waiting.run_after - waiting.enqueued_at).total_seconds()))
        _run_due()
    assert delays == [30, 60, 120]
    assert tasks.CALLS == ["fail:a"] * 4
    assert DBTaskResult.objects.filter(status="FAILED").count() == 4
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_after_the_last_attempt_the_task_is_parked_with_its_error(settings):
    settings.LATITUDE_TASK_MAX_ATTEMPTS = 2
    first = tasks.always_fails.enqueue(key="b")
    make_worker().run()
    _run_due()
    parked = ParkedTask.objects.get()
    assert parked.task_path == "latitude.worker.tests.tasks.always_fails"
    assert parked.kwargs == {"key": "b"}
    assert parked.attempts == 2
    assert parked.exception_class_path == "builtins.RuntimeError"
    assert parked.error_line == "RuntimeError: broken b"
    assert parked.first_result_id == str(first.id)
    _run_due()
    assert tasks.CALLS == ["fail:b", "fail:b"]


def test_a_task_that_succeeds_on_retry_is_not_parked(settings):
    tasks.fails_first.enqueue(key="c", times=2)
    make_worker().run()
    _run_due()
    _run_due()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    assert not ParkedTask.objects.exists()
    assert TaskAttempt.objects.filter(outcome="retried").count() == 2


def test_an_administrator_retries_a_parked_task_and_it_is_audited(settings):
    settings.LATITUDE_TASK_MAX_ATTEMPTS = 1
    tasks.fails_first.enqueue(key="d", times=1)
    make_worker().run()
    parked = ParkedTask.objects.get()
    admin = AdminFactory()
    retry_parked_task(actor=admin, parked_id=parked.pk)
    make_worker().run()
    parked.refresh_from_db()
    assert parked.retried_by == admin
    assert DBTaskResult.objects.get(pk=parked.retry_result_id).status == "SUCCESSFUL"
    assert AuditEntry.objects.filter(verb="worker.task_retried", subject_id=parked.pk).exists()


def test_only_administrators_retry_and_only_once(settings):
    settings.LATITUDE_TASK_MAX_ATTEMPTS = 1
    tasks.always_fails.enqueue(key="e")
    make_worker().run()
    parked = ParkedTask.objects.get()
    from latitude.core.errors import Conflict, NotPermitted

    with pytest.raises(NotPermitted):
        retry_parked_task(actor=AgentFactory(), parked_id=parked.pk)
    retry_parked_task(actor=AdminFactory(), parked_id=parked.pk)
    with pytest.raises(Conflict):
        retry_parked_task(actor=AdminFactory(), parked_id=parked.pk)


def test_a_task_whose_code_is_gone_is_parked_at_once():
    result = tasks.add.enqueue(a=1, b=2)
    DBTaskResult.objects.filter(pk=result.id).update(task_path="latitude.nowhere.task")
    make_worker().run()
    parked = ParkedTask.objects.get()
    assert parked.task_path == "latitude.nowhere.task"
    assert parked.attempts == 1


def test_handling_the_same_failure_twice_retries_once():
    from latitude.worker.retries import handle_failure
    from latitude.worker.runner import failure_of

    tasks.always_fails.enqueue(key="f")
    make_worker().run()
    failed = DBTaskResult.objects.get(status="FAILED")
    assert handle_failure(failure_of(failed)) == "retried"
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_backoff_is_capped_at_a_day(settings):
    settings.LATITUDE_TASK_RETRY_SECONDS = 3600
    assert backoff(1) == timedelta(hours=1)
    assert backoff(30) == timedelta(days=1)
