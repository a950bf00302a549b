"""Helpers shared by the scopes endpoints: entity tags, subjects named by reference, the facts a
caller supplies, and who could decide instead."""

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from latitude.api.errors import PreconditionFailedError
from latitude.core.audit import subject_type_of
from latitude.core.errors import InvalidInput, NotFound
from latitude.people.models import User
from latitude.scopes import registry
from latitude.scopes.api.visibility import get_grant_for
from latitude.scopes.candidates import Candidate
from latitude.scopes.validation import validate_tree
from latitude.tickets.selectors import get_ticket_for

_ENTITY_TAG = re.compile(r'^"(\d{1,19})-(\d{1,10})"$')


def etag(pk: int, version: int) -> str:
    return f'"{pk}-{version}"'


def with_etag(response: HttpResponse, pk: int, version: int) -> None:
    response["ETag"] = etag(pk, version)


def if_match_version(request: HttpRequest, pk: int) -> int | None:
    """The version named by If-Match for the object `pk` (None without one, or with `*`).

    A tag of another object, a weak or a malformed one can never match: 412 before anything
    is changed. Several tags of the same object may not name different versions."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    versions = set()
    for tag in (part.strip() for part in header.split(",")):
        match = _ENTITY_TAG.match(tag)
        if match and int(match.group(1)) == pk:
            versions.add(int(match.group(2)))
    if len(versions) != 1:
        raise PreconditionFailedError(
            _("The If-Match header does not name one version of this object.")
        )
    return versions.pop()


# Subject kinds the API can name, by the label the audit trail uses, with the lookup that
# answers NotFound for what the caller may not see.
SubjectLookup = Callable[[User, int], models.Model]
SUBJECT_LOOKUPS: dict[str, SubjectLookup] = {
    "tickets.ticket": get_ticket_for,
    "scopes.grant": get_grant_for,
}


def subject_kind(label: str) -> str:
    """ "tickets.Ticket" or "tickets.ticket" -> "ticket", as API clients name subjects."""
    return label.rsplit(".", 1)[-1].lower()


def subject_label(kind: str) -> str | None:
    """ "ticket" -> "tickets.ticket"; None for a kind the API does not know."""
    for label in SUBJECT_LOOKUPS:
        if subject_kind(label) == kind:
            return label
    return None


def decision_named(name: str) -> registry.Decision:
    try:
        return registry.get(name)
    except registry.UnknownDecisionError:
        raise NotFound(_("No such decision.")) from None


def subject_for(actor: User, decision: registry.Decision, kind: str, pk: int) -> models.Model:
    """The subject a caller names for a decision, if they may see it (NotFound otherwise)."""
    label = apps.get_model(decision.subject)._meta.label_lower
    if subject_kind(label) != kind:
        raise InvalidInput(
            _("%(decision)s is taken on a %(kind)s.")
            % {"decision": decision.name, "kind": subject_kind(label)},
            field="subject.type",
        )
    lookup = SUBJECT_LOOKUPS.get(label)
    if lookup is None:
        raise InvalidInput(
            _("Subjects of this kind cannot be named over the API yet."), field="subject.type"
        )
    return lookup(actor, pk)


def subject_ref(subject_type: str, subject_id: int, subject_repr: str) -> dict[str, Any]:
    return {"type": subject_kind(subject_type), "id": subject_id, "repr": subject_repr}


def ref_of(subject: models.Model) -> dict[str, Any]:
    return subject_ref(subject_type_of(subject), subject.pk, str(subject))


def checked_facts(decision: registry.Decision, facts: dict[str, Any]) -> dict[str, Any]:
    """Facts a caller supplies, each checked against the decision's registry entry the way a
    grant's limits are (`facts.<name>` names a wrong one); values come back canonical."""
    checked = {}
    for name, value in facts.items():
        if decision.fact(name) is None:
            raise InvalidInput(
                _("%(decision)s has no fact %(fact)s.") % {"decision": decision.name, "fact": name},
                field=f"facts.{name}",
            )
        try:
            leaf = validate_tree({"fact": name, "op": "eq", "value": value}, [decision])
        except InvalidInput as exc:
            raise InvalidInput(exc.message, field=f"facts.{name}") from None
        checked[name] = leaf["value"]
    return checked


def sees_people(actor: User) -> bool:
    return bool(actor.is_agent or actor.is_admin)


def candidate_refs(actor: User, candidates: Iterable[Candidate]) -> list[dict[str, Any]]:
    """Who could decide instead; only told to those who may see other people."""
    if not sees_people(actor):
        return []
    return [
        {"id": c.person.pk, "name": c.person.full_name, "reason": str(c.reason)} for c in candidates
    ]


# Fields the grant terms name without `_id`; API clients send the ids.
TERM_FIELD_NAMES = {
    "holder_person": "holder_person_id",
    "holder_team": "holder_team_id",
    "inform_person": "inform_person_id",
    "inform_team": "inform_team_id",
}


@contextmanager
def api_field_names(renames: dict[str, str] | None = None) -> Iterator[None]:
    """Refusals from the grant actions name the fields as the API client sent them."""
    names = {**TERM_FIELD_NAMES, **(renames or {})}
    try:
        yield
    except InvalidInput as exc:
        if exc.field in names:
            exc.field = names[exc.field]
        raise
