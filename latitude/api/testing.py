"""Test helpers for API tests: clients that call as a given person."""

import json
from typing import Any

from django.test import Client

from latitude.people.actions import create_api_token
from latitude.people.models import User


def token_for(user: User) -> str:
    return create_api_token(actor=user, user=user, name="tests").secret


def client_for(user: User) -> Client:
    """A client that authenticates every request with a fresh personal token of `user`."""
    return Client(headers={"Authorization": f"Bearer {token_for(user)}"})


def send(client: Client, method: str, url: str, payload: Any = None, **headers: str) -> Any:
    """Call with a JSON body; returns the response."""
    body = "" if payload is None else json.dumps(payload)
    call = getattr(client, method.lower())
    return call(url, body, content_type="application/json", headers=headers)
