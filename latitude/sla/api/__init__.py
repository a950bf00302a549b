"""The SLA part of /api/v1: a ticket's clocks, policies, calendars and the preview."""

from ninja import Router

from latitude.sla.api import clocks, config

router = Router()
for part in (clocks, config):
    router.add_router("", part.router)

__all__ = ["router"]
