"""Arranging grants in tests through the real actions."""

from typing import Any

from latitude.scopes.actions import create_grant
from latitude.scopes.models import GrantVersion
from latitude.scopes.terms import GrantTerms
from latitude.testing.factories import AdminFactory


def grant(
    decisions: list[str] | str, *, admin: Any = None, name: str = "Grant", **terms: Any
) -> GrantVersion:
    terms.setdefault("rationale", "Agreed in the service review.")
    if isinstance(decisions, str):
        decisions = [decisions]
    return create_grant(
        actor=admin or AdminFactory(), name=name, terms=GrantTerms(decisions=decisions, **terms)
    )


def team_grant(team: Any, decisions: list[str] | str, **terms: Any) -> GrantVersion:
    terms.setdefault("team_scope", "members")
    return grant(
        decisions, holder_kind="team", holder_team_id=team.pk, name=f"{team} grant", **terms
    )


def person_grant(person: Any, decisions: list[str] | str, **terms: Any) -> GrantVersion:
    return grant(decisions, holder_kind="person", holder_person_id=person.pk, **terms)
