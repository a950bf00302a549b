from decimal import Decimal
from typing import Any

from django import template

from latitude.core.money import display_amount

register = template.Library()


@register.filter
def money(amount: Decimal | None, currency: Any) -> str:
    """{{ ticket.cost_amount|money:ticket.cost_currency }} -> "1.200,00 €" in German."""
    return display_amount(amount, str(currency or ""))
