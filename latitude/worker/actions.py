"""Administrators' writes on background work."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from latitude.core import audit
from latitude.core.errors import Conflict, NotFound, NotPermitted
from latitude.worker.models import ParkedTask, TaskAttempt


@transaction.atomic
def retry_parked_task(*, actor: Any, parked_id: int) -> ParkedTask:
    """Queue a parked task again with a fresh set of attempts."""
    if not getattr(actor, "is_admin", False):
        raise NotPermitted(_("Only administrators may retry parked tasks."))
    parked = ParkedTask.objects.select_for_update().filter(pk=parked_id).first()
    if parked is None:
        raise NotFound(_("No such parked task."))
    if parked.retried_at is not None:
        raise Conflict(_("This task was already retried."))
    task = import_string(parked.task_path).using(
        queue_name=parked.queue_name, backend=parked.backend_name
    )
    result = task.enqueue(*parked.args, **parked.kwargs)
    TaskAttempt.objects.create(result_id=result.id, first_result_id=result.id)
    parked.retried_at, parked.retried_by, parked.retry_result_id = timezone.now(), actor, result.id
    parked.save(update_fields=["retried_at", "retried_by", "retry_result_id"])
    audit.record(
        actor=actor,
        verb="worker.task_retried",
        subject=parked,
        context={"task": parked.task_path, "result_id": str(result.id)},
    )
    return parked
