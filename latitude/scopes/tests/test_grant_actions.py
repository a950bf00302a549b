from datetime import timedelta

import pytest
from django.utils import timezone

from latitude.core.errors import Conflict, InvalidInput, InvalidTransition, NotPermitted, OutOfScope
from latitude.core.models import AuditEntry
from latitude.scopes.actions import create_grant, delegate_grant, edit_grant, revoke_grant
from latitude.scopes.diff import diff_versions
from latitude.scopes.models import (
    DecisionRequest,
    Grant,
    GrantsRevision,
    GrantVersion,
    ImmutableError,
)
from latitude.scopes.terms import GrantTerms
from latitude.scopes.tests.helpers import person_grant, team_grant
from latitude.testing.factories import AdminFactory, AgentFactory, TeamFactory, member_of
from latitude.testing.scopes import install_standard_grants

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_standard_grants")]

UP_TO_P3 = {"all": [{"fact": "priority", "op": "gte", "value": 3}]}


def test_creating_a_grant_stores_version_one_and_audits_it():
    team = TeamFactory(name="Service Desk")
    version = team_grant(team, "ticket.resolve", condition=UP_TO_P3)
    assert version.version == 1
    assert version.grant.current_version == 1
    entry = AuditEntry.objects.get(verb="scopes.grant_created")
    assert entry.subject_id == version.grant_id
    assert entry.changes["condition"] == [None, UP_TO_P3]


def test_an_invalid_tree_is_refused_and_nothing_is_stored():
    team = TeamFactory()
    with pytest.raises(InvalidInput, match="contradict"):
        team_grant(
            team,
            "ticket.resolve",
            condition={
                "all": [
                    {"fact": "priority", "op": "gte", "value": 3},
                    {"fact": "priority", "op": "lt", "value": 2},
                ]
            },
        )
    assert not Grant.objects.exists()


@pytest.mark.parametrize(
    ("terms", "field"),
    [
        ({"holder_kind": "team", "holder_team_id": None, "team_scope": "members"}, "holder_team"),
        ({"holder_kind": "role", "holder_role": "wizard"}, "holder_role"),
        (
            {"holder_kind": "role", "holder_role": "agent", "effect": "decide_and_inform"},
            "inform_person",
        ),
        ({"holder_kind": "role", "holder_role": "agent", "rationale": " "}, "rationale"),
        ({"holder_kind": "skill", "holder_key": ""}, "holder_key"),
    ],
)
def test_incomplete_terms_are_refused_with_the_field(terms, field):
    terms.setdefault("rationale", "because")
    with pytest.raises(InvalidInput) as error:
        create_grant(
            actor=AdminFactory(), name="x", terms=GrantTerms(decisions=["ticket.resolve"], **terms)
        )
    assert error.value.field == field


def test_unknown_decision_is_refused():
    with pytest.raises(InvalidInput, match=r"ticket\.teleport"):
        create_grant(
            actor=AdminFactory(),
            name="x",
            terms=GrantTerms(
                holder_kind="role",
                holder_role="agent",
                decisions=["ticket.teleport"],
                rationale="r",
            ),
        )


def test_an_edit_appends_a_version_and_keeps_history():
    first = team_grant(TeamFactory(), "ticket.resolve", condition=UP_TO_P3)
    second = edit_grant(
        actor=AdminFactory(),
        grant_id=first.grant_id,
        expected_version=1,
        condition={"fact": "priority", "op": "gte", "value": 2},
    )
    assert second.version == 2
    assert list(
        GrantVersion.objects.filter(grant=first.grant_id).values_list("version", flat=True)
    ) == [1, 2]
    assert GrantVersion.objects.get(pk=first.pk).condition == UP_TO_P3


def test_a_second_editor_with_a_stale_version_gets_a_conflict_and_nothing_is_lost():
    first = team_grant(TeamFactory(), "ticket.resolve")
    edit_grant(
        actor=AdminFactory(), grant_id=first.grant_id, expected_version=1, rationale="first editor"
    )
    with pytest.raises(Conflict):
        edit_grant(
            actor=AdminFactory(), grant_id=first.grant_id, expected_version=1, rationale="second"
        )
    assert Grant.objects.get(pk=first.grant_id).versions.last().rationale == "first editor"


def test_revoking_appends_a_revoked_version_and_ends_editing():
    first = team_grant(TeamFactory(), "ticket.resolve")
    revoked = revoke_grant(
        actor=AdminFactory(), grant_id=first.grant_id, expected_version=1, reason="Reorganised"
    )
    assert revoked.revoked
    assert revoked.version == 2
    with pytest.raises(InvalidTransition):
        edit_grant(
            actor=AdminFactory(), grant_id=first.grant_id, expected_version=2, rationale="back"
        )


def test_every_change_moves_the_grants_revision():
    before = GrantsRevision.current()
    first = team_grant(TeamFactory(), "ticket.resolve")
    created = GrantsRevision.current()
    revoke_grant(actor=AdminFactory(), grant_id=first.grant_id, expected_version=1, reason="gone")
    assert len({before, created, GrantsRevision.current()}) == 3


def test_the_diff_of_two_versions_names_what_changed():
    first = team_grant(TeamFactory(), "ticket.resolve", condition=UP_TO_P3)
    second = edit_grant(
        actor=AdminFactory(),
        grant_id=first.grant_id,
        expected_version=1,
        decisions=["ticket.resolve", "ticket.close"],
        effect="recommend",
    )
    diff = diff_versions(first, second)
    assert diff["changes"]["decisions"] == {"added": ["ticket.close"], "removed": []}
    assert diff["changes"]["effect"] == {"before": "decide", "after": "recommend"}
    assert "condition" not in diff["changes"]


def test_stored_versions_cannot_be_changed_or_deleted():
    version = team_grant(TeamFactory(), "ticket.resolve")
    with pytest.raises(ImmutableError):
        version.save()
    with pytest.raises(ImmutableError):
        GrantVersion.objects.filter(pk=version.pk).update(rationale="rewritten")


def test_a_team_lead_manages_the_team_grants_but_an_agent_does_not():
    install_standard_grants()
    lead = AgentFactory()
    team = TeamFactory(lead=lead)
    terms = GrantTerms(
        holder_kind="team",
        holder_team_id=team.pk,
        team_scope="members",
        decisions=["ticket.resolve"],
        rationale="r",
    )
    create_grant(actor=lead, name="ours", terms=terms)
    with pytest.raises(OutOfScope) as refused:
        create_grant(actor=AgentFactory(), name="theirs", terms=terms)
    request = DecisionRequest.objects.get(pk=refused.value.decision_request_id)
    assert request.decision == "scope.edit"
    assert Grant.objects.get(pk=request.subject_id).current_version == 0


def test_a_holder_delegates_for_a_period_but_the_delegation_cannot_be_passed_on():
    holder, deputy = AgentFactory(), AgentFactory()
    source = person_grant(holder, ["ticket.resolve", "ticket.close"], condition=UP_TO_P3)
    until = timezone.now() + timedelta(days=7)
    delegated = delegate_grant(
        actor=holder,
        grant_id=source.grant_id,
        to_person_id=deputy.pk,
        valid_until=until,
        decisions=["ticket.resolve"],
        rationale="Holiday",
    )
    assert delegated.grant.delegated_from_id == source.grant_id
    assert delegated.holder_person_id == deputy.pk
    assert delegated.decisions == ["ticket.resolve"]
    with pytest.raises(InvalidTransition, match="cannot be delegated further"):
        delegate_grant(
            actor=deputy,
            grant_id=delegated.grant_id,
            to_person_id=holder.pk,
            valid_until=until,
            rationale="Again",
        )


def test_delegation_needs_a_future_end_a_holder_and_covered_decisions():
    holder, deputy = AgentFactory(), AgentFactory()
    source = person_grant(holder, "ticket.resolve")
    with pytest.raises(InvalidInput, match="future"):
        delegate_grant(
            actor=holder,
            grant_id=source.grant_id,
            to_person_id=deputy.pk,
            valid_until=timezone.now() - timedelta(days=1),
            rationale="r",
        )
    with pytest.raises(NotPermitted):
        delegate_grant(
            actor=deputy,
            grant_id=source.grant_id,
            to_person_id=deputy.pk,
            valid_until=timezone.now() + timedelta(days=1),
            rationale="r",
        )
    with pytest.raises(InvalidInput, match=r"ticket\.close"):
        delegate_grant(
            actor=holder,
            grant_id=source.grant_id,
            to_person_id=deputy.pk,
            valid_until=timezone.now() + timedelta(days=1),
            decisions=["ticket.close"],
            rationale="r",
        )


def test_a_team_member_may_delegate_the_team_grant():
    team, member, deputy = TeamFactory(), AgentFactory(), AgentFactory()
    member_of(team, member)
    source = team_grant(team, "ticket.resolve")
    delegated = delegate_grant(
        actor=member,
        grant_id=source.grant_id,
        to_person_id=deputy.pk,
        valid_until=timezone.now() + timedelta(days=1),
        rationale="Cover",
    )
    assert AuditEntry.objects.filter(
        verb="scopes.grant_delegated", subject_id=delegated.grant_id
    ).exists()
