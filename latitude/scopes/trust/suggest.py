"""Finding scope review candidates from the trust metrics, and keeping one open suggestion per
kind, decision and holder (the periodic job runs this; running it twice changes nothing more).

Widen: many requests, nearly all approved, few reversals. Narrow: reversals above a threshold
with enough decisions for the rate to mean something.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from latitude.scopes.choices import HolderKind as GrantHolder
from latitude.scopes.models import (
    CARRIED_OUT,
    DecisionRecord,
    GrantVersion,
    ScopeSuggestion,
    SuggestionKind,
    SuggestionStatus,
)
from latitude.scopes.trust.metrics import DecisionMetrics, HolderKind, Key, Period, metrics
from latitude.scopes.trust.metrics import _record_holder as record_holder


@dataclass(frozen=True)
class Thresholds:
    widen_min_requests: int
    widen_min_approval: float
    widen_max_reversal: float
    narrow_min_decisions: int
    narrow_min_reversal: float

    @classmethod
    def from_settings(cls) -> "Thresholds":
        return cls(
            widen_min_requests=settings.LATITUDE_REVIEW_WIDEN_MIN_REQUESTS,
            widen_min_approval=settings.LATITUDE_REVIEW_WIDEN_APPROVAL_PERCENT / 100,
            widen_max_reversal=settings.LATITUDE_REVIEW_WIDEN_REVERSAL_PERCENT / 100,
            narrow_min_decisions=settings.LATITUDE_REVIEW_NARROW_MIN_DECISIONS,
            narrow_min_reversal=settings.LATITUDE_REVIEW_NARROW_REVERSAL_PERCENT / 100,
        )


def kind_for(entry: DecisionMetrics, limits: Thresholds) -> str | None:
    reversal = entry.reversal_rate or 0.0
    if entry.decisions >= limits.narrow_min_decisions and reversal > limits.narrow_min_reversal:
        return SuggestionKind.NARROW
    approval = entry.approval_rate
    if (
        entry.requests >= limits.widen_min_requests
        and approval is not None
        and approval >= limits.widen_min_approval
        and reversal <= limits.widen_max_reversal
    ):
        return SuggestionKind.WIDEN
    return None


def _held_grants() -> dict[tuple[str, int, str], GrantVersion]:
    """Current, unrevoked person and team grants by (holder kind, holder id, decision)."""
    held: dict[tuple[str, int, str], GrantVersion] = {}
    for version in GrantVersion.objects.current().filter(revoked=False).order_by("grant_id"):
        if version.holder_kind == GrantHolder.PERSON and version.holder_person_id:
            holder = ("person", version.holder_person_id)
        elif version.holder_kind == GrantHolder.TEAM and version.holder_team_id:
            holder = ("team", version.holder_team_id)
        else:
            continue
        for decision in version.decisions:
            held.setdefault((*holder, decision), version)
    return held


def _used_grants(kind: HolderKind, period: Period) -> dict[Key, int]:
    """The grant version most decisions of each holder were carried out under."""
    counts: Counter[tuple[str, int, int]] = Counter()
    rows = (
        DecisionRecord.objects.filter(
            outcome__in=CARRIED_OUT,
            occurred_at__gte=period.start,
            occurred_at__lt=period.end,
            grant_version__isnull=False,
        )
        .annotate(holder=record_holder(kind))
        .filter(holder__isnull=False)
        .order_by()
        .values("decision", "holder", "grant_version")
        .annotate(n=Count("id"))
    )
    for row in rows:
        counts[(row["decision"], row["holder"], row["grant_version"])] = row["n"]
    best: dict[Key, int] = {}
    for (decision, holder, version_id), _n in counts.most_common():
        best.setdefault((decision, holder), version_id)
    return best


def _grant_of(
    kind: HolderKind,
    key: Key,
    held: dict[tuple[str, int, str], GrantVersion],
    used: dict[Key, int],
    versions: dict[int, GrantVersion],
) -> GrantVersion | None:
    version_id = used.get(key)
    if version_id is not None and version_id in versions:
        return versions[version_id]
    return held.get((kind, key[1], key[0]))


@dataclass(frozen=True)
class Candidate:
    kind: str
    holder_kind: HolderKind
    entry: DecisionMetrics
    grant: GrantVersion | None


def candidates(period: Period, limits: Thresholds) -> list[Candidate]:
    held = _held_grants()
    found = []
    kinds: tuple[HolderKind, ...] = ("person", "team")
    for holder_kind in kinds:
        figures = metrics(holder_kind, period)
        used = _used_grants(holder_kind, period)
        versions = GrantVersion.objects.select_related("grant").in_bulk(set(used.values()))
        for key, entry in sorted(figures.items()):
            kind = kind_for(entry, limits)
            if kind is None:
                continue
            grant = _grant_of(holder_kind, key, held, used, versions)
            found.append(Candidate(kind, holder_kind, entry, grant))
    return found


def _holder_fields(candidate: Candidate) -> dict[str, Any]:
    holder_id = candidate.entry.holder_id
    person = candidate.holder_kind == "person"
    return {
        "holder_kind": candidate.holder_kind,
        "holder_person_id": holder_id if person else None,
        "holder_team_id": None if person else holder_id,
    }


def _keep(candidate: Candidate, period: Period, now: datetime) -> bool:
    """Create the open suggestion, or refresh the evidence of the one already open."""
    values = {
        **_holder_fields(candidate),
        "grant_id": candidate.grant.grant_id if candidate.grant else None,
        "grant_version": candidate.grant.version if candidate.grant else None,
        "evidence": candidate.entry.evidence(period),
        "period_start": period.start,
        "period_end": period.end,
        "updated_at": now,
    }
    key = f"{candidate.holder_kind}:{candidate.entry.holder_id}"
    lookup = {"kind": candidate.kind, "decision": candidate.entry.decision, "holder_key": key}
    try:
        with transaction.atomic():
            _, created = ScopeSuggestion.objects.select_for_update().update_or_create(
                **lookup,
                status=SuggestionStatus.OPEN,
                defaults=values,
                create_defaults={**values, "created_at": now},
            )
    except IntegrityError:  # another run created it at the same moment
        return False
    return created


def review_scopes(now: datetime | None = None) -> int:
    """Suggestions for the review period ending now; returns how many were newly opened."""
    now = now or timezone.now()
    period = Period.last_days(settings.LATITUDE_REVIEW_PERIOD_DAYS, now)
    found = candidates(period, Thresholds.from_settings())
    return sum(_keep(candidate, period, now) for candidate in found)
