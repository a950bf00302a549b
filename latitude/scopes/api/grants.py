"""Grants over the API: list, read (ETag = version), history and diff, create, edit, revoke,
delegate. Each write calls one grant action, which checks `scope.edit` and the terms."""

import json
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from latitude.api.auth import actor_of
from latitude.api.pagination import PAGE_PARAMS, PageQuery, page_of, reject_unknown_params
from latitude.api.schemas import PathId, guarded_problems, problems
from latitude.core.errors import InvalidInput, NotPermitted
from latitude.people.models import User
from latitude.scopes.actions import create_grant, delegate_grant, edit_grant, revoke_grant
from latitude.scopes.api.common import api_field_names, if_match_version, with_etag
from latitude.scopes.api.schemas.grants import (
    DelegationIn,
    GrantDiffOut,
    GrantDiffQuery,
    GrantIn,
    GrantListQuery,
    GrantOut,
    GrantPage,
    GrantPatch,
    RevokeIn,
)
from latitude.scopes.api.visibility import current_versions_for, get_grant_for, reads_all_grants
from latitude.scopes.models import GrantVersion
from latitude.scopes.selectors import compare_versions, get_version
from latitude.scopes.terms import TERM_FIELDS, GrantTerms

router = Router(tags=["grants"])

VERSION_RELATED = ("grant", "holder_person", "holder_team", "inform_person", "inform_team")
LIST_PARAMS = {*GrantListQuery.model_fields, *PAGE_PARAMS}
# Terms stored as "" when empty; the API takes null for them as well.
BLANK_WHEN_NULL = ("team_scope", "holder_role", "holder_key")


def _versions(queryset: QuerySet[GrantVersion]) -> QuerySet[GrantVersion]:
    return queryset.select_related(*VERSION_RELATED, "created_by")


def _filtered(versions: QuerySet[GrantVersion], query: GrantListQuery) -> QuerySet[GrantVersion]:
    if query.decision:
        # Names are stored as a JSON list; its quoted form matches one whole name.
        versions = versions.filter(decisions__icontains=json.dumps(query.decision))
    if query.holder_kind:
        versions = versions.filter(holder_kind=query.holder_kind)
    if query.person is not None:
        versions = versions.filter(holder_person_id=query.person)
    if query.team is not None:
        versions = versions.filter(holder_team_id=query.team)
    if query.status == "revoked":
        versions = versions.filter(revoked=True)
    if query.status == "active":
        now = timezone.now()
        versions = versions.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=now),
            Q(valid_until__isnull=True) | Q(valid_until__gt=now),
            revoked=False,
        )
    return versions


@router.get("/grants", response={200: GrantPage, **problems()}, operation_id="listGrants")
def list_grants(
    request: HttpRequest, query: Query[GrantListQuery], page: Query[PageQuery]
) -> dict[str, Any]:
    """The current version of each grant the caller may read (agents and administrators: all;
    others: those they hold), oldest grant first."""
    reject_unknown_params(request, LIST_PARAMS)
    versions = _filtered(current_versions_for(actor_of(request)), query)
    return page_of(_versions(versions), ["grant_id"], page)


def _terms_of(values: dict[str, Any]) -> dict[str, Any]:
    terms = {name: values[name] for name in TERM_FIELDS if name in values}
    for name in BLANK_WHEN_NULL:
        if name in terms and terms[name] is None:
            terms[name] = ""
    return terms


def _refuse_outsiders(actor: User) -> None:
    if not reads_all_grants(actor):
        raise NotPermitted(_("Only agents and administrators manage grants."))


def _answer(response: HttpResponse, version: GrantVersion) -> GrantVersion:
    with_etag(response, version.grant_id, version.version)
    return version


@router.post(
    "/grants",
    response={201: GrantOut, **guarded_problems(409)},
    operation_id="createGrant",
)
def create(request: HttpRequest, payload: GrantIn, response: HttpResponse) -> Status[GrantVersion]:
    """A new grant with its first version (`scope.edit`). Out of the caller's scope: 403
    `out_of_scope` with the decision request; approving it writes the grant."""
    actor = actor_of(request)
    _refuse_outsiders(actor)
    terms = GrantTerms(**_terms_of(payload.model_dump()))
    with api_field_names():
        version = create_grant(actor=actor, name=payload.name, terms=terms)
    response["Location"] = f"{request.path.rstrip('/')}/{version.grant_id}"
    return Status(201, _answer(response, _reloaded(version)))


def _reloaded(version: GrantVersion) -> GrantVersion:
    return _versions(GrantVersion.objects.filter(pk=version.pk)).get()


@router.get(
    "/grants/{grant_id}", response={200: GrantOut, **problems(404)}, operation_id="getGrant"
)
def get_grant(request: HttpRequest, grant_id: PathId, response: HttpResponse) -> GrantVersion:
    """The grant's current version; the ETag names it for If-Match."""
    grant = get_grant_for(actor_of(request), grant_id)
    current = GrantVersion.objects.current().filter(grant=grant)
    return _answer(response, _versions(current).get())


NULLABLE = (*BLANK_WHEN_NULL, "valid_from", "valid_until", "holder_person_id", "holder_team_id",
            "inform_person_id", "inform_team_id")  # fmt: skip


def _changes(payload: GrantPatch) -> dict[str, Any]:
    given = {name: getattr(payload, name) for name in payload.model_fields_set}
    for name, value in given.items():
        if value is None and name not in NULLABLE:
            raise InvalidInput(_("This field cannot be null."), field=name)
    changes = _terms_of(given)
    if not changes:
        raise InvalidInput(_("Send at least one field to change."))
    return changes


@router.patch(
    "/grants/{grant_id}",
    response={200: GrantOut, **guarded_problems(404, 409, 412)},
    operation_id="updateGrant",
)
def update(
    request: HttpRequest, grant_id: PathId, payload: GrantPatch, response: HttpResponse
) -> GrantVersion:
    """Change the fields present (`scope.edit`); the grant gets a new version and the old one
    stays in the history. Send the ETag as If-Match: 412 if someone edited it meanwhile."""
    actor = actor_of(request)
    grant = get_grant_for(actor, grant_id)
    expected = if_match_version(request, grant.pk)
    changes = _changes(payload)
    with api_field_names():
        version = edit_grant(actor=actor, grant_id=grant.pk, expected_version=expected, **changes)
    return _answer(response, _reloaded(version))


@router.post(
    "/grants/{grant_id}/revoke",
    response={200: GrantOut, **guarded_problems(404, 409, 412)},
    operation_id="revokeGrant",
)
def revoke(
    request: HttpRequest, grant_id: PathId, payload: RevokeIn, response: HttpResponse
) -> GrantVersion:
    """Revoke the grant, saying why; it stops counting on the very next request."""
    actor = actor_of(request)
    grant = get_grant_for(actor, grant_id)
    version = revoke_grant(
        actor=actor,
        grant_id=grant.pk,
        reason=payload.reason,
        expected_version=if_match_version(request, grant.pk),
    )
    return _answer(response, _reloaded(version))


@router.post(
    "/grants/{grant_id}/delegations",
    response={201: GrantOut, **problems(403, 404, 409)},
    operation_id="delegateGrant",
)
def delegate(
    request: HttpRequest, grant_id: PathId, payload: DelegationIn, response: HttpResponse
) -> Status[GrantVersion]:
    """Lend the grant to a person until `valid_until` (holders and administrators); the
    delegation is a new grant, bounded by this one's limits and period."""
    actor = actor_of(request)
    grant = get_grant_for(actor, grant_id)
    with api_field_names({"holder_person": "to_person_id"}):
        version = delegate_grant(
            actor=actor,
            grant_id=grant.pk,
            to_person_id=payload.to_person_id,
            valid_from=payload.valid_from,
            valid_until=payload.valid_until,
            decisions=payload.decisions,
            condition=payload.condition,
            rationale=payload.rationale,
        )
    response["Location"] = f"{request.path.rsplit('/', 2)[0]}/{version.grant_id}"
    return Status(201, _answer(response, _reloaded(version)))


@router.get(
    "/grants/{grant_id}/versions",
    response={200: GrantPage, **problems(404)},
    operation_id="listGrantVersions",
)
def history(request: HttpRequest, grant_id: PathId, page: Query[PageQuery]) -> dict[str, Any]:
    """Every version of the grant, oldest first: what it said, who wrote it, when."""
    reject_unknown_params(request, PAGE_PARAMS)
    grant = get_grant_for(actor_of(request), grant_id)
    return page_of(_versions(GrantVersion.objects.filter(grant=grant)), ["version"], page)


@router.get(
    "/grants/{grant_id}/versions/{version}",
    response={200: GrantOut, **problems(404)},
    operation_id="getGrantVersion",
)
def get_grant_version(request: HttpRequest, grant_id: PathId, version: PathId) -> GrantVersion:
    grant = get_grant_for(actor_of(request), grant_id)
    found = get_version(grant.pk, version)
    return _reloaded(found)


@router.get(
    "/grants/{grant_id}/diff",
    response={200: GrantDiffOut, **problems(404)},
    operation_id="diffGrantVersions",
)
def diff(request: HttpRequest, grant_id: PathId, query: Query[GrantDiffQuery]) -> dict[str, Any]:
    """What changed between two versions (default: the current one and the one before)."""
    reject_unknown_params(request, GrantDiffQuery.model_fields)
    grant = get_grant_for(actor_of(request), grant_id)
    newer = query.newer or grant.current_version
    older = query.older or max(newer - 1, 1)
    compared = compare_versions(grant.pk, older, newer)
    return {"grant": grant.pk, "older": older, "newer": newer, "changes": compared["changes"]}
