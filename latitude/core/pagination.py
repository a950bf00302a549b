"""Keyset pagination: pages cost the same at row 10 and row 1,000,000."""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from latitude.core.errors import InvalidInput

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class KeysetPage(Generic[M]):
    items: list[M]
    next_cursor: str | None


class _CursorEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds; a cursor must keep every microsecond,
    or rows that share the millisecond of a page's last row are skipped."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime):
            return o.isoformat()
        return super().default(o)


def _encode(values: list[Any]) -> str:
    raw = json.dumps(values, cls=_CursorEncoder, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, fields: list[models.Field[Any, Any]]) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(values, list) or len(values) != len(fields):
            raise ValueError("cursor shape")
        return [_clean(field, value) for field, value in zip(fields, values, strict=True)]
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidInput(_("This cursor is not valid."), field="cursor") from exc
    except Exception as exc:  # ValidationError from to_python
        raise InvalidInput(_("This cursor is not valid."), field="cursor") from exc


def _clean(field: models.Field[Any, Any], value: Any) -> Any:
    """A forged cursor may hold any JSON: check it as the field would (range included)."""
    value = field.to_python(value)
    if value is None:
        raise ValueError("keyset fields are never null")
    field.run_validators(value)
    if isinstance(value, datetime) and timezone.is_naive(value):
        raise ValueError("cursor times carry their offset")
    return value


def _after(ordering: list[str], values: list[Any]) -> Q:
    """Rows strictly after `values` in `ordering`: (a > x) or (a = x and b > y) ..."""
    condition = Q()
    for index, key in reversed(list(enumerate(ordering))):
        name = key.lstrip("-")
        op = "lt" if key.startswith("-") else "gt"
        step = Q(**{f"{name}__{op}": values[index]})
        if index < len(ordering) - 1:
            step |= Q(**{name: values[index]}) & condition
        condition = step
    return condition


def _concrete_field(model: type[models.Model], name: str) -> "models.Field[Any, Any]":
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{name} cannot order a keyset page")
    return field


def keyset_page(
    queryset: models.QuerySet[M], *, ordering: list[str], cursor: str | None, size: int
) -> KeysetPage[M]:
    """One page of `queryset` in `ordering`, which must end with a unique field (the pk)."""
    model = queryset.model
    fields = [_concrete_field(model, key.lstrip("-")) for key in ordering]
    queryset = queryset.order_by(*ordering)
    if cursor:
        queryset = queryset.filter(_after(ordering, _decode(cursor, fields)))
    rows = list(queryset[: size + 1])
    items, more = rows[:size], len(rows) > size
    next_cursor = None
    if more and items:
        last = items[-1]
        next_cursor = _encode([getattr(last, field.attname) for field in fields])
    return KeysetPage(items=items, next_cursor=next_cursor)
