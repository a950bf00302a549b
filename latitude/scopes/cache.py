"""Current grant versions per decision, held in process memory and indexed by holder.

The cache is keyed by `GrantsRevision`, which every grant action moves inside its transaction.
Each lookup reads that one token, so a revoke or an edit committed by any process takes
effect on the very next evaluation everywhere; nothing else is re-read until it moves.
"""

import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

from latitude.scopes import registry
from latitude.scopes.choices import HolderKind
from latitude.scopes.conditions import Predicate, Tree, predicate
from latitude.scopes.holders import ActorProfile
from latitude.scopes.models import GrantsRevision, GrantVersion

HolderKey = tuple[str, object]


@dataclass(frozen=True)
class ActiveGrant:
    """A current, unrevoked version, with the limits that really apply to it.

    A delegation is bounded by its source: its tree is ANDed with the source's current tree and
    it lapses with the source's period or revocation.
    """

    version: GrantVersion
    tree: Tree
    check: Predicate
    source: GrantVersion | None = None

    def is_valid_at(self, moment: datetime) -> bool:
        if self.source is not None and not self.source.is_valid_at(moment):
            return False
        return self.version.is_valid_at(moment)


@dataclass(frozen=True)
class _Snapshot:
    revision: str
    by_decision: dict[str, list[ActiveGrant]]
    by_holder: dict[str, dict[HolderKey, list[ActiveGrant]]]


_lock = threading.Lock()
_snapshot: _Snapshot | None = None
_pinned: ContextVar[_Snapshot | None] = ContextVar("latitude_grants_pinned", default=None)


def holder_key(version: GrantVersion) -> HolderKey:
    if version.holder_kind == HolderKind.PERSON:
        return ("person", version.holder_person_id)
    if version.holder_kind == HolderKind.TEAM:
        return (f"team:{version.team_scope}", version.holder_team_id)
    if version.holder_kind == HolderKind.ROLE:
        return ("role", version.holder_role)
    return (version.holder_kind, version.holder_key)


def keys_of(profile: ActorProfile) -> list[HolderKey]:
    """Every holder key the actor answers to (unsupported holder kinds never match)."""
    if not profile.active:
        return []
    keys: list[HolderKey] = [("person", profile.pk)]
    keys += [("team:members", team) for team in profile.team_ids]
    keys += [("team:lead", team) for team in profile.led_team_ids]
    keys += [("role", role) for role in profile.roles]
    return keys


def grants_for(decision: str) -> list[ActiveGrant]:
    return _current().by_decision.get(decision, [])


def grants_held(profile: ActorProfile, decision: str) -> list[ActiveGrant]:
    index = _current().by_holder.get(decision, {})
    return [grant for key in keys_of(profile) for grant in index.get(key, [])]


def clear() -> None:
    global _snapshot
    with _lock:
        _snapshot = None


def snapshot() -> _Snapshot:
    """The current grants, to pin later (`pinned(snapshot)`) without reading the revision."""
    return _current()


@contextmanager
def pinned(held: _Snapshot | None = None) -> Iterator[None]:
    """Read the revision once for a whole page of verdicts (many evaluations, one query).

    Only for reads: grants changed inside the block are not seen until it ends."""
    token = _pinned.set(held or _pinned.get() or _current())
    try:
        yield
    finally:
        _pinned.reset(token)


def _current() -> _Snapshot:
    global _snapshot
    pinned_snapshot = _pinned.get()
    if pinned_snapshot is not None:
        return pinned_snapshot
    revision = GrantsRevision.current()
    snapshot = _snapshot
    if snapshot is not None and snapshot.revision == revision:
        return snapshot
    with _lock:
        if _snapshot is None or _snapshot.revision != revision:
            _snapshot = _load(revision)
        return _snapshot


def _load(revision: str) -> _Snapshot:
    versions = list(
        GrantVersion.objects.current()
        .filter(revoked=False)
        .select_related("grant", "holder_person", "holder_team", "inform_person", "inform_team")
    )
    by_grant = {version.grant_id: version for version in versions}
    by_decision: dict[str, list[ActiveGrant]] = defaultdict(list)
    by_holder: dict[str, dict[HolderKey, list[ActiveGrant]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for version in versions:
        for decision, active in _activate(version, by_grant):
            by_decision[decision].append(active)
            by_holder[decision][holder_key(version)].append(active)
    return _Snapshot(revision, dict(by_decision), {k: dict(v) for k, v in by_holder.items()})


def _activate(
    version: GrantVersion, by_grant: dict[int, GrantVersion]
) -> Iterator[tuple[str, ActiveGrant]]:
    source_id = version.grant.delegated_from_id
    source = by_grant.get(source_id) if source_id is not None else None
    if source_id is not None and source is None:
        return  # the source was revoked: the delegation lapses with it
    tree = version.condition if source is None else {"all": [version.condition, source.condition]}
    for decision in version.decisions:
        if registry.is_registered(decision) and (source is None or decision in source.decisions):
            check = predicate(tree, registry.get(decision).facts)
            yield decision, ActiveGrant(version, tree, check, source)
