"""Requester-facing pages. They read through selectors and write through actions only."""

from latitude.portal.views.language import change_language
from latitude.portal.views.lists import home
from latitude.portal.views.new import new_incident, new_request
from latitude.portal.views.ticket import accept, reopen, reply, ticket_detail

__all__ = [
    "accept",
    "change_language",
    "home",
    "new_incident",
    "new_request",
    "reopen",
    "reply",
    "ticket_detail",
]
