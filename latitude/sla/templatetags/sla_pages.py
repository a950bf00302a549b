"""Filters and tags of the SLA pages: business durations in words, badges."""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from latitude.sla.choices import AssignmentTarget, ClockKind
from latitude.sla.clocks.timeline import format_minutes
from latitude.sla.pages.badges import SlaBadge

register = template.Library()


@register.filter
def business_minutes(minutes: int | None) -> str:
    """ "2 h 10 min" (no sign: the templates say "left" or "overdue")."""
    return "" if minutes is None else format_minutes(minutes)


@register.filter
def clock_label(kind: str) -> str:
    """ "first response" for "response"."""
    return str(ClockKind(kind).label) if kind in ClockKind.values else kind


@register.filter
def target_label(kind: str) -> str:
    """What a calendar is assigned to: "service", "team" or "requester unit"."""
    return str(AssignmentTarget(kind).label) if kind in AssignmentTarget.values else kind


@register.simple_tag
def sla_badge(badge: SlaBadge | None) -> SafeString:
    """An SLA badge, or a dash for a ticket without clocks. A tag rather than an included
    template because a queue renders one per row."""
    if not badge:
        return format_html('<span class="muted" aria-label="{}">—</span>', _("no SLA"))
    if badge.due_at:
        due = date_format(localtime(badge.due_at), "SHORT_DATETIME_FORMAT")
        title = _("%(kind)s due %(due)s") % {"kind": badge.label, "due": due}
    else:
        title = badge.label
    return format_html(
        '<span class="badge sla sla-{}" title="{}" data-sla="{}">{}</span>',
        badge.state,
        title,
        badge.state,
        badge.text,
    )
