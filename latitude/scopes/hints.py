"""Verdicts shown together on one page: the refused ones name who could decide instead.

Refused verdicts on the same subject whose covering grants are the same have the same nearest
holders (the ranking depends only on the actor, the subject's teams and those grants), so
they are looked up once per page instead of once per verdict.
"""

from collections.abc import Iterable

from django.utils import timezone

from latitude.scopes import cache
from latitude.scopes.candidates import Candidate
from latitude.scopes.choices import ALLOWING_EFFECTS
from latitude.scopes.evaluator import Verdict


def _covering(verdict: Verdict) -> tuple[int, ...]:
    now = timezone.now()
    return tuple(
        sorted(
            grant.version.pk
            for grant in cache.grants_for(verdict.decision.name)
            if grant.version.effect in ALLOWING_EFFECTS
            and grant.is_valid_at(now)
            and grant.check(verdict.facts)
        )
    )


def share_candidates(verdicts: Iterable[Verdict]) -> None:
    """Fill `candidates` of every refused verdict, computing each distinct list once."""
    found: dict[tuple[object, ...], list[Candidate]] = {}
    refused = [verdict for verdict in verdicts if not verdict.allowed]
    if not refused:
        return
    with cache.pinned():
        for verdict in refused:
            key = (verdict.decision.subject, verdict.subject.pk, _covering(verdict))
            if key in found:
                # `candidates` is a functools.cached_property: its value lives in __dict__.
                verdict.__dict__["candidates"] = found[key]
            else:
                found[key] = verdict.candidates
