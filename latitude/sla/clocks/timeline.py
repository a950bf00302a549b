"""Sentences for the lines of a clock's timeline ("paused 2 h 10 min waiting on requester")."""

from collections.abc import Callable

from django.utils.translation import gettext as _

from latitude.sla.clocks.types import TimelineItem
from latitude.tickets.choices import Status


def format_minutes(minutes: int) -> str:
    """ "2 h 10 min": business time at the precision people act on (sign left to the caller)."""
    hours, mins = divmod(abs(int(minutes)), 60)
    if hours and mins:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": mins}
    if hours:
        return _("%(hours)d h") % {"hours": hours}
    return _("%(minutes)d min") % {"minutes": mins}


def duration_text(minutes: int | None) -> str:
    """Business minutes as "2 h 10 min", "45 min" or "3 h", negative with a minus."""
    sign = "-" if (minutes or 0) < 0 else ""
    return sign + format_minutes(minutes or 0)


def _status_label(item: TimelineItem) -> str:
    value = str(item.detail.get("status") or "")
    return str(Status(value).label) if value in Status.values else value


def _started(item: TimelineItem) -> str:
    if item.minutes is None:
        return _("Started")
    return _("Started: target %(target)s of business time") % {
        "target": duration_text(item.minutes)
    }


def _paused(item: TimelineItem) -> str:
    values = {
        "duration": duration_text(item.detail.get("wall_minutes")),
        "business": duration_text(item.minutes),
        "status": _status_label(item),
    }
    if item.detail.get("ongoing"):
        return _("Paused for %(duration)s so far (%(business)s of business time): %(status)s") % (
            values
        )
    return _("Paused %(duration)s (%(business)s of business time): %(status)s") % values


def _target_changed(item: TimelineItem) -> str:
    return _("Target changed from %(previous)s to %(target)s, counted from the start") % {
        "previous": duration_text(item.detail.get("previous")),
        "target": duration_text(item.minutes),
    }


def _extended(item: TimelineItem) -> str:
    if "reason" not in item.detail:
        return _("Extended by %(minutes)s") % {"minutes": duration_text(item.minutes)}
    return _("Extended by %(minutes)s: %(reason)s") % {
        "minutes": duration_text(item.minutes),
        "reason": item.detail["reason"],
    }


def _waived(item: TimelineItem) -> str:
    if "reason" not in item.detail:
        return _("Waived")
    return _("Waived: %(reason)s") % {"reason": item.detail["reason"]}


TEXTS: dict[str, Callable[[TimelineItem], str]] = {
    "started": _started,
    "reset": lambda item: _("Started again on reopening"),
    "continued": lambda item: _("Continued on reopening"),
    "paused": _paused,
    "resumed": lambda item: _("Resumed"),
    "target_changed": _target_changed,
    "calendar_changed": lambda item: (
        _("Calendar changed to %(calendar)s")
        % {"calendar": item.detail.get("calendar") or _("around the clock")}
    ),
    "extended": _extended,
    "waived": _waived,
    "met": lambda item: _("Met"),
    "missed": lambda item: _("Stopped after the target was missed"),
    "breached": lambda item: _("Breached"),
    "due": lambda item: _("Due"),
}


def timeline_text(item: TimelineItem) -> str:
    """A translated sentence for one timeline line (its time is shown next to it)."""
    text = TEXTS.get(item.what)
    return text(item) if text else item.what
