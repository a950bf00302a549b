"""Fixtures shared by the ticket tests: a team and an agent who works in it."""

import pytest

from latitude.people.models import Team, User
from latitude.testing.factories import AgentFactory, TeamFactory, member_of


@pytest.fixture
def team() -> Team:
    return TeamFactory()


@pytest.fixture
def agent(team: Team) -> User:
    return member_of(team, AgentFactory())
