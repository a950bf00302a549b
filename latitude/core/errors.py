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
