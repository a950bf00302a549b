"""Reads for the scope review: who reaches it, which open suggestions a person may answer
(those whose grant they may edit — the decision `scope.edit`, asked as the grant editor asks
it), and where accepting one leads: the grant editor, prefilled, never a change applied."""

from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from latitude.scopes import cache
from latitude.scopes.administration import EditFacts, may_administer
from latitude.scopes.choices import HolderKind, TeamScope
from latitude.scopes.models import (
    Grant,
    GrantVersion,
    ScopeSuggestion,
    SuggestionHolder,
    SuggestionStatus,
)
from latitude.scopes.terms import GrantTerms


def may_review(actor: Any) -> bool:
    return may_administer(actor)


def open_suggestions() -> QuerySet[ScopeSuggestion]:
    return ScopeSuggestion.objects.filter(status=SuggestionStatus.OPEN).select_related(
        "holder_person", "holder_team", "grant"
    )


def new_terms(suggestion: ScopeSuggestion) -> GrantTerms:
    """The grant a suggestion without one would lead to: the holder, this decision."""
    if suggestion.holder_kind == SuggestionHolder.PERSON:
        return GrantTerms(
            holder_kind=HolderKind.PERSON,
            decisions=[suggestion.decision],
            holder_person_id=suggestion.holder_person_id,
        )
    return GrantTerms(
        holder_kind=HolderKind.TEAM,
        decisions=[suggestion.decision],
        holder_team_id=suggestion.holder_team_id,
        team_scope=TeamScope.MEMBERS,
    )


class Managing:
    """Whether the actor may answer suggestions, with the current grant versions read once."""

    def __init__(self, actor: Any, suggestions: list[ScopeSuggestion]) -> None:
        self.actor = actor
        self.editing = EditFacts(actor)
        grant_ids = {s.grant_id for s in suggestions if s.grant_id}
        self.current = {
            version.grant_id: version
            for version in GrantVersion.objects.current().filter(grant_id__in=grant_ids)
        }

    def may_manage(self, suggestion: ScopeSuggestion) -> bool:
        if not getattr(self.actor, "is_active", False):
            return False
        version = self.current.get(suggestion.grant_id or 0)
        if version is not None and not version.revoked:
            return self.editing.may_edit(version)
        terms = new_terms(suggestion)
        verdict = self.editing.verdict(Grant(name=""), None, terms)
        return bool(self.actor.is_admin) if verdict is None else verdict.allowed


def manageable(actor: Any, suggestions: list[ScopeSuggestion]) -> list[ScopeSuggestion]:
    managing = Managing(actor, suggestions)
    with cache.pinned():
        return [s for s in suggestions if managing.may_manage(s)]


def may_manage(actor: Any, suggestion: ScopeSuggestion) -> bool:
    managing = Managing(actor, [suggestion])
    with cache.pinned():
        return managing.may_manage(suggestion)


def editor_url(suggestion: ScopeSuggestion) -> str:
    """The grant editor for the grant concerned, or a new grant prefilled for the holder."""
    if suggestion.grant_id is not None:
        url = reverse("scopes:grant_edit", args=[suggestion.grant_id])
        return f"{url}?{urlencode({'suggestion': suggestion.pk})}"
    terms = new_terms(suggestion)
    query = {
        "suggestion": suggestion.pk,
        "holder_kind": terms.holder_kind,
        "holder_person": terms.holder_person_id or "",
        "holder_team": terms.holder_team_id or "",
        "decisions": suggestion.decision,
    }
    return f"{reverse('scopes:grant_new')}?{urlencode(query)}"
