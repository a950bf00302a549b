"""Filters of the SLA pages: business durations in words."""

from django import template

from latitude.sla.pages.durations import format_minutes

register = template.Library()


@register.filter
def business_minutes(minutes: int | None) -> str:
    """ "2 h 10 min" (no sign: the templates say "left" or "overdue")."""
    return "" if minutes is None else format_minutes(minutes)
