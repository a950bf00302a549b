"""The only writer of audit entries."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from latitude.core.models import AuditEntry
from latitude.core.request_context import current_request_id

# (performer, principal) while someone carries out what another person asked for.
_performing: ContextVar[tuple[Any, Any] | None] = ContextVar("latitude_performing", default=None)


@contextmanager
def performed_by(performer: Any, *, on_behalf_of: Any) -> Iterator[None]:
    """Entries written for `on_behalf_of` inside this block name `performer` as the actor and
    `on_behalf_of` as the person it was done for (an approved decision request)."""
    token = _performing.set((performer, on_behalf_of))
    try:
        yield
    finally:
        _performing.reset(token)


def _attribution(actor: Any, on_behalf_of: Any) -> tuple[Any, Any]:
    performing = _performing.get()
    if performing is None or on_behalf_of is not None:
        return actor, on_behalf_of
    performer, principal = performing
    if getattr(actor, "pk", None) is not None and actor.pk == getattr(principal, "pk", None):
        return performer, principal
    return actor, on_behalf_of


def acting_person(actor: Any) -> Any:
    """Who actually takes what `actor` asked for: the approver while an approved decision
    request of `actor` is carried out, otherwise `actor` (for "approved by" on the row)."""
    return _attribution(actor, None)[0]


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
    actor, on_behalf_of = _attribution(actor, on_behalf_of)
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
