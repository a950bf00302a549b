"""The decision-scopes part of /api/v1: grants, the registry and dry-run verdicts, decision
requests, decision records, the caller's absences, trust metrics and scope review."""

from ninja import Router

from latitude.scopes.api import absences, decisions, grants, records, requests, trust

router = Router()
for part in (grants, decisions, requests, records, absences, trust):
    router.add_router("", part.router)

__all__ = ["router"]
