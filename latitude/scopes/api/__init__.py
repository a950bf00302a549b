"""The decision-scopes part of /api/v1: grants, the registry and dry-run verdicts, decision
requests, decision records, and the caller's absences."""

from ninja import Router

from latitude.scopes.api import absences, decisions, grants, records, requests

router = Router()
for part in (grants, decisions, requests, records, absences):
    router.add_router("", part.router)

__all__ = ["router"]
