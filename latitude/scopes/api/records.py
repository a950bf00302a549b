"""Decision records over the API: what was decided (or asked for), by whom, on whose behalf,
on which facts and grant versions, with the reversals that link an undoing to what it undid."""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from latitude.api.auth import actor_of
from latitude.api.pagination import PAGE_PARAMS, PageQuery, page_of, reject_unknown_params
from latitude.api.schemas import PathId, problems
from latitude.core.errors import InvalidInput, NotFound
from latitude.scopes.api.common import subject_label
from latitude.scopes.api.schemas.requests import (
    DecisionRecordOut,
    DecisionRecordPage,
    DecisionRecordQuery,
)
from latitude.scopes.api.visibility import visible_records
from latitude.scopes.models import DecisionRecord, GrantVersion

router = Router(tags=["decision records"])

LIST_PARAMS = {*DecisionRecordQuery.model_fields, *PAGE_PARAMS}


def _related(queryset: QuerySet[DecisionRecord]) -> QuerySet[DecisionRecord]:
    return queryset.select_related("actor", "on_behalf_of", "team", "reversal").prefetch_related(
        "reversed_records"
    )


def _filtered(records: QuerySet[DecisionRecord], query: DecisionRecordQuery) -> Any:
    if query.decision:
        records = records.filter(decision=query.decision)
    if query.subject_type:
        label = subject_label(query.subject_type)
        if label is None:
            raise InvalidInput(_("Unknown kind of subject."), field="subject_type")
        records = records.filter(subject_type=label)
    if query.subject_id is not None:
        records = records.filter(subject_id=query.subject_id)
    if query.actor is not None:
        records = records.filter(actor_id=query.actor)
    if query.outcome:
        records = records.filter(outcome=query.outcome)
    if query.since is not None:
        records = records.filter(occurred_at__gte=query.since)
    if query.until is not None:
        records = records.filter(occurred_at__lt=query.until)
    return records


def with_grant_versions(records: Iterable[DecisionRecord]) -> None:
    """Name the grant versions behind each record, in one query for all of them."""
    records = list(records)
    ids = {pk for record in records for pk in record.grant_version_ids}
    versions = {
        version.pk: version
        for version in GrantVersion.objects.filter(pk__in=ids).select_related("grant")
    }
    for record in records:
        record.grant_version_refs = [  # type: ignore[attr-defined]
            {"grant": v.grant_id, "version": v.version, "name": v.grant.name}
            for v in (versions.get(pk) for pk in record.grant_version_ids)
            if v is not None
        ]


@router.get(
    "/decision-records",
    response={200: DecisionRecordPage, **problems()},
    operation_id="listDecisionRecords",
)
def list_records(
    request: HttpRequest, query: Query[DecisionRecordQuery], page: Query[PageQuery]
) -> dict[str, Any]:
    """Decision records the caller may read, newest first; `since`/`until` bound the period."""
    reject_unknown_params(request, LIST_PARAMS)
    records = _related(_filtered(visible_records(actor_of(request)), query))
    found = page_of(records, ["-occurred_at", "-id"], page)
    with_grant_versions(found["items"])
    return found


@router.get(
    "/decision-records/{record_id}",
    response={200: DecisionRecordOut, **problems(404)},
    operation_id="getDecisionRecord",
)
def get_record(request: HttpRequest, record_id: PathId) -> DecisionRecord:
    record = _related(visible_records(actor_of(request))).filter(pk=record_id).first()
    if record is None:
        raise NotFound(_("No such decision record."))
    with_grant_versions([record])
    return record
