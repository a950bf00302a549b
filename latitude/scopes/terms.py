"""What a grant version says, checked before it is stored: holder, decisions, limits, effect."""

from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from latitude.core.errors import InvalidInput
from latitude.people.models import Team, User
from latitude.scopes import registry
from latitude.scopes.choices import Effect, HolderKind, Role, TeamScope
from latitude.scopes.conditions import NO_LIMITS, Tree
from latitude.scopes.models import GrantVersion
from latitude.scopes.validation import validate_tree

TERM_FIELDS = (
    "holder_kind", "holder_person_id", "holder_team_id", "team_scope", "holder_role",
    "holder_key", "decisions", "condition", "effect", "inform_person_id", "inform_team_id",
    "valid_from", "valid_until", "rationale",
)  # fmt: skip


@dataclass(frozen=True)
class GrantTerms:
    holder_kind: str
    decisions: list[str]
    effect: str = Effect.DECIDE
    condition: Tree = field(default_factory=lambda: dict(NO_LIMITS))
    holder_person_id: int | None = None
    holder_team_id: int | None = None
    team_scope: str = ""
    holder_role: str = ""
    holder_key: str = ""
    inform_person_id: int | None = None
    inform_team_id: int | None = None
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    rationale: str = ""

    @classmethod
    def of(cls, version: GrantVersion) -> "GrantTerms":
        return cls(**{name: getattr(version, name) for name in TERM_FIELDS})

    def changed(self, **changes: Any) -> "GrantTerms":
        unknown = set(changes) - set(TERM_FIELDS)
        if unknown:
            raise InvalidInput(_("Unknown grant field: %(name)s.") % {"name": sorted(unknown)[0]})
        return replace(self, **changes)

    def as_fields(self) -> dict[str, Any]:
        return asdict(self)


def checked(terms: GrantTerms) -> GrantTerms:
    """The terms with a canonical condition tree, or InvalidInput naming the problem."""
    decisions = _decisions(terms.decisions)
    _check_holder(terms)
    _check_effect(terms)
    _check_period(terms)
    if not terms.rationale.strip():
        raise InvalidInput(_("Say why this grant exists."), field="rationale")
    condition = validate_tree(terms.condition, decisions)
    return replace(terms, condition=condition, rationale=terms.rationale.strip())


def _decisions(names: Any) -> list[registry.Decision]:
    if not isinstance(names, list) or not names:
        raise InvalidInput(_("Name at least one decision."), field="decisions")
    unknown = [name for name in names if not registry.is_registered(name)]
    if unknown:
        raise InvalidInput(
            _("Unknown decision: %(name)s.") % {"name": unknown[0]}, field="decisions"
        )
    decisions = [registry.get(name) for name in dict.fromkeys(names)]
    if len({decision.subject for decision in decisions}) > 1:
        raise InvalidInput(
            _("One grant can only cover decisions on the same kind of subject."),
            field="decisions",
        )
    return decisions


def _check_holder(terms: GrantTerms) -> None:
    kind = terms.holder_kind
    if kind not in HolderKind.values:
        raise InvalidInput(_("Unknown kind of holder."), field="holder_kind")
    if kind == HolderKind.PERSON and not _person_exists(terms.holder_person_id):
        raise InvalidInput(_("Choose an active person."), field="holder_person")
    if kind == HolderKind.TEAM and not _team_exists(terms.holder_team_id):
        raise InvalidInput(_("Choose an active team."), field="holder_team")
    if kind == HolderKind.TEAM and terms.team_scope not in TeamScope.values:
        raise InvalidInput(
            _("Say whether all members or only the lead hold it."), field="team_scope"
        )
    if kind == HolderKind.ROLE and terms.holder_role not in Role.values:
        raise InvalidInput(_("Choose a role."), field="holder_role")
    if kind in (HolderKind.SKILL, HolderKind.LICENCE) and not terms.holder_key.strip():
        raise InvalidInput(_("Name the skill or licence."), field="holder_key")


def _check_effect(terms: GrantTerms) -> None:
    if terms.effect not in Effect.values:
        raise InvalidInput(_("Unknown effect."), field="effect")
    informs = terms.inform_person_id is not None or terms.inform_team_id is not None
    if terms.effect == Effect.DECIDE_AND_INFORM and not informs:
        raise InvalidInput(_("Name the person or team to inform."), field="inform_person")
    if terms.effect != Effect.DECIDE_AND_INFORM and informs:
        raise InvalidInput(_("Only 'decide and inform' informs someone."), field="inform_person")
    if terms.inform_person_id is not None and not _person_exists(terms.inform_person_id):
        raise InvalidInput(_("Choose an active person to inform."), field="inform_person")
    if terms.inform_team_id is not None and not _team_exists(terms.inform_team_id):
        raise InvalidInput(_("Choose an active team to inform."), field="inform_team")


def _check_period(terms: GrantTerms) -> None:
    start, end = terms.valid_from, terms.valid_until
    if start and end and end <= start:
        raise InvalidInput(_("The grant must end after it starts."), field="valid_until")


def _person_exists(pk: int | None) -> bool:
    return pk is not None and User.objects.filter(pk=pk, is_active=True).exists()


def _team_exists(pk: int | None) -> bool:
    return pk is not None and Team.objects.filter(pk=pk, is_active=True).exists()
