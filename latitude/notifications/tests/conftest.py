"""Test event types registered once for the notification tests."""

from pathlib import Path

import pytest

from latitude.notifications.registry import EventType, register_event
from latitude.testing.factories import (
    AdminFactory,
    AgentFactory,
    RequesterFactory,
    TeamFactory,
    member_of,
)

TEST_EVENT = register_event(
    EventType(
        name="test.happened",
        label="Something happened",
        audience=("agent", "requester"),
        default_channels=("in_app", "email"),
        template="notifications/tests/happened",
    )
).name
AGENT_EVENT = register_event(
    EventType(
        name="test.agents_only",
        label="Agents only",
        audience=("agent",),
        default_channels=("in_app",),
        template="notifications/tests/happened",
    )
).name


TEST_TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture(autouse=True)
def _test_templates(settings):
    engine = dict(settings.TEMPLATES[0])
    engine["DIRS"] = [*engine["DIRS"], TEST_TEMPLATES]
    settings.TEMPLATES = [engine]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def people():
    """One person for each role of the permission matrices."""
    team, other = TeamFactory(), TeamFactory()
    return {
        "requester": RequesterFactory(),
        "other_agent": member_of(other, AgentFactory()),
        "agent": member_of(team, AgentFactory()),
        "admin": AdminFactory(),
    }
