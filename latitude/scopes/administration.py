"""Reads for scope administration: who reaches it, which grants a person may edit (the
decision `scope.edit`, asked before the click exactly as the grant actions ask it), and the
list of current grants with their holders and limits in words."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from latitude.people.models import TeamMembership
from latitude.scopes import cache, explain, registry
from latitude.scopes.choices import HolderKind
from latitude.scopes.editing import SCOPE_EDIT
from latitude.scopes.evaluator import Verdict, evaluate
from latitude.scopes.holders import profile_of
from latitude.scopes.models import GrantVersion
from latitude.scopes.naming import ReferenceNames
from latitude.scopes.selectors import grants_of
from latitude.scopes.terms import GrantTerms
from latitude.scopes.validation import shared_specs


def bootstrapping() -> bool:
    """No grant covers scope.edit yet: administrators may edit (see `editing`)."""
    return not cache.grants_for(SCOPE_EDIT)


def may_administer(actor: Any) -> bool:
    """Whether the scope administration exists for the person: they hold some scope.edit
    grant (even a recommend-only one), or no such grant exists yet and they are an admin."""
    if not getattr(actor, "is_active", False) or not (actor.is_agent or actor.is_admin):
        return False
    if bootstrapping():
        return bool(actor.is_admin)
    return bool(grants_of(actor, SCOPE_EDIT))


class EditFacts:
    """The facts `scope.edit` is decided on, as `editing.check_scope_edit` computes them, with
    the members of the teams the actor leads read once for a whole list."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.led = profile_of(actor).led_team_ids
        self.led_members: set[int] = (
            set(
                TeamMembership.objects.filter(team_id__in=self.led).values_list(
                    "user_id", flat=True
                )
            )
            if self.led
            else set()
        )

    def led_by_actor(self, terms: GrantTerms) -> bool:
        if terms.holder_kind == HolderKind.TEAM:
            return terms.holder_team_id in self.led
        if terms.holder_kind == HolderKind.PERSON:
            return terms.holder_person_id in self.led_members
        return False

    def facts(
        self, before: GrantTerms | None, after: GrantTerms, *, revoking: bool = False
    ) -> dict[str, Any]:
        return {
            "holder_kind": after.holder_kind,
            "holder_team": after.holder_team_id,
            "holder_led_by_actor": all(
                self.led_by_actor(terms) for terms in (before, after) if terms is not None
            ),
            "effect": after.effect,
            "revoking": revoking,
        }

    def verdict(
        self,
        subject: Any,
        before: GrantTerms | None,
        after: GrantTerms,
        *,
        revoking: bool = False,
    ) -> Verdict | None:
        """None while bootstrapping (then administrators may, nobody else)."""
        if bootstrapping():
            return None
        facts = self.facts(before, after, revoking=revoking)
        return evaluate(self.actor, SCOPE_EDIT, subject, facts)

    def may_edit(self, version: GrantVersion) -> bool:
        terms = GrantTerms.of(version)
        verdict = self.verdict(version.grant, terms, terms)
        return bool(self.actor.is_admin) if verdict is None else verdict.allowed


@dataclass
class GrantRow:
    version: GrantVersion
    decisions: list[registry.Decision]
    holder: str
    limits: str
    editable: bool
    unknown_decisions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class GrantFilters:
    decision: str = ""
    person_id: int | None = None
    team_id: int | None = None
    include_revoked: bool = False
    editable_only: bool = False


def current_grants() -> QuerySet[GrantVersion]:
    return (
        GrantVersion.objects.current()
        .select_related(
            "grant__delegated_from", "holder_person", "holder_team", "inform_person", "inform_team"
        )
        .order_by("grant__name", "grant_id")
    )


def _matches(version: GrantVersion, filters: GrantFilters, team_members: set[int]) -> bool:
    if version.revoked and not filters.include_revoked:
        return False
    if filters.decision and filters.decision not in version.decisions:
        return False
    if filters.person_id and version.holder_person_id != filters.person_id:
        return False
    return not filters.team_id or (
        version.holder_team_id == filters.team_id or version.holder_person_id in team_members
    )


def decisions_of(version: GrantVersion) -> list[registry.Decision]:
    return [registry.get(name) for name in version.decisions if registry.is_registered(name)]


def limits_phrase(version: GrantVersion, names: ReferenceNames) -> str:
    specs = names.named_specs(shared_specs(decisions_of(version)))
    try:
        return explain.tree_phrase(version.condition, specs)
    except KeyError:  # a fact no longer registered: show the stored tree as it is
        return str(version.condition)


def grant_rows(actor: Any, filters: GrantFilters) -> list[GrantRow]:
    """Current grants matching the filters; a fixed number of queries whatever their number."""
    team_members: set[int] = set()
    if filters.team_id:
        team_members = set(
            TeamMembership.objects.filter(team_id=filters.team_id).values_list("user_id", flat=True)
        )
    versions = [v for v in current_grants() if _matches(v, filters, team_members)]
    names = ReferenceNames()
    for version in versions:
        names.want_tree(version.condition, shared_specs(decisions_of(version)))
    names.load()
    editing = EditFacts(actor)
    rows = []
    with cache.pinned():
        for version in versions:
            editable = not version.revoked and editing.may_edit(version)
            if filters.editable_only and not editable:
                continue
            rows.append(
                GrantRow(
                    version=version,
                    decisions=decisions_of(version),
                    holder=explain.holder_phrase(version),
                    limits=limits_phrase(version, names),
                    editable=editable,
                    unknown_decisions=[
                        n for n in version.decisions if not registry.is_registered(n)
                    ],
                )
            )
    return rows
