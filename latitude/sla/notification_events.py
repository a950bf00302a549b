"""SLA warnings and breaches, told to the ticket's owner and its team's lead."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from latitude.notifications.registry import EventType, register_event
from latitude.tickets.notification_events import link_for, works_on


def _visible(subject: Any, person: Any) -> bool:
    return works_on(subject, person) or _leads_team_of(subject, person)


def _leads_team_of(ticket: Any, person: Any) -> bool:
    return bool(ticket.team_id and ticket.team.lead_id == getattr(person, "pk", None))


def _event(name: str, label: Any) -> str:
    register_event(
        EventType(
            name=name,
            label=label,
            audience=("agent", "lead"),
            default_channels=("in_app", "email"),
            template=f"sla/notifications/{name.removeprefix('sla.')}",
            visible_to=_visible,
            link=link_for,
        )
    )
    return name


WARNING = _event("sla.warning", _("An SLA target of a ticket you own or lead is due soon"))
BREACHED = _event("sla.breached", _("An SLA target of a ticket you own or lead was breached"))
