"""Arranging decision requests for the page tests through the real actions."""

import html
from typing import Any

import pytest

from latitude.core.errors import OutOfScope
from latitude.scopes.models import DecisionRequest
from latitude.tickets import actions
from latitude.tickets.models import Ticket


def raise_to_p1(agent: Any, ticket: Ticket) -> DecisionRequest:
    """The agent asks for P1 (a lead's call under the standard grants): a request opens."""
    with pytest.raises(OutOfScope) as refused:
        actions.change_priority(actor=agent, ticket_id=ticket.pk, priority=1)
    return DecisionRequest.objects.get(pk=refused.value.decision_request_id)


def text_of(response: Any) -> str:
    """The page as text, with HTML entities read (quotes in messages are escaped)."""
    return html.unescape(response.content.decode())
