"""Decision requests as the inbox shows them: facts named, subject linked, and for the people
who may answer, whether their own scope covers what was asked."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from latitude.scopes import cache, registry
from latitude.scopes.evaluator import Verdict, evaluate
from latitude.scopes.models import DecisionRequest, DecisionRoute
from latitude.scopes.naming import ReferenceNames
from latitude.scopes.overview import typical_subject
from latitude.scopes.trust.visibility import visible_people
from latitude.scopes.views.present import fact_rows, subject_links, want_facts


@dataclass
class RequestRow:
    request: DecisionRequest
    facts: list[tuple[str, str]]
    subject_url: str | None
    routes: list[DecisionRoute]
    may_answer: bool
    may_withdraw: bool
    verdict: Verdict | None
    error: str = ""
    error_field: str = ""
    inputs: dict[str, str] = field(default_factory=dict)
    requester_url: str | None = None

    @property
    def active_routes(self) -> list[DecisionRoute]:
        return [route for route in self.routes if route.active]

    @property
    def ended_routes(self) -> list[DecisionRoute]:
        return [route for route in self.routes if not route.active and route.ended_because]


def may_answer(actor: Any, request: DecisionRequest) -> bool:
    if not request.is_pending or request.requester_id == actor.pk:
        return False
    return bool(actor.is_admin) or any(
        route.person_id == actor.pk for route in request.routes.all()
    )


def scope_verdict(actor: Any, request: DecisionRequest) -> Verdict | None:
    """Whether the actor's own scope covers the request on the facts as they were asked (the
    approval re-checks them on the subject as it is then)."""
    if not registry.is_registered(request.decision):
        return None
    decision = registry.get(request.decision)
    facts = {name: request.facts.get(name) for name in decision.facts}
    return evaluate(actor, request.decision, typical_subject(decision), facts)


def rows_for(actor: Any, requests: Sequence[DecisionRequest]) -> list[RequestRow]:
    names = ReferenceNames()
    for request in requests:
        want_facts(request.decision, request.facts, names)
    names.load()
    links = subject_links((request.subject_type, request.subject_id) for request in requests)
    people = _visible_requesters(actor, requests)
    with cache.pinned():
        rows = [_row(actor, request, names, links) for request in requests]
    for row in rows:
        if row.request.requester_id in people:
            row.requester_url = reverse("trust:person", args=[row.request.requester_id])
    return rows


def _visible_requesters(actor: Any, requests: Sequence[DecisionRequest]) -> set[int]:
    """Requesters whose person page the actor may open, in one query for the whole list."""
    ids = {request.requester_id for request in requests}
    if not ids:
        return set()
    return set(visible_people(actor).filter(pk__in=ids).values_list("pk", flat=True))


def _row(
    actor: Any,
    request: DecisionRequest,
    names: ReferenceNames,
    links: dict[tuple[str, int], str],
) -> RequestRow:
    answering = may_answer(actor, request)
    return RequestRow(
        request=request,
        facts=fact_rows(request.decision, request.facts, names),
        subject_url=links.get((request.subject_type, request.subject_id)),
        routes=list(request.routes.all()),
        may_answer=answering,
        may_withdraw=request.is_pending and request.requester_id == actor.pk,
        verdict=scope_verdict(actor, request) if answering else None,
    )
