"""Who may enter the workspace, and finding a ticket the way people type it."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from latitude.core.errors import InvalidInput, NotFound
from latitude.tickets.models import Ticket
from latitude.tickets.search import NUMBER
from latitude.tickets.selectors import get_ticket_for

View = Callable[..., HttpResponse]


def is_desk_user(user: Any) -> bool:
    return bool(getattr(user, "is_agent", False) or getattr(user, "is_admin", False))


def agent_required(view: View) -> View:
    """Signed-in agents and administrators only; to anyone else the workspace does not exist."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_desk_user(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def normalise_reference(reference: str) -> str:
    """'inc-42', 'INC42' and 'INC-000042' all name the same ticket; digits are an id."""
    reference = reference.strip()
    number = NUMBER.match(reference)
    if number:
        return f"{number.group(1).upper()}-{int(number.group(2)):06d}"
    return reference


def desk_ticket(request: HttpRequest, reference: str) -> Ticket:
    """The ticket the person may see, or 404."""
    try:
        return get_ticket_for(request.user, normalise_reference(reference))
    except (NotFound, ValueError, OverflowError) as exc:
        raise Http404 from exc


def other_ticket(actor: Any, reference: str, *, field: str) -> Ticket:
    """A second ticket named in a form (parent, related, merge target)."""
    try:
        return get_ticket_for(actor, normalise_reference(reference))
    except (NotFound, ValueError, OverflowError) as exc:
        raise InvalidInput(_("No ticket with this number."), field=field) from exc
