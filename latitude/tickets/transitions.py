"""The ticket lifecycle as data, and pure checks on it (no database access)."""

from django.utils.translation import gettext as _

from latitude.tickets.choices import AWAITING_APPROVAL, Status

WORKING = {Status.IN_PROGRESS, Status.WAITING_REQUESTER, Status.WAITING_THIRD_PARTY}

ALLOWED: dict[Status, set[Status]] = {
    Status.NEW: WORKING | {Status.RESOLVED},
    Status.IN_PROGRESS: {Status.WAITING_REQUESTER, Status.WAITING_THIRD_PARTY, Status.RESOLVED},
    Status.WAITING_REQUESTER: {Status.IN_PROGRESS, Status.WAITING_THIRD_PARTY, Status.RESOLVED},
    Status.WAITING_THIRD_PARTY: {Status.IN_PROGRESS, Status.WAITING_REQUESTER, Status.RESOLVED},
    Status.RESOLVED: {Status.CLOSED, Status.IN_PROGRESS},
    Status.CLOSED: {Status.IN_PROGRESS},
}


def allowed_targets(current: str) -> set[Status]:
    return ALLOWED.get(Status(current), set())


def refusal_reason(current: str, target: str) -> str | None:
    """None when `current -> target` is legal, otherwise a sentence that says why not."""
    if current == target:
        return _("The ticket is already %(status)s.") % {"status": Status(current).label}
    if Status(target) in allowed_targets(current):
        return None
    if current == Status.CLOSED:
        return _("A closed ticket can only be reopened.")
    if target == Status.CLOSED:
        return _("Only a resolved ticket can be closed; resolve it first.")
    if target == Status.NEW:
        return _("A ticket cannot go back to new.")
    return _("A %(current)s ticket cannot be set to %(target)s.") % {
        "current": Status(current).label,
        "target": Status(target).label,
    }


def is_reopen(current: str, target: str) -> bool:
    return current in (Status.RESOLVED, Status.CLOSED) and target == Status.IN_PROGRESS


def approval_refusal(approval: str, target: str) -> str | None:
    """Fulfilling a request that waits for its approval is refused: resolving it needs the
    approval (or a rejection, which the resolution then explains)."""
    if target == Status.RESOLVED and approval in AWAITING_APPROVAL:
        return _(
            "This request is waiting for approval; it can be resolved once it is approved "
            "or rejected."
        )
    return None
