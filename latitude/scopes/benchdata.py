"""What the scopes benchmarks need on top of the bench data: 1,000 stored grants and a year of
decision records. Written in bulk once per database (idempotent: counted by a name prefix)."""

import random
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from latitude.people.models import Team, User
from latitude.scopes.choices import Effect, HolderKind
from latitude.scopes.models import (
    DecisionOutcome,
    DecisionRecord,
    DecisionRequest,
    Grant,
    GrantsRevision,
    GrantVersion,
    RequestKind,
    RequestStatus,
)

GRANT_PREFIX = "Bench grant "
RECORD_MARK = "bench"
DECISIONS = ["ticket.resolve", "ticket.close", "ticket.reopen", "ticket.set_priority"]
DECLINED_SHARE = 1 / 9  # of the requests holders answer (the rest they approve)


def _limits(rng: random.Random) -> dict[str, object]:
    # `kind` is a fact of every decision granted here, so each tree is valid for all of them.
    return {"fact": "kind", "op": "eq", "value": rng.choice(["incident", "request"])}


@transaction.atomic
def ensure_grants(count: int = 1000, seed: int = 1) -> None:
    """Person and team grants over the ticket decisions, until `count` bench grants exist."""
    have = Grant.objects.filter(name__startswith=GRANT_PREFIX).count()
    if have >= count:
        return
    rng = random.Random(seed)
    people = list(User.objects.filter(is_agent=True).values_list("pk", flat=True)[:2000])
    teams = list(Team.objects.values_list("pk", flat=True))
    bulk_grants({f"{GRANT_PREFIX}{n}": _terms(rng, people, teams) for n in range(have, count)})


def bulk_grants(terms_by_name: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Grants with their first version (grant version id by name), written in bulk for
    benchmark data: without the audit and scope checks of `actions.grants.create_grant`."""
    now = timezone.now()
    grants = Grant.objects.bulk_create(
        Grant(name=name, current_version=1, created_at=now) for name in terms_by_name
    )
    versions = GrantVersion.objects.bulk_create(
        GrantVersion(grant=grant, version=1, created_at=now, **terms_by_name[grant.name])
        for grant in grants
    )
    GrantsRevision.bump()
    return {version.grant.name: version.pk for version in versions}


def _terms(rng: random.Random, people: list[int], teams: list[int]) -> dict[str, Any]:
    to_team = rng.random() < 0.2 and teams
    return {
        "holder_kind": HolderKind.TEAM if to_team else HolderKind.PERSON,
        "holder_team_id": rng.choice(teams) if to_team else None,
        "team_scope": "members" if to_team else "",
        "holder_person_id": None if to_team else rng.choice(people),
        "decisions": rng.sample(DECISIONS, 2),
        "condition": _limits(rng),
        "effect": Effect.DECIDE,
        "rationale": "Benchmark",
    }


@transaction.atomic
def ensure_year_of_decisions(team: Team, per_day: int = 30, seed: int = 1) -> None:
    """A year of records and requests for the team's members (about 11,000 records)."""
    if DecisionRecord.objects.filter(team=team).exists():
        return  # the team's own decisions (bench-data writes them), or ours from an earlier round
    rng = random.Random(seed)
    members = list(team.members.values_list("pk", flat=True)) or list(
        User.objects.filter(is_agent=True).values_list("pk", flat=True)[:20]
    )
    now = timezone.now()
    records: list[DecisionRecord] = []
    requests: list[DecisionRequest] = []
    for day in range(365):
        for n in range(per_day):
            moment = now - timedelta(days=day, minutes=n * 17)
            decision, actor = rng.choice(DECISIONS), rng.choice(members)
            if rng.random() < 0.1:
                requests.append(_request(decision, actor, moment, rng, len(requests)))
            records.append(_record(decision, actor, team, moment))
    DecisionRecord.objects.bulk_create(records, batch_size=2000)
    DecisionRequest.objects.bulk_create(requests, batch_size=2000)


def _record(decision: str, actor: int, team: Team, moment: datetime) -> DecisionRecord:
    return DecisionRecord(
        decision=decision,
        outcome=DecisionOutcome.TAKEN,
        within_scope=True,
        actor_id=actor,
        actor_repr="bench",
        team=team,
        occurred_at=moment,
        subject_type="tickets.ticket",
        subject_id=1,
        subject_repr=RECORD_MARK,
    )


def _request(
    decision: str, actor: int, moment: datetime, rng: random.Random, n: int
) -> DecisionRequest:
    declined = rng.random() < DECLINED_SHARE
    status = RequestStatus.DECLINED if declined else RequestStatus.APPROVED
    return DecisionRequest(
        decision=decision,
        kind=RequestKind.OUT_OF_SCOPE,
        status=status,
        requester_id=actor,
        action="bench",
        subject_type="bench.subject",
        subject_id=n,
        subject_repr=RECORD_MARK,
        created_at=moment,
        expires_at=moment + timedelta(days=3),
        decided_at=moment + timedelta(minutes=rng.randint(5, 600)),
    )
