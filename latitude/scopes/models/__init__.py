"""Grants (what people may decide) and decisions (what they did decide, or asked for)."""

from latitude.scopes.models.decisions import (
    CARRIED_OUT,
    DecisionOutcome,
    DecisionRecord,
    DecisionRequest,
    DecisionRoute,
    RequestKind,
    RequestStatus,
    Reversal,
)
from latitude.scopes.models.grants import Grant, GrantsRevision, GrantVersion, ImmutableError
from latitude.scopes.models.suggestions import (
    ScopeSuggestion,
    SuggestionHolder,
    SuggestionKind,
    SuggestionStatus,
)

__all__ = [
    "CARRIED_OUT",
    "DecisionOutcome",
    "DecisionRecord",
    "DecisionRequest",
    "DecisionRoute",
    "Grant",
    "GrantVersion",
    "GrantsRevision",
    "ImmutableError",
    "RequestKind",
    "RequestStatus",
    "Reversal",
    "ScopeSuggestion",
    "SuggestionHolder",
    "SuggestionKind",
    "SuggestionStatus",
]
