"""The tickets part of /api/v1, split by concern: resource, workflow, links, conversation."""

from ninja import Router

from latitude.tickets.api import conversation, decisions, links, tickets, workflow

router = Router()
for part in (tickets, workflow, links, decisions, conversation):
    router.add_router("", part.router)

__all__ = ["router"]
