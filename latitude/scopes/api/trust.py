"""Trust metrics per person and team, and the scope review suggestions a manager answers."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from latitude.api.auth import actor_of
from latitude.api.schemas import PathId, problems
from latitude.core.errors import NotFound
from latitude.scopes.api.schemas.trust import (
    AnswerIn,
    DismissIn,
    MetricsOut,
    MetricsRowOut,
    PeriodQuery,
    SuggestionOut,
)
from latitude.scopes.models import ScopeSuggestion
from latitude.scopes.trust.actions import accept_suggestion, dismiss_suggestion
from latitude.scopes.trust.metrics import HolderKind, Period, holder_metrics
from latitude.scopes.trust.review import manageable, open_suggestions
from latitude.scopes.trust.visibility import person_for, team_for

router = Router(tags=["trust metrics"])


def _metrics(kind: HolderKind, holder_id: int, query: PeriodQuery) -> dict[str, Any]:
    period = Period.last_days(query.period_days)
    rows = holder_metrics(kind, holder_id, period)
    return {
        "holder_kind": kind,
        "holder_id": holder_id,
        "period_start": period.start,
        "period_end": period.end,
        "decisions": [MetricsRowOut.of(entry) for entry in rows],
    }


@router.get(
    "/teams/{team_id}/trust-metrics",
    response={200: MetricsOut, **problems(404)},
    operation_id="getTeamTrustMetrics",
)
def team_metrics(request: HttpRequest, team_id: PathId, query: Query[PeriodQuery]) -> Any:
    """Per decision: taken, share within scope, requests, median time to decision, approval
    and reversal rates. Members, the lead and administrators see a team's; others get 404."""
    team = team_for(actor_of(request), team_id)
    return _metrics("team", team.pk, query)


@router.get(
    "/people/{person_id}/trust-metrics",
    response={200: MetricsOut, **problems(404)},
    operation_id="getPersonTrustMetrics",
)
def person_metrics(request: HttpRequest, person_id: PathId, query: Query[PeriodQuery]) -> Any:
    """A person's own figures; their team leads and administrators see them too."""
    person = person_for(actor_of(request), person_id)
    return _metrics("person", person.pk, query)


def _manageable(actor: Any) -> list[ScopeSuggestion]:
    return manageable(actor, list(open_suggestions().select_related("decided_by")))


@router.get(
    "/scope-suggestions",
    response={200: list[SuggestionOut], **problems()},
    operation_id="listScopeSuggestions",
    tags=["scope review"],
)
def list_suggestions(request: HttpRequest) -> Any:
    """Open suggestions to widen or narrow a scope that the caller may act on (they may edit
    the grant concerned, `scope.edit`), with their evidence."""
    return _manageable(actor_of(request))


def _reloaded(suggestion_id: int) -> ScopeSuggestion:
    found = (
        ScopeSuggestion.objects.select_related("holder_person", "holder_team", "decided_by")
        .filter(pk=suggestion_id)
        .first()
    )
    if found is None:
        raise NotFound(_("There is no such suggestion."))
    return found


@router.post(
    "/scope-suggestions/{suggestion_id}/accept",
    response={200: SuggestionOut, **problems(404, 409)},
    operation_id="acceptScopeSuggestion",
    tags=["scope review"],
)
def accept(request: HttpRequest, suggestion_id: PathId, payload: AnswerIn) -> Any:
    """Mark it accepted; no grant changes — edit it at `editor_url`. Answered: 409."""
    accept_suggestion(actor=actor_of(request), suggestion_id=suggestion_id, note=payload.note)
    return _reloaded(suggestion_id)


@router.post(
    "/scope-suggestions/{suggestion_id}/dismiss",
    response={200: SuggestionOut, **problems(404, 409)},
    operation_id="dismissScopeSuggestion",
    tags=["scope review"],
)
def dismiss(request: HttpRequest, suggestion_id: PathId, payload: DismissIn) -> Any:
    """Dismiss with a note saying why (422 `invalid_input` on `note` without one)."""
    dismiss_suggestion(actor=actor_of(request), suggestion_id=suggestion_id, note=payload.note)
    return _reloaded(suggestion_id)
