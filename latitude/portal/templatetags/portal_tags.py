"""Plain-language labels for portal templates."""

from django import template

from latitude.portal.wording import (
    APPROVAL_HINTS,
    APPROVAL_WORDS,
    KIND_WORDS,
    STATUS_HINTS,
    STATUS_WORDS,
)

register = template.Library()


@register.filter
def plain_status(status: str) -> str:
    return str(STATUS_WORDS.get(status, status))


@register.filter
def status_hint(status: str) -> str:
    return str(STATUS_HINTS.get(status, ""))


@register.filter
def plain_kind(kind: str) -> str:
    return str(KIND_WORDS.get(kind, kind))


@register.filter
def plain_approval(approval: str) -> str:
    return str(APPROVAL_WORDS.get(approval, ""))


@register.filter
def approval_hint(approval: str) -> str:
    return str(APPROVAL_HINTS.get(approval, ""))
