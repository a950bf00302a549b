"""Build the demo organisation: sites, people, teams, services, categories, priority matrix.

There are no actions for configuration data (it is maintained in the admin), so it is written
directly; team memberships go through `add_team_member` so that they are audited.
"""

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils.text import slugify
from faker import Faker

from latitude.catalog.models import Category, Service
from latitude.core.actors import SystemActor
from latitude.demo import catalogue
from latitude.people.actions import add_team_member
from latitude.people.choices import Language
from latitude.people.models import OrgUnit, Team, User
from latitude.tickets.models import PriorityRule
from latitude.tickets.rules import DEFAULT_MATRIX

DEMO_DOMAIN = "demo.latitude.example"
DEMO_PASSWORD = "latitude-demo"  # documented in the README and printed by the command
ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"
REQUESTER_EMAIL = f"requester@{DEMO_DOMAIN}"
SYSTEM = SystemActor("demo")


@dataclass
class Organisation:
    units: dict[str, OrgUnit] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    agents: list[User] = field(default_factory=list)
    requesters: list[User] = field(default_factory=list)
    services: dict[str, Service] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    admin: User | None = None
    members: dict[str, list[User]] = field(default_factory=dict)
    city: dict[int, str] = field(default_factory=dict)  # unit id -> city

    def requesters_in(self, unit_id: int | None) -> list[User]:
        return [person for person in self.requesters if person.unit_id == unit_id]


class PeopleFactory:
    """Realistic, unique people from seeded Faker instances; one password hash for all."""

    def __init__(self, seed: int, rng: random.Random, now: datetime) -> None:
        self.rng = rng
        self.now = now
        self.fakers: dict[str, Faker] = {}
        for offset, locale in enumerate(("de_DE", "de_AT", "en_GB")):
            faker = Faker(locale)
            faker.seed_instance(seed + offset)
            self.fakers[locale] = faker
        self.emails: set[str] = set()
        # Hashing once keeps 240 accounts fast; every demo account shares the documented password.
        self.password = make_password(DEMO_PASSWORD)

    def person(self, unit: OrgUnit, spec: catalogue.UnitSpec, **flags: bool) -> User:
        english = self.rng.random() < 0.15
        faker = self.fakers["en_GB" if english else spec.locale]
        first, last = faker.first_name(), faker.last_name()
        language = (
            Language.ENGLISH
            if english
            else self.rng.choice(
                [Language.GERMAN, Language.GERMAN, Language.GERMAN, Language.ENGLISH, ""]
            )
        )
        return User(
            email=self.email_for(first, last),
            full_name=f"{first} {last}",
            unit=unit,
            password=self.password,
            language=language,
            time_zone=self.rng.choice([spec.time_zone, spec.time_zone, ""]),
            date_joined=self.now - timedelta(days=self.rng.randint(90, 2500)),
            **flags,
        )

    def showcase(self, person: User, email: str) -> None:
        """A printed demo account: a fixed address, and pages in the visitor's browser language."""
        self.emails.add(email)
        person.email, person.language = email, ""

    def email_for(self, first: str, last: str) -> str:
        base = f"{ascii_part(first)}.{ascii_part(last)}"
        candidate, number = f"{base}@{DEMO_DOMAIN}", 2
        while candidate in self.emails:
            candidate, number = f"{base}{number}@{DEMO_DOMAIN}", number + 1
        self.emails.add(candidate)
        return candidate


def ascii_part(name: str) -> str:
    """'Jürgen' -> 'juergen', 'Groß-Weber' -> 'gross-weber' (how mail addresses are made)."""
    name = name.lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        name = name.replace(umlaut, spelled)
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return slugify(plain.replace(" ", "-")) or "person"


def build_organisation(
    *, seed: int, rng: random.Random, now: datetime, requesters: int
) -> Organisation:
    org = Organisation()
    people = PeopleFactory(seed, rng, now)
    specs = {spec.name: spec for spec in catalogue.UNITS}
    for spec in catalogue.UNITS:
        unit = OrgUnit.objects.create(name=spec.name, shares_tickets=spec.shares_tickets)
        org.units[spec.name], org.city[unit.pk] = unit, spec.city
    _create_admin(org, people, specs)
    _create_teams(org)
    _create_agents(org, people, specs)
    _create_requesters(org, people, specs, requesters)
    _create_catalogue(org)
    # The migration seeds the matrix; fill in any cell an administrator removed since.
    PriorityRule.objects.bulk_create(
        [
            PriorityRule(impact=impact, urgency=urgency, priority=priority)
            for (impact, urgency), priority in DEFAULT_MATRIX.items()
        ],
        ignore_conflicts=True,
    )
    return org


def _create_admin(
    org: Organisation, people: PeopleFactory, specs: dict[str, catalogue.UnitSpec]
) -> None:
    unit = org.units[catalogue.MUC]
    admin = people.person(unit, specs[unit.name], is_agent=True, is_admin=True)
    people.showcase(admin, ADMIN_EMAIL)
    admin.save()
    org.admin = admin


def _create_teams(org: Organisation) -> None:
    for spec in catalogue.TEAMS:
        team = Team.objects.create(
            name=spec.name, slug=spec.slug, description=spec.description, is_triage=spec.is_triage
        )
        team.units.set([org.units[name] for name in spec.units])
        org.teams[spec.slug] = team
        org.members[spec.slug] = []


def _create_agents(
    org: Organisation, people: PeopleFactory, specs: dict[str, catalogue.UnitSpec]
) -> None:
    for spec in catalogue.AGENTS:
        unit = org.units[spec.unit]
        agent = people.person(unit, specs[unit.name], is_agent=True)
        if spec.email:
            people.showcase(agent, spec.email)
        agent.save()
        org.agents.append(agent)
        for slug in spec.teams:
            add_team_member(actor=SYSTEM, team=org.teams[slug], user=agent)
            org.members[slug].append(agent)
        if spec.leads:
            Team.objects.filter(pk=org.teams[spec.leads].pk).update(lead=agent)


def _create_requesters(
    org: Organisation, people: PeopleFactory, specs: dict[str, catalogue.UnitSpec], count: int
) -> None:
    shares = [spec.share for spec in catalogue.UNITS]
    chosen = people.rng.choices(catalogue.UNITS, weights=shares, k=count)
    showcase = people.person(org.units[catalogue.LEJ], specs[catalogue.LEJ])
    people.showcase(showcase, REQUESTER_EMAIL)
    persons = [showcase] + [people.person(org.units[spec.name], spec) for spec in chosen[1:]]
    org.requesters = User.objects.bulk_create(persons)


def _create_catalogue(org: Organisation) -> None:
    for parent_name, name, scope in catalogue.CATEGORIES:
        parent = org.categories[parent_name] if parent_name else None
        category = Category.objects.create(name=name, parent=parent, applies_to=scope)
        org.categories[f"{parent_name}/{name}" if parent_name else name] = category
    for spec in catalogue.SERVICES:
        org.services[spec.slug] = Service.objects.create(
            name=spec.name,
            slug=spec.slug,
            description=spec.description,
            owner_team=org.teams[spec.team],
            criticality=spec.criticality,
            requestable=spec.requestable,
            requires_approval=bool(spec.approval_cost),
            default_cost_amount=Decimal(spec.approval_cost) if spec.approval_cost else None,
            default_cost_currency="EUR" if spec.approval_cost else "",
        )
