"""The only writer of audit entries."""

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from latitude.core.models import AuditEntry
from latitude.core.request_context import current_request_id


def subject_type_of(subject: models.Model) -> str:
    return subject._meta.label_lower


def record(
    *,
    actor: Any,
    verb: str,
    subject: models.Model,
    changes: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
    on_behalf_of: Any = None,
) -> AuditEntry:
    """Append an audit entry; must run inside the transaction of the change it records."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must be called inside the action's transaction")
    return AuditEntry.objects.create(
        occurred_at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_repr=str(actor)[:200],
        on_behalf_of=on_behalf_of,
        verb=verb,
        subject_type=subject_type_of(subject),
        subject_id=subject.pk,
        subject_repr=str(subject)[:200],
        changes=changes or {},
        context=context or {},
        request_id=current_request_id(),
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Only the fields whose value changed, as {field: [old, new]}."""
    return {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }
