"""The only writers of scope suggestions: accept (then the manager edits the grant) and
dismiss with a note. Neither changes a grant."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from latitude.core import audit
from latitude.core.errors import InvalidInput, InvalidTransition, NotFound
from latitude.scopes.models import ScopeSuggestion, SuggestionStatus
from latitude.scopes.trust.review import may_manage

ACCEPTED = "scopes.suggestion_accepted"
DISMISSED = "scopes.suggestion_dismissed"


def _lock(actor: Any, suggestion_id: int) -> ScopeSuggestion:
    suggestion = ScopeSuggestion.objects.select_for_update().filter(pk=suggestion_id).first()
    if suggestion is None or not may_manage(actor, suggestion):
        raise NotFound(_("There is no such suggestion."))
    if not suggestion.is_open:
        raise InvalidTransition(_("This suggestion has already been answered."))
    return suggestion


def _answer(actor: Any, suggestion: ScopeSuggestion, status: str, note: str, verb: str) -> None:
    suggestion.status = status
    suggestion.decided_by = actor
    suggestion.decided_at = timezone.now()
    suggestion.note = note
    suggestion.save(update_fields=["status", "decided_by", "decided_at", "note"])
    audit.record(
        actor=actor,
        verb=verb,
        subject=suggestion,
        context={
            "kind": suggestion.kind,
            "decision": suggestion.decision,
            "holder": suggestion.holder_key,
            "grant": suggestion.grant_id,
            "grant_version": suggestion.grant_version,
            "note": note,
        },
    )


@transaction.atomic
def accept_suggestion(*, actor: Any, suggestion_id: int, note: str = "") -> ScopeSuggestion:
    """Mark it accepted; the change itself is the manager's own edit of the grant."""
    suggestion = _lock(actor, suggestion_id)
    _answer(actor, suggestion, SuggestionStatus.ACCEPTED, note.strip(), ACCEPTED)
    return suggestion


@transaction.atomic
def dismiss_suggestion(*, actor: Any, suggestion_id: int, note: str) -> ScopeSuggestion:
    suggestion = _lock(actor, suggestion_id)
    if not note.strip():
        raise InvalidInput(_("Say why you dismiss this suggestion."), field="note")
    _answer(actor, suggestion, SuggestionStatus.DISMISSED, note.strip(), DISMISSED)
    return suggestion
