"""Policy and assignment writes: admins only, validated with the field, versioned, audited."""

import pytest

from latitude.core.errors import InvalidInput, NotPermitted
from latitude.core.models import AuditEntry
from latitude.sla import actions
from latitude.sla.models import CalendarAssignment
from latitude.sla.tests.desk import calendar
from latitude.testing.factories import AdminFactory, AgentFactory, TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return AdminFactory()


def test_an_edit_raises_the_version_and_is_audited_with_its_diff(admin):
    policy = actions.create_policy(actor=admin, name="All", position=1, resolution_minutes=60)
    changed = actions.update_policy(actor=admin, policy_id=policy.pk, resolution_minutes=90)
    assert changed.version == 2
    entry = AuditEntry.objects.get(verb="sla.policy_changed")
    assert entry.changes == {"resolution_minutes": [60, 90], "version": [1, 2]}
    unchanged = actions.update_policy(actor=admin, policy_id=policy.pk, resolution_minutes=90)
    assert unchanged.version == 2


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"resolution_minutes": 0}, "resolution_minutes"),
        ({}, "resolution_minutes"),
        ({"resolution_minutes": 60, "warn_percent": 100}, "warn_percent"),
        ({"resolution_minutes": 60, "pause_statuses": ["in_progress"]}, "pause_statuses"),
        ({"resolution_minutes": 60, "on_reopen": "sometimes"}, "on_reopen"),
        ({"resolution_minutes": 60, "colour": "red"}, "colour"),
    ],
)
def test_bad_policies_are_refused_with_the_field(admin, fields, field):
    with pytest.raises(InvalidInput) as refused:
        actions.create_policy(actor=admin, name="Bad", position=3, **fields)
    assert refused.value.field == field


def test_only_administrators_change_policies_and_assignments():
    agent = AgentFactory()
    with pytest.raises(NotPermitted):
        actions.create_policy(actor=agent, name="Mine", position=1, resolution_minutes=60)
    munich = calendar("Munich", "Europe/Berlin", "DE", "BY", (8, 17))
    with pytest.raises(NotPermitted):
        actions.assign_calendar(actor=agent, calendar_id=munich.pk, team_id=TeamFactory().pk)


def test_assigning_replaces_the_teams_calendar_and_names_exactly_one_target(admin):
    team = TeamFactory()
    munich = calendar("Munich", "Europe/Berlin", "DE", "BY", (8, 17))
    vienna = calendar("Vienna", "Europe/Vienna", "AT", "", (8, 17))
    actions.assign_calendar(actor=admin, calendar_id=munich.pk, team_id=team.pk)
    actions.assign_calendar(actor=admin, calendar_id=vienna.pk, team_id=team.pk)
    assert CalendarAssignment.objects.get(team=team).calendar == vienna
    with pytest.raises(InvalidInput) as refused:
        actions.assign_calendar(actor=admin, calendar_id=vienna.pk)
    assert refused.value.field == "service_id"
    with pytest.raises(InvalidInput) as refused:
        actions.assign_calendar(actor=admin, calendar_id=vienna.pk, team_id=999_999)
    assert refused.value.field == "team_id"


def test_one_default_calendar_at_a_time(admin):
    munich = calendar("Munich", "Europe/Berlin", "DE", "BY", (8, 17))
    vienna = calendar("Vienna", "Europe/Vienna", "AT", "", (8, 17))
    actions.set_default_calendar(actor=admin, calendar_id=munich.pk)
    actions.set_default_calendar(actor=admin, calendar_id=vienna.pk)
    munich.refresh_from_db()
    vienna.refresh_from_db()
    assert (munich.is_default, vienna.is_default) == (False, True)
