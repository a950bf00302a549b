"""The benchmark organisation: sized like the company behind the ServiceNow log."""

import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction

from latitude.bench.profile import Profile
from latitude.catalog.models import Category, Service
from latitude.people.models import OrgUnit, Team, TeamMembership, User

UNITS = 25
SHARED_UNIT_EVERY = 10
MIN_AGENTS_PER_TEAM = 2
SECOND_TEAM_SHARE = 0.15
BENCH_AGENT_EMAIL = "agent@bench.example"
BENCH_ADMIN_EMAIL = "admin@bench.example"


@dataclass
class Organisation:
    team_ids: list[int]  # busiest first, parallel to Profile.team_loads
    team_agents: dict[int, list[int]]
    service_of_team: dict[int, int]
    category_ids: list[int]
    requester_ids: list[int]
    names: dict[int, str] = field(default_factory=dict)
    bench_agent_id: int = 0
    bench_admin_id: int = 0
    team_leads: dict[int, int] = field(default_factory=dict)

    def lead_of(self, team_id: int) -> int:
        """The team's lead, else (an organisation planned without one) its first agent."""
        return self.team_leads.get(team_id) or self.team_agents[team_id][0]


def _people(
    emails_and_names: list[tuple[str, str]], units: list[OrgUnit], **flags: bool
) -> list[User]:
    unusable = make_password(None)
    users = [
        User(
            email=email, full_name=name, unit=units[index % len(units)], password=unusable, **flags
        )
        for index, (email, name) in enumerate(emails_and_names)
    ]
    return User.objects.bulk_create(users, batch_size=1000)


def _agents_per_team(profile: Profile) -> list[int]:
    """Agents split over teams in proportion to their load, at least two each."""
    total_load = sum(profile.team_loads)
    return [
        max(MIN_AGENTS_PER_TEAM, round(profile.agents * load / total_load))
        for load in profile.team_loads
    ]


def _teams(count: int) -> list[Team]:
    teams = [
        Team(
            name=f"Support group {index + 1}", slug=f"bench-group-{index + 1}", is_triage=index == 0
        )
        for index in range(count)
    ]
    return Team.objects.bulk_create(teams)


def _staff(
    profile: Profile, teams: list[Team], units: list[OrgUnit], rng: random.Random
) -> dict[int, list[User]]:
    sizes = _agents_per_team(profile)
    pairs = [(f"agent{n}@bench.example", f"Agent {n}") for n in range(1, sum(sizes) + 1)]
    agents = iter(_people(pairs, units, is_agent=True))
    by_team = {
        team.pk: [next(agents) for _ in range(size)]
        for team, size in zip(teams, sizes, strict=True)
    }
    rows = [
        TeamMembership(team_id=team_id, user=user)
        for team_id, users in by_team.items()
        for user in users
    ]
    for team_id, users in by_team.items():
        for user in users:
            if rng.random() < SECOND_TEAM_SHARE and (other := rng.choice(teams).pk) != team_id:
                rows.append(TeamMembership(team_id=other, user=user))
                by_team[other].append(user)
    TeamMembership.objects.bulk_create(rows)
    for team in teams:
        team.lead = by_team[team.pk][0]  # the team's first own agent
    Team.objects.bulk_update(teams, ["lead"])
    return by_team


@transaction.atomic
def create_organisation(profile: Profile, rng: random.Random) -> Organisation:
    units = OrgUnit.objects.bulk_create(
        OrgUnit(name=f"Bench unit {n}", shares_tickets=n % SHARED_UNIT_EVERY == 0)
        for n in range(1, UNITS + 1)
    )
    teams = _teams(len(profile.team_loads))
    by_team = _staff(profile, teams, units, rng)
    services = Service.objects.bulk_create(
        Service(name=f"Service of {team.name}", slug=f"bench-service-{team.pk}", owner_team=team)
        for team in teams
    )
    categories = Category.objects.bulk_create(
        Category(name=f"Category {n}") for n in range(1, profile.categories + 1)
    )
    requesters = _people(
        [(f"person{n}@bench.example", f"Person {n}") for n in range(1, profile.requesters + 1)],
        units,
    )
    bench_agent, bench_admin = _people(
        [(BENCH_AGENT_EMAIL, "Bench agent"), (BENCH_ADMIN_EMAIL, "Bench admin")],
        units[1:],
        is_agent=True,
    )
    User.objects.filter(pk=bench_admin.pk).update(is_admin=True)
    TeamMembership.objects.create(team=teams[0], user=bench_agent)
    everyone = [*requesters, *(user for users in by_team.values() for user in users), bench_agent]
    return Organisation(
        team_ids=[team.pk for team in teams],
        team_agents={team_id: [user.pk for user in users] for team_id, users in by_team.items()},
        service_of_team={service.owner_team_id: service.pk for service in services},
        category_ids=[category.pk for category in categories],
        requester_ids=[user.pk for user in requesters],
        names={user.pk: user.full_name for user in everyone},
        bench_agent_id=bench_agent.pk,
        bench_admin_id=bench_admin.pk,
        team_leads={team.pk: team.lead_id for team in teams if team.lead_id},
    )
