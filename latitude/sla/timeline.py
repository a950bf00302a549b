"""Sentences for the SLA entries that ticket timelines show (`sla.*` audit verbs), built at
display time in the reader's language."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from latitude.core.models import AuditEntry
from latitude.sla.choices import ClockKind
from latitude.sla.clocks.timeline import format_minutes

TERMS_SET, EXTENDED, WAIVED = "sla.terms_set", "sla.extended", "sla.waived"
BREACH_RECORDED, WARNING_SENT = "sla.breach_recorded", "sla.warning_sent"


def _clock(entry: AuditEntry) -> str:
    kind = str(entry.context.get("clock", ""))
    return str(ClockKind(kind).label) if kind in ClockKind.values else kind


def _terms_set(entry: AuditEntry, names: Any) -> str:
    policy = entry.context.get("policy_name") or _("no SLA policy")
    calendar = entry.context.get("calendar_name") or _("around the clock")
    return _("SLA terms: %(policy)s, calendar %(calendar)s.") % {
        "policy": policy,
        "calendar": calendar,
    }


def _extended(entry: AuditEntry, names: Any) -> str:
    return _("%(actor)s extended the %(clock)s clock by %(time)s.") % {
        "actor": entry.actor_repr,
        "clock": _clock(entry),
        "time": format_minutes(int(entry.context.get("minutes") or 0)),
    }


def _waived(entry: AuditEntry, names: Any) -> str:
    return _("%(actor)s waived the %(clock)s clock.") % {
        "actor": entry.actor_repr,
        "clock": _clock(entry),
    }


def _breached(entry: AuditEntry, names: Any) -> str:
    return _("The %(clock)s target was missed.") % {"clock": _clock(entry)}


def _warned(entry: AuditEntry, names: Any) -> str:
    return _("The %(clock)s target is close; the owner and the team lead were told.") % {
        "clock": _clock(entry)
    }


SENTENCES: dict[str, Callable[[AuditEntry, Any], str]] = {
    TERMS_SET: _terms_set,
    EXTENDED: _extended,
    WAIVED: _waived,
    BREACH_RECORDED: _breached,
    WARNING_SENT: _warned,
}
