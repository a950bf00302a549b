"""Filters of the SLA pages: business durations in words."""

from django import template

from latitude.sla.choices import AssignmentTarget, ClockKind
from latitude.sla.clocks.timeline import format_minutes

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
