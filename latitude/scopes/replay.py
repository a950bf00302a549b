"""The arguments of a guarded action, stored with a decision request and read back to carry
it out once approved: JSON with tagged model references, times, amounts and grant terms."""

from dataclasses import asdict
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.dateparse import parse_datetime

from latitude.core.errors import InvalidTransition

# Never stored: the actor is the request's requester, and the version a caller saw then is
# meaningless later (the approver's check runs against the row as it is when approved).
NOT_REPLAYED = frozenset({"actor", "expected_version"})


def encode_arguments(kwargs: dict[str, Any]) -> dict[str, Any]:
    return {name: _encode(value) for name, value in kwargs.items() if name not in NOT_REPLAYED}


def decode_arguments(stored: dict[str, Any]) -> dict[str, Any]:
    return {name: _decode(value) for name, value in stored.items()}


def _encode(value: Any) -> Any:
    from latitude.scopes.terms import GrantTerms

    if isinstance(value, models.Model):
        return {"$model": value._meta.label_lower, "pk": value.pk}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, GrantTerms):
        return {"$terms": _encode(asdict(value))}
    if isinstance(value, dict):
        return {str(key): _encode(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot store a {type(value).__name__} with a decision request")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "$model" in value:
        return _instance(value["$model"], value["pk"])
    if "$datetime" in value:
        return parse_datetime(value["$datetime"])
    if "$decimal" in value:
        return Decimal(value["$decimal"])
    if "$terms" in value:
        from latitude.scopes.terms import GrantTerms

        return GrantTerms(**_decode(value["$terms"]))
    return {key: _decode(item) for key, item in value.items()}


def _instance(label: str, pk: Any) -> models.Model:
    instance = apps.get_model(label)._default_manager.filter(pk=pk).first()
    if instance is None:
        raise InvalidTransition(
            "Something this request refers to no longer exists; it cannot be carried out."
        )
    return instance
