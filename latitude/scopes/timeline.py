"""Sentences for the decision-request entries that ticket timelines show (audit verbs of
`scopes.events` and `scopes.informing`), built at display time in the reader's language."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from latitude.core.models import AuditEntry
from latitude.scopes import events, informing, registry


def _decision(entry: AuditEntry) -> str:
    name = str(entry.context.get("decision", ""))
    return str(registry.get(name).label) if registry.is_registered(name) else name


def _values(entry: AuditEntry) -> dict[str, str]:
    return {"actor": entry.actor_repr, "decision": _decision(entry)}


def _requested(entry: AuditEntry, names: Any) -> str:
    if entry.context.get("reused"):
        return _("%(actor)s asked for the same decision again: %(decision)s.") % _values(entry)
    return _("%(actor)s asked for a decision: %(decision)s.") % _values(entry)


def _approved(entry: AuditEntry, names: Any) -> str:
    return _("%(actor)s approved the request: %(decision)s.") % _values(entry)


def _declined(entry: AuditEntry, names: Any) -> str:
    return _("%(actor)s declined the request: %(decision)s.") % _values(entry)


def _withdrawn(entry: AuditEntry, names: Any) -> str:
    return _("%(actor)s withdrew the request: %(decision)s.") % _values(entry)


def _expired(entry: AuditEntry, names: Any) -> str:
    return _("The request expired without a decision: %(decision)s.") % _values(entry)


def _rerouted(entry: AuditEntry, names: Any) -> str:
    return _("The request moved on from people who are away: %(decision)s.") % _values(entry)


def _informed(entry: AuditEntry, names: Any) -> str:
    count = len(entry.context.get("informed", []))
    return _("%(actor)s decided and informed %(count)d people: %(decision)s.") % {
        **_values(entry),
        "count": count,
    }


SENTENCES: dict[str, Callable[[AuditEntry, Any], str]] = {
    events.REQUESTED: _requested,
    events.APPROVED: _approved,
    events.DECLINED: _declined,
    events.WITHDRAWN: _withdrawn,
    events.EXPIRED: _expired,
    events.REROUTED: _rerouted,
    informing.INFORMED: _informed,
}


def detail(entry: AuditEntry) -> str:
    """The note an approver or decliner gave, for agents."""
    if entry.verb in SENTENCES:
        return str(entry.context.get("note") or "")
    return ""
