from typing import Any

from django import template
from django.apps import apps
from django.conf import settings

from latitude.notifications.selectors import unread_count

register = template.Library()


@register.filter
def choice_label(value: Any, field_path: str) -> str:
    """A stored choice's label in the active language: `x|choice_label:"app.Model.field"`."""
    app_label, model_name, field_name = field_path.split(".")
    field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
    for choice, label in getattr(field, "choices", None) or []:
        if choice == value:
            return str(label)
    return str(value)


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notification_bell(context: template.Context) -> dict[str, Any]:
    """The bell in the page header; it polls its own count with htmx."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {
        "show": True,
        "count": unread_count(user),
        "poll_seconds": settings.LATITUDE_BELL_POLL_SECONDS,
    }
