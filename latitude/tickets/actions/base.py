"""Shared steps of ticket actions: locking, authorising, saving with a new version."""

from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from latitude.core.errors import InvalidInput, NotFound, NotPermitted, StaleVersion
from latitude.core.money import is_currency, parse_amount
from latitude.tickets.models import Ticket
from latitude.tickets.visibility import visibility_filter, works_on_filter


def lock_visible(actor: Any, ticket_id: int, *, expected_version: int | None = None) -> Ticket:
    """Lock the ticket row and check that the actor may see it (against the row, not a copy)."""
    ticket = (
        Ticket.objects.select_for_update(of=("self",))
        .filter(Q(pk=ticket_id) & visibility_filter(actor))
        .first()
    )
    if ticket is None:
        raise NotFound("No such ticket.")
    if expected_version is not None and ticket.version != expected_version:
        raise StaleVersion(
            "The ticket was changed by someone else; reload it and try again.",
            current_version=ticket.version,
        )
    return ticket


def lock_workable(actor: Any, ticket_id: int, *, expected_version: int | None = None) -> Ticket:
    """Lock the ticket and require agent rights on it: hidden -> 404, visible only -> 403."""
    ticket = lock_visible(actor, ticket_id, expected_version=expected_version)
    if not Ticket.objects.filter(works_on_filter(actor), pk=ticket.pk).exists():
        raise NotPermitted("Only agents working on this ticket may do that.")
    return ticket


def save_ticket(ticket: Ticket, fields: list[str]) -> None:
    """Persist the named fields, bump the version and the update time."""
    ticket.version += 1
    ticket.updated_at = timezone.now()
    ticket.save(update_fields=[*fields, "version", "updated_at"])


def snapshot(ticket: Ticket, fields: list[str]) -> dict[str, Any]:
    return {field: getattr(ticket, field) for field in fields}


def checked_money(
    amount: Any, currency: str, *, field: str, currency_field: str, positive: bool = False
) -> tuple[Decimal, str]:
    """An amount of at most two decimals and an ISO 4217 code in use, or InvalidInput naming
    the field at fault."""
    parsed = parse_amount(amount) if amount is not None else None
    if parsed is None or (positive and parsed == 0):
        raise InvalidInput(
            _("Give an amount above zero with at most two decimals.")
            if positive
            else _("Give an amount of zero or more with at most two decimals."),
            field=field,
        )
    code = (currency or "").strip().upper()
    if not is_currency(code):
        raise InvalidInput(
            _("Give an ISO 4217 currency code in use, such as EUR or CHF."), field=currency_field
        )
    return parsed, code
