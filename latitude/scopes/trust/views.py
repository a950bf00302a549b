"""The team and person pages with their trust metrics, per decision, over a chosen period."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from latitude.core.errors import NotFound
from latitude.scopes.trust.metrics import HolderKind, holder_metrics
from latitude.scopes.trust.present import PERIOD_CHOICES, period_of, row_of
from latitude.scopes.trust.visibility import person_for, team_for
from latitude.tickets.views.access import agent_required

TEMPLATE = "scopes/trust/holder.html"


def _page(request: HttpRequest, kind: HolderKind, holder: Any, **extra: Any) -> HttpResponse:
    period = period_of(request.GET.get("period", ""))
    context = {
        "kind": kind,
        "holder": holder,
        "period": period,
        "period_choices": PERIOD_CHOICES,
        "rows": [row_of(entry) for entry in holder_metrics(kind, holder.pk, period)],
        **extra,
    }
    return render(request, TEMPLATE, context)


@require_GET
@agent_required
def team_page(request: HttpRequest, team_id: int) -> HttpResponse:
    try:
        team = team_for(request.user, team_id)
    except NotFound as exc:
        raise Http404 from exc
    members = list(team.members.filter(is_active=True).order_by("full_name", "id"))
    return _page(request, "team", team, members=members)


@require_GET
@agent_required
def person_page(request: HttpRequest, person_id: int) -> HttpResponse:
    try:
        person = person_for(request.user, person_id)
    except NotFound as exc:
        raise Http404 from exc
    teams = list(person.teams.filter(is_active=True).order_by("name"))
    return _page(request, "person", person, teams=teams)
