"""The one call ticket actions make so that stored SLA clocks stay in step with the trail.

Call it after the action's own audit entries, inside its transaction; it may add one entry
(`sla.terms_set`) when the ticket's policy or calendar changed.
"""

from typing import Any


def ticket_changed(*, actor: Any, ticket: Any) -> None:
    from latitude.sla.clocks.store import refresh_ticket

    refresh_ticket(ticket, actor=actor)
