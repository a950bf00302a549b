"""Presentation helpers for decision scopes: verdict hints, holder names, the inbox badge."""

from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.utils.translation import gettext as _

from latitude.scopes import registry
from latitude.scopes.inbox import pending_count

register = template.Library()


@register.filter
def lookup(mapping: Mapping[Any, Any] | None, key: Any) -> Any:
    """`{{ verdicts|lookup:"ticket.resolve" }}`: a value by a key held in a variable."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def names_of(people: Iterable[Any]) -> str:
    """ "Ada, Ben and Cy" for people or candidates (anything with `.person` or a name)."""
    names = [str(getattr(item, "person", item)) for item in people]
    if len(names) < 2:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


@register.filter
def decision_label(name: str) -> str:
    """The registered label of a decision, or its name if it is no longer registered."""
    if not registry.is_registered(name):
        return name
    return str(registry.get(name).label)


@register.simple_tag
def pending_decisions_for(user: Any) -> int:
    """How many decision requests wait for the person (one indexed count)."""
    return pending_count(user)
