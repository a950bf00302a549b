"""What each demo ticket is about and how it ends, decided before anything is written."""

import random
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from latitude.catalog.models import Category, Service
from latitude.demo import catalogue, distributions
from latitude.demo.organisation import Organisation
from latitude.demo.texts import Story
from latitude.demo.texts.conversation import MAJOR_INCIDENTS, MajorIncident
from latitude.demo.texts.incidents import INCIDENTS
from latitude.demo.texts.requests import REQUESTS
from latitude.people.models import User
from latitude.tickets.choices import Kind, Priority, Status
from latitude.tickets.rules import DEFAULT_MATRIX

LOCAL = ZoneInfo("Europe/Berlin")
SERVICE_SPECS = {spec.slug: spec for spec in catalogue.SERVICES}


@dataclass
class TicketPlan:
    index: int
    kind: str
    service: Service
    category: Category | None
    subject: str
    description: str
    resolution: str
    requester: User
    opener: User
    impact: int
    urgency: int
    status: Status
    opened_at: datetime
    via_triage: bool = False
    role: str = ""  # "major", "survivor", "child", "duplicate" or ordinary
    words: dict[str, str] = field(default_factory=dict)
    scenario: MajorIncident | None = None
    # Decisions the ticket's story includes (see demo.stories): how its approval is answered
    # ("approve", "pending", "expire", "reject", "revoke", "over_limit"), a goodwill credit
    # ("small", "lead", "declined", "revoked", "pending"), a priority story ("p1_declined",
    # "raise_lower"), and whether the requester reopens its resolution.
    approval: str = ""
    goodwill: str = ""
    priority_story: str = ""
    reopens: bool = False
    # Known once the ticket's script is written:
    owner: User | None = None
    taken_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    handed_off: bool = False

    @property
    def priority(self) -> int:
        return int(DEFAULT_MATRIX[(self.impact, self.urgency)])

    @property
    def service_slug(self) -> str:
        return self.service.slug

    @property
    def is_simple(self) -> bool:
        """Worked by the service's own team from start to end (safe to link, merge, nest)."""
        return not self.via_triage and not self.handed_off and self.owner is not None


class Planner:
    def __init__(self, org: Organisation, rng: random.Random, now: datetime) -> None:
        self.org, self.rng, self.now = org, rng, now
        self.index = 0
        self.showcase_share = 0.02

    def words_for(self, requester: User) -> dict[str, str]:
        colleagues = self.org.requesters_in(requester.unit_id) or self.org.requesters
        colleague = self.rng.choice(colleagues)
        return {
            "site": self.org.city.get(requester.unit_id or 0, "Munich"),
            "asset": f"LT-{self.rng.randint(10000, 99999)}",
            "room": f"{self.rng.randint(0, 4)}.{self.rng.randint(1, 40):02d}",
            "colleague": colleague.full_name,
            "ref": f"{self.rng.choice(['CS', 'SR', 'TCK'])}-{self.rng.randint(100000, 999999)}",
        }

    def pick_requester(self) -> User:
        if self.rng.random() < self.showcase_share:
            return self.org.requesters[0]
        return self.rng.choice(self.org.requesters[1:])

    def pick_service(self, kind: str) -> Service:
        specs = [spec for spec in catalogue.SERVICES if kind == Kind.INCIDENT or spec.requestable]
        spec = self.rng.choices(specs, weights=[spec.weight for spec in specs])[0]
        return self.org.services[spec.slug]

    def category_for(self, kind: str, service: Service) -> Category | None:
        spec = SERVICE_SPECS[service.slug]
        path = (
            spec.incident_category
            if kind == Kind.INCIDENT and spec.incident_category
            else spec.category
        )
        category = self.org.categories[path]
        return category if category.applies_to in ("any", kind) else None

    def rate(self, kind: str, priority: int | None = None) -> tuple[int, int]:
        chosen = priority or distributions.weighted(
            self.rng, distributions.PRIORITY_SHARES[Kind(kind)]
        )
        return self.rng.choice(distributions.RATINGS[Priority(chosen)])

    def opener_for(self, requester: User) -> User:
        if self.rng.random() < distributions.OPENED_BY_DESK_SHARE:
            return self.rng.choice(self.org.members["service-desk"])
        return requester

    def new_plan(
        self,
        *,
        kind: str,
        service: Service,
        text: Story,
        status: Status,
        opened_at: datetime,
        requester: User,
        priority: int | None = None,
        role: str = "",
    ) -> TicketPlan:
        words = self.words_for(requester)
        impact, urgency = self.rate(kind, priority)
        plan = TicketPlan(
            index=self.index,
            kind=kind,
            service=service,
            category=self.category_for(kind, service),
            subject=text[0].format_map(words),
            description=text[1].format_map(words),
            resolution=text[2].format_map(words),
            requester=requester,
            opener=self.opener_for(requester),
            impact=impact,
            urgency=urgency,
            status=status,
            opened_at=opened_at,
            role=role,
            words=words,
        )
        self.index += 1
        return plan

    def opened_at(self, status: Status) -> datetime:
        return distributions.opening_time(self.rng, self.now, distributions.AGE_DAYS[status], LOCAL)

    def ordinary(self, status: Status) -> TicketPlan:
        kind = Kind.INCIDENT if self.rng.random() < distributions.INCIDENT_SHARE else Kind.REQUEST
        service = self.pick_service(kind)
        texts = INCIDENTS if kind == Kind.INCIDENT else REQUESTS
        plan = self.new_plan(
            kind=kind,
            service=service,
            text=self.rng.choice(texts[service.slug]),
            status=status,
            opened_at=self.opened_at(status),
            requester=self.pick_requester(),
        )
        plan.via_triage = self.rng.random() < distributions.NO_SERVICE_SHARE[Kind(kind)]
        return plan

    def major(self, status: Status, scenario: int) -> TicketPlan:
        incident = MAJOR_INCIDENTS[scenario % len(MAJOR_INCIDENTS)]
        opened_at = self.opened_at(status)
        started = f"{opened_at.astimezone(LOCAL):%H:%M}"
        text = (
            incident.subject,
            incident.description.replace("{time}", started),
            incident.resolution,
        )
        desk = self.rng.choice(self.org.members["service-desk"])
        plan = self.new_plan(
            kind=Kind.INCIDENT,
            service=self.org.services[incident.service],
            text=text,
            status=status,
            opened_at=opened_at,
            requester=desk,
            priority=Priority.P1,
            role="major",
        )
        plan.opener, plan.scenario = desk, incident
        return plan

    def base_plans(self, count: int, majors: int, survivors: int) -> list[TicketPlan]:
        statuses = distributions.quotas(count - majors, distributions.STATUS_SHARES)
        self.rng.shuffle(statuses)
        self.showcase_share = max(0.02, 6 / max(count, 1))
        major_statuses = [Status.CLOSED, Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED]
        plans = [self.major(major_statuses[n % 4], n) for n in range(majors)]
        plans += [self.ordinary(status) for status in statuses]
        worked = [plan for plan in plans if plan.status != Status.NEW and not plan.role]
        for plan in self.rng.sample(worked, min(survivors, len(worked))):
            plan.role, plan.via_triage = "survivor", False
        return plans
