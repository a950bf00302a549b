"""Decision requests over the API: list (mine, routed to me, all), read, approve (the original
action is carried out on the requester's behalf), decline, withdraw."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from latitude.api.auth import actor_of
from latitude.api.pagination import PAGE_PARAMS, PageQuery, page_of, reject_unknown_params
from latitude.api.schemas import PathId, problems
from latitude.people.models import User
from latitude.scopes.actions import approve_request, decline_request, withdraw_request
from latitude.scopes.api.common import if_match_version, with_etag
from latitude.scopes.api.schemas.requests import (
    ApproveIn,
    DecisionRequestDetail,
    DecisionRequestPage,
    DecisionRequestQuery,
    DeclineIn,
    WithdrawIn,
)
from latitude.scopes.api.visibility import get_request_for, visible_requests
from latitude.scopes.inbox import routed_to
from latitude.scopes.models import DecisionRecord, DecisionRequest, DecisionRoute

router = Router(tags=["decision requests"])

LIST_PARAMS = {*DecisionRequestQuery.model_fields, *PAGE_PARAMS}
WRITE_PROBLEMS = problems(403, 404, 409, 412)


def _with_people(queryset: QuerySet[DecisionRequest]) -> QuerySet[DecisionRequest]:
    routes = DecisionRoute.objects.select_related("person").order_by("rank", "id")
    return queryset.select_related("requester", "decided_by").prefetch_related(
        Prefetch("routes", queryset=routes)
    )


def _in_box(actor: User, query: DecisionRequestQuery) -> QuerySet[DecisionRequest]:
    requests = visible_requests(actor)
    if query.box == "sent":
        requests = requests.filter(requester_id=actor.pk)
    if query.box == "routed":
        requests = requests.filter(routed_to(actor))
    if query.status:
        requests = requests.filter(status=query.status)
    if query.decision:
        requests = requests.filter(decision=query.decision)
    return requests


@router.get(
    "/decision-requests",
    response={200: DecisionRequestPage, **problems()},
    operation_id="listDecisionRequests",
)
def list_requests(
    request: HttpRequest, query: Query[DecisionRequestQuery], page: Query[PageQuery]
) -> dict[str, Any]:
    """Requests the caller sent or that were routed to them (administrators: all), newest
    first."""
    reject_unknown_params(request, LIST_PARAMS)
    requests = _with_people(_in_box(actor_of(request), query))
    return page_of(requests, ["-created_at", "-id"], page)


def _detail(actor: User, request_id: int, response: HttpResponse) -> DecisionRequest:
    records = DecisionRecord.objects.select_related("actor").order_by("occurred_at", "id")
    found = (
        _with_people(visible_requests(actor))
        .prefetch_related(Prefetch("records", queryset=records))
        .filter(pk=get_request_for(actor, request_id).pk)
        .get()
    )
    with_etag(response, found.pk, found.version)
    return found


@router.get(
    "/decision-requests/{request_id}",
    response={200: DecisionRequestDetail, **problems(404)},
    operation_id="getDecisionRequest",
    url_name="decision_request",
)
def get_request(request: HttpRequest, request_id: PathId, response: HttpResponse) -> Any:
    """One request with the facts, the explanation, whom it went to and what was recorded; the
    ETag names its version for If-Match."""
    return _detail(actor_of(request), request_id, response)


@router.post(
    "/decision-requests/{request_id}/approve",
    response={200: DecisionRequestDetail, **WRITE_PROBLEMS},
    operation_id="approveDecisionRequest",
)
def approve(
    request: HttpRequest, request_id: PathId, payload: ApproveIn, response: HttpResponse
) -> Any:
    """Approve: the original action is carried out now on the requester's behalf, if the
    caller's own scope covers it on the facts as they are now (403 `not_permitted` with the
    reason otherwise; the request stays open). Already answered: 409 `conflict`."""
    actor = actor_of(request)
    get_request_for(actor, request_id)
    approve_request(
        actor=actor,
        request_id=request_id,
        note=payload.note,
        expected_version=if_match_version(request, request_id),
    )
    return _detail(actor, request_id, response)


@router.post(
    "/decision-requests/{request_id}/decline",
    response={200: DecisionRequestDetail, **WRITE_PROBLEMS},
    operation_id="declineDecisionRequest",
)
def decline(
    request: HttpRequest, request_id: PathId, payload: DeclineIn, response: HttpResponse
) -> Any:
    """Decline with a reason the requester reads; the subject stays as it is."""
    actor = actor_of(request)
    get_request_for(actor, request_id)
    decline_request(
        actor=actor,
        request_id=request_id,
        reason=payload.reason,
        expected_version=if_match_version(request, request_id),
    )
    return _detail(actor, request_id, response)


@router.post(
    "/decision-requests/{request_id}/withdraw",
    response={200: DecisionRequestDetail, **WRITE_PROBLEMS},
    operation_id="withdrawDecisionRequest",
)
def withdraw(
    request: HttpRequest, request_id: PathId, payload: WithdrawIn, response: HttpResponse
) -> Any:
    """The requester takes the request back."""
    actor = actor_of(request)
    get_request_for(actor, request_id)
    withdraw_request(actor=actor, request_id=request_id, reason=payload.reason)
    return _detail(actor, request_id, response)
