"""Who reaches which SLA page: administrators change calendars and policies, team leads read
them; agents, leads and administrators read the reports. To anyone else the pages do not exist."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from latitude.people.models import Team
from latitude.tickets.views.access import agent_required

View = Callable[..., HttpResponse]


def is_lead(user: Any) -> bool:
    cached = getattr(user, "_latitude_sla_lead", None)
    if cached is None:
        cached = Team.objects.filter(lead_id=user.pk, is_active=True).exists()
        user._latitude_sla_lead = cached
    return bool(cached)


def may_read_settings(user: Any) -> bool:
    return bool(getattr(user, "is_admin", False)) or is_lead(user)


def settings_reader_required(view: View) -> View:
    """Administrators and team leads; the pages offer writes to administrators only, and the
    actions refuse everyone else whatever is posted."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_read_settings(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return agent_required(wrapper)


__all__ = ["agent_required", "is_lead", "may_read_settings", "settings_reader_required"]
