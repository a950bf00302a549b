"""Shared factories for tests across apps."""

import factory
from factory.django import DjangoModelFactory

from latitude.catalog.models import Category, Service
from latitude.people.models import OrgUnit, Team, TeamMembership, User
from latitude.tickets import rules
from latitude.tickets.models import Comment, Ticket


class OrgUnitFactory(DjangoModelFactory):
    class Meta:
        model = OrgUnit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Unit {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("correct horse battery")
    unit = factory.SubFactory(OrgUnitFactory)


class RequesterFactory(UserFactory):
    is_requester = True


class AgentFactory(UserFactory):
    is_agent = True


class AdminFactory(UserFactory):
    is_agent = True
    is_admin = True


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")


def member_of(team: Team, user: User) -> User:
    TeamMembership.objects.get_or_create(team=team, user=user)
    return user


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    owner_team = factory.SubFactory(TeamFactory)


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")


class TicketFactory(DjangoModelFactory):
    """A ticket written directly (no action, no audit): for arranging test data only."""

    class Meta:
        model = Ticket

    kind = "incident"
    number = factory.LazyAttribute(lambda o: rules.next_number(o.kind))
    subject = factory.Sequence(lambda n: f"Something is broken #{n}")
    description = "It stopped working this morning."
    requester = factory.SubFactory(RequesterFactory)
    team = factory.SubFactory(TeamFactory)


class CommentFactory(DjangoModelFactory):
    class Meta:
        model = Comment

    ticket = factory.SubFactory(TicketFactory)
    author = factory.SelfAttribute("ticket.requester")
    body = "More details."


def make_lead(person: User, team: Team) -> User:
    """Make `person` the team's lead (and a member): the standard grants give leads P1."""
    member_of(team, person)
    team.lead = person
    team.save(update_fields=["lead"])
    person.__dict__.pop("_latitude_scope_profile", None)
    return person
