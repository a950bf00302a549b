"""Helpers shared by the ticket endpoints: If-Match, ETag, and resolving ids in payloads."""

import re
from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from latitude.api.errors import PreconditionFailedError, UnknownReferenceError
from latitude.catalog.models import Category, Service
from latitude.catalog.selectors import active_services, categories_for
from latitude.core.errors import NotFound
from latitude.people.models import Team, User
from latitude.people.selectors import visible_people, visible_teams
from latitude.tickets.models import Ticket
from latitude.tickets.selectors import get_ticket_for

M = TypeVar("M", bound=Model)

_ENTITY_TAG = re.compile(r'^"(\d{1,19})-(\d{1,10})"$')


def expected_version(request: HttpRequest, ticket_id: int) -> int | None:
    """The version named by If-Match (None without one, or with `*`).

    Tags are compared strongly: a weak tag, a tag of another ticket or a malformed one can
    never match, so the request fails with 412 before anything is changed.
    """
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    versions = set()
    for tag in (part.strip() for part in header.split(",")):
        match = _ENTITY_TAG.match(tag)
        if match and int(match.group(1)) == ticket_id:
            versions.add(int(match.group(2)))
    if len(versions) == 1:
        return versions.pop()
    current = get_ticket_for(request.auth, ticket_id).version  # type: ignore[attr-defined]
    if current in versions:
        return current
    raise PreconditionFailedError(
        _("The If-Match header does not name this ticket's current version.")
    )


def with_etag(response: HttpResponse, ticket: Ticket) -> Ticket:
    response["ETag"] = ticket.etag
    return ticket


def _one(queryset: QuerySet[M], pk: int, field: str) -> M:
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise UnknownReferenceError(
            _("Nothing with this id exists, or you may not see it."), field=field
        )
    return found


def service_or_none(pk: int | None, field: str = "service_id") -> Service | None:
    return None if pk is None else _one(active_services(), pk, field)


def category_or_none(pk: int | None, field: str = "category_id") -> Category | None:
    return None if pk is None else _one(categories_for(), pk, field)


def person_or_none(actor: User, pk: int | None, field: str) -> User | None:
    return None if pk is None else required_person(actor, pk, field)


def required_team(actor: User, pk: int, field: str = "team_id") -> Team:
    return _one(visible_teams(actor), pk, field)


def team_or_none(actor: User, pk: int | None, field: str = "team_id") -> Team | None:
    return None if pk is None else required_team(actor, pk, field)


def required_person(actor: User, pk: int, field: str) -> User:
    return _one(visible_people(actor), pk, field)


def visible_ticket_id(actor: User, pk: int, field: str) -> int:
    """A ticket id from a payload, checked to be visible to the actor."""
    try:
        return get_ticket_for(actor, pk).pk
    except NotFound as exc:
        raise UnknownReferenceError(
            _("Nothing with this id exists, or you may not see it."), field=field
        ) from exc
