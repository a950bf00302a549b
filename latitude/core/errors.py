"""Domain errors with stable codes; interfaces map them to form errors or problem+json."""

from typing import Any


class DomainError(Exception):
    """A refused operation. `code` is stable and documented; `message` is for people."""

    code = "domain_error"
    status = 422

    def __init__(self, message: str, *, field: str | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.message = str(message)
        self.field = field
        self.extra = extra


class NotFound(DomainError):
    """The object does not exist or the actor may not see it; both look the same."""

    code = "not_found"
    status = 404


class NotPermitted(DomainError):
    """The actor sees the object but may not perform this operation on it."""

    code = "not_permitted"
    status = 403


class InvalidInput(DomainError):
    code = "invalid"
    status = 422


class InvalidTransition(DomainError):
    code = "invalid_transition"
    status = 409


class Conflict(DomainError):
    code = "conflict"
    status = 409


class StaleVersion(Conflict):
    """The caller edited an older version of the object (optimistic concurrency)."""


class ConfirmationRequired(DomainError):
    """The operation is allowed but has a consequence the actor must confirm first."""

    code = "confirmation_required"
    status = 409


class OutOfScope(DomainError):
    """A guarded decision the actor may not take alone; nothing was changed.

    `verdict` explains why; once the refusal is handled, `decision_request_id` names the decision
    request that went to the people who could decide it.
    """

    code = "out_of_scope"
    status = 403

    def __init__(self, message: str, *, verdict: Any = None, **extra: Any) -> None:
        super().__init__(message, **extra)
        self.verdict = verdict
        self.handled = False
        self.decision_request_id: int | None = None
