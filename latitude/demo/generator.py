"""Generate the demo desk: an organisation and a few hundred tickets worked over ~60 days.

Every ticket is written through the ticket actions, as the person who would have done it, at the
moment they would have done it (under a controlled clock), so the audit trail and timelines are
real. One seed gives the same desk every time.
"""

import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from latitude.catalog.models import Category, Service
from latitude.core.models import AuditEntry
from latitude.demo import answers, grants, sla
from latitude.demo.clock import installed_clock
from latitude.demo.groups import Groups
from latitude.demo.organisation import (
    ADMIN_EMAIL,
    DEMO_DOMAIN,
    DEMO_PASSWORD,
    REQUESTER_EMAIL,
    Organisation,
    build_organisation,
)
from latitude.demo.plans import Planner, TicketPlan
from latitude.demo.schedule import Schedule
from latitude.demo.scripts import SHOWCASE_AGENT, TicketScripts
from latitude.demo.stories import DecisionMoves, DecisionStories
from latitude.people.models import OrgUnit, Team, User
from latitude.scopes.models import DecisionRecord, DecisionRequest, Reversal, ScopeSuggestion
from latitude.scopes.trust.suggest import review_scopes
from latitude.sla.clocks.store import recompute
from latitude.tickets.models import Comment, Goodwill, Ticket, TicketLink, TicketWatcher

DEFAULT_SEED = 2026
DEFAULT_TICKETS = 400
MIN_TICKETS = 20
REQUESTERS = 220
LEAD_EMAIL = "lead@demo.latitude.example"


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    full_name: str
    password: str = DEMO_PASSWORD


@dataclass
class DemoResult:
    accounts: list[DemoAccount]
    counts: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    decisions: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def generate(
    *, seed: int = DEFAULT_SEED, tickets: int = DEFAULT_TICKETS, now: datetime | None = None
) -> DemoResult:
    """Write the whole demo in one transaction: all of it, or nothing."""
    if tickets < MIN_TICKETS:
        raise ValueError(f"The demo needs at least {MIN_TICKETS} tickets.")
    started = time.perf_counter()
    now = now or timezone.now()
    rng = random.Random(seed)
    with transaction.atomic(), installed_clock(now - timedelta(days=61)) as clock:
        org = build_organisation(seed=seed, rng=rng, now=now, requesters=REQUESTERS)
        sla.install(org)
        schedule = Schedule(rng)
        _plan_tickets(org, schedule, rng, now, tickets)
        schedule.run(clock)
        review_scopes(now)  # the daily scope review, so the review page has suggestions
    # The clocks were kept by the actions as they happened; bring their breaches up to now.
    recompute(now=now)
    sla.mark_history_announced(now)
    result = DemoResult(
        accounts=demo_accounts(),
        counts=demo_counts(),
        statuses=status_counts(),
        decisions=decision_counts(),
    )
    result.seconds = time.perf_counter() - started
    return result


def _plan_tickets(
    org: Organisation, schedule: Schedule, rng: random.Random, now: datetime, tickets: int
) -> list[TicketPlan]:
    planner = Planner(org, rng, now)
    scripts = TicketScripts(schedule, org, rng, now)
    groups = Groups(planner, scripts, schedule, org, rng, now)
    scripts.decisions = _decisions(org, schedule, rng, now)
    stories = DecisionStories(planner, org, scripts.decisions, now)
    majors = max(1, round(tickets * 0.012))
    children = [rng.choice((2, 3)) for _ in range(majors)]
    duplicates = max(2, round(tickets * 0.03))  # one merge is undone again
    base = tickets - sum(children) - duplicates - stories.COUNT
    plans = planner.base_plans(base, majors, duplicates)
    scripts.decisions.assign(plans)
    plans += stories.plans()
    for plan in plans:
        scripts.write(plan)
    stories.open_goodwill(plans)
    parents = [plan for plan in plans if plan.role == "major"]
    for parent, count in zip(parents, children, strict=True):
        plans += groups.children(parent, count)
    plans += [groups.duplicate(plan) for plan in plans if plan.role == "survivor"]
    groups.links(plans, max(1, tickets // 40))
    return plans


def _decisions(
    org: Organisation, schedule: Schedule, rng: random.Random, now: datetime
) -> DecisionMoves:
    """The demo's grants, the Workplace lead's leave (with a deputy), and the nightly jobs."""
    latitude = grants.install(org)
    deputy = next(person for person in org.agents if person.email == SHOWCASE_AGENT)
    leave = datetime.combine((now - timedelta(days=4)).date(), datetime.min.time(), now.tzinfo)
    schedule.add(leave, lambda: grants.away(latitude, deputy, leave, now))
    night = answers.nightly(now - timedelta(days=61))
    while night < now:
        schedule.add(night, answers.sweep)
        night += timedelta(days=1)
    return DecisionMoves(schedule, org, latitude, rng, now)


def demo_accounts() -> list[DemoAccount]:
    wanted = (
        ("administrator", ADMIN_EMAIL),
        ("team lead", LEAD_EMAIL),
        ("agent", SHOWCASE_AGENT),
        ("requester", REQUESTER_EMAIL),
    )
    people = {user.email: user for user in User.objects.filter(email__in=[e for _r, e in wanted])}
    return [
        DemoAccount(role, email, people[email].full_name)
        for role, email in wanted
        if email in people
    ]


def demo_counts() -> dict[str, int]:
    return {
        "organisation units": OrgUnit.objects.count(),
        "teams": Team.objects.count(),
        "agents": User.objects.filter(is_agent=True, is_admin=False).count(),
        "requesters": User.objects.filter(is_agent=False, is_requester=True).count(),
        "services": Service.objects.count(),
        "categories": Category.objects.count(),
        "tickets": Ticket.objects.count(),
        "merged duplicates": Ticket.objects.filter(merged_into__isnull=False).count(),
        "child tickets": Ticket.objects.filter(parent__isnull=False).count(),
        "related links": TicketLink.objects.count(),
        "watchers": TicketWatcher.objects.count(),
        "replies": Comment.objects.filter(is_internal=False).count(),
        "internal notes": Comment.objects.filter(is_internal=True).count(),
        "audit entries": AuditEntry.objects.count(),
    }


def decision_counts() -> dict[str, int]:
    """Decision requests by status, and what else the trust metrics read."""
    rows = DecisionRequest.objects.values("status").annotate(total=Count("id")).order_by("status")
    counts = {f"requests {row['status']}": row["total"] for row in rows}
    counts["decision records"] = DecisionRecord.objects.count()
    counts["reversals"] = Reversal.objects.count()
    counts["goodwill credits"] = Goodwill.objects.count()
    for kind in ("widen", "narrow"):
        counts[f"suggestions to {kind}"] = ScopeSuggestion.objects.filter(kind=kind).count()
    return counts


def status_counts() -> dict[str, int]:
    rows = Ticket.objects.values("status").annotate(total=Count("id")).order_by("status")
    return {row["status"]: row["total"] for row in rows}


def desk_is_empty() -> bool:
    """No tickets, organisation or demo accounts yet (an administrator alone is fine)."""
    return not (
        Ticket.objects.exists()
        or Team.objects.exists()
        or OrgUnit.objects.exists()
        or Service.objects.exists()
        or User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").exists()
    )
