"""Timeline sentences for approvals, goodwill and undone merges (the rest are in `timeline`)."""

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from latitude.core.models import AuditEntry
from latitude.core.money import display_amount
from latitude.tickets import events


def _money(amount: Any, currency: Any) -> str:
    try:
        return display_amount(Decimal(str(amount)), str(currency or ""))
    except (InvalidOperation, ValueError):
        return ""


def _approval_required(entry: AuditEntry, names: Any) -> str:
    cost = _money(entry.context.get("cost_amount"), entry.context.get("currency"))
    if cost:
        return _("The request needs approval (cost %(cost)s).") % {"cost": cost}
    return _("The request needs approval.")


def _approved(entry: AuditEntry, names: Any) -> str:
    return _("%(actor)s approved the request.") % {"actor": entry.actor_repr}


def _rejected(entry: AuditEntry, names: Any) -> str:
    return _("%(actor)s rejected the request.") % {"actor": entry.actor_repr}


def _approval_revoked(entry: AuditEntry, names: Any) -> str:
    return _("%(actor)s revoked the approval.") % {"actor": entry.actor_repr}


def _cost_changed(entry: AuditEntry, names: Any) -> str:
    old = entry.changes.get("cost_amount") or [None, None]
    currencies = entry.changes.get("cost_currency") or [None, None]
    values = {
        "actor": entry.actor_repr,
        "old": _money(old[0], currencies[0]) or _("none"),
        "new": _money(old[1], currencies[1]),
    }
    return _("%(actor)s changed the cost from %(old)s to %(new)s.") % values


def _goodwill_granted(entry: AuditEntry, names: Any) -> str:
    return _("%(actor)s granted goodwill of %(amount)s.") % {
        "actor": entry.actor_repr,
        "amount": _money(entry.context.get("amount"), entry.context.get("currency")),
    }


def _goodwill_revoked(entry: AuditEntry, names: Any) -> str:
    return _("%(actor)s revoked the goodwill of %(amount)s.") % {
        "actor": entry.actor_repr,
        "amount": _money(entry.context.get("amount"), entry.context.get("currency")),
    }


def _unmerged(entry: AuditEntry, names: Any) -> str:
    return _("%(actor)s undid the merge into %(number)s; this ticket is open again.") % {
        "actor": entry.actor_repr,
        "number": entry.context.get("from", ""),
    }


def _unmerged_from(entry: AuditEntry, names: Any) -> str:
    return _("%(actor)s took %(number)s out of this ticket again.") % {
        "actor": entry.actor_repr,
        "number": entry.context.get("number", ""),
    }


DECISION_SENTENCES: dict[str, Callable[[AuditEntry, Any], str]] = {
    events.APPROVAL_REQUIRED: _approval_required,
    events.APPROVED: _approved,
    events.REJECTED: _rejected,
    events.APPROVAL_REVOKED: _approval_revoked,
    events.COST_CHANGED: _cost_changed,
    events.GOODWILL_GRANTED: _goodwill_granted,
    events.GOODWILL_REVOKED: _goodwill_revoked,
    events.UNMERGED: _unmerged,
    events.UNMERGED_FROM: _unmerged_from,
}
