"""Reads about grants: history, what a person holds, comparisons between versions."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from latitude.core.errors import NotFound
from latitude.scopes import cache
from latitude.scopes.diff import diff_versions
from latitude.scopes.evaluator import Verdict, evaluate
from latitude.scopes.holders import profile_of
from latitude.scopes.models import Grant, GrantVersion


def grant_history(grant_id: int) -> QuerySet[GrantVersion]:
    """Every version of a grant, oldest first."""
    return GrantVersion.objects.filter(grant_id=grant_id).select_related("created_by")


def current_versions() -> QuerySet[GrantVersion]:
    return GrantVersion.objects.current().select_related("grant", "holder_person", "holder_team")


def get_version(grant_id: int, version: int) -> GrantVersion:
    found = GrantVersion.objects.filter(grant_id=grant_id, version=version).first()
    if found is None:
        raise NotFound("No such grant version.")
    return found


def compare_versions(grant_id: int, older: int, newer: int) -> dict[str, Any]:
    return diff_versions(get_version(grant_id, older), get_version(grant_id, newer))


def grants_of(actor: Any, decision: str) -> list[GrantVersion]:
    """The versions that give the actor a say on `decision` right now (for "my latitude")."""
    now = timezone.now()
    held = cache.grants_held(profile_of(actor), decision)
    return [grant.version for grant in held if grant.is_valid_at(now)]


def delegations_of(grant: Grant) -> QuerySet[Grant]:
    return grant.delegations.all()


def verdicts_for(
    actor: Any, subject: Any, decisions: dict[str, dict[str, Any] | None]
) -> dict[str, Verdict]:
    """Before the click: for each guarded decision offered on a page, whether the actor may
    take it alone and why (`decisions` maps a decision name to the facts the action would
    supply, e.g. {"ticket.set_priority": {"to": 1}})."""
    with cache.pinned():
        return {name: evaluate(actor, name, subject, facts) for name, facts in decisions.items()}
