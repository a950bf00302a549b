"""Amounts of money: ISO 4217 currency codes in use today, and amounts as people read them.

The list of currencies comes from the CLDR data Babel ships (legal tender of some territory
today), so withdrawn codes such as DEM are refused like made-up ones.
"""

from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from babel.core import get_global
from babel.numbers import format_currency, get_territory_currencies
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

MAX_AMOUNT = Decimal("9999999999.99")  # what a DecimalField(max_digits=12, decimal_places=2) holds
CENT = Decimal("0.01")


@cache
def currencies_in_use() -> frozenset[str]:
    territories = get_global("territory_currencies").keys()
    return frozenset(
        code
        for territory in territories
        for code in get_territory_currencies(territory, tender=True)
    )


def is_currency(code: str) -> bool:
    return code in currencies_in_use()


def validate_currency(code: str) -> None:
    """Model-field validator: an upper-case ISO 4217 code in use today."""
    if not is_currency(code):
        raise ValidationError(
            _("%(code)s is not an ISO 4217 currency code in use (such as EUR or CHF).")
            % {"code": code},
            code="currency",
        )


def parse_amount(value: Any) -> Decimal | None:
    """A non-negative amount with at most two decimals, or None when it is not one."""
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    if not amount.is_finite() or amount < 0 or amount > MAX_AMOUNT:
        return None
    if amount != amount.quantize(CENT):
        return None
    return amount.quantize(CENT)


def display_amount(amount: Decimal | None, currency: str) -> str:
    """ "1.234,50 €" in German, "€1,234.50" in English; empty without an amount."""
    if amount is None:
        return ""
    locale = translation.to_locale(translation.get_language() or "en")
    try:
        return format_currency(amount, currency, locale=locale)
    except (ValueError, LookupError):
        return f"{amount} {currency}"
