"""Who may change grants: the decision scope.edit, its bootstrap and its no-lock-out rule."""

import pytest

from latitude.core.errors import InvalidTransition, NotPermitted, OutOfScope
from latitude.scopes.actions import approve_request, create_grant, edit_grant, revoke_grant
from latitude.scopes.models import Grant, GrantVersion
from latitude.scopes.terms import GrantTerms
from latitude.testing.factories import AdminFactory, AgentFactory

pytestmark = pytest.mark.django_db

RESOLVE_FOR_AGENTS = GrantTerms(
    holder_kind="role", holder_role="agent", decisions=["ticket.resolve"], rationale="r"
)


def admin_scope_grant() -> GrantVersion:
    return GrantVersion.objects.current().get(grant__name="Administrators: edit scopes")


def test_the_last_unlimited_admin_grant_cannot_be_revoked_or_narrowed():
    admin, version = AdminFactory(), admin_scope_grant()

    with pytest.raises(InvalidTransition, match="last grant"):
        revoke_grant(actor=admin, grant_id=version.grant_id, expected_version=1, reason="Tidy")
    with pytest.raises(InvalidTransition, match="last grant"):
        edit_grant(
            actor=admin,
            grant_id=version.grant_id,
            expected_version=1,
            condition={"fact": "revoking", "op": "eq", "value": False},
        )


def test_with_a_second_admin_grant_the_first_may_go():
    admin = AdminFactory()
    create_grant(
        actor=admin,
        name="Admins (spare)",
        terms=GrantTerms(
            holder_kind="role", holder_role="admin", decisions=["scope.edit"], rationale="r"
        ),
    )
    version = admin_scope_grant()
    revoked = revoke_grant(
        actor=admin, grant_id=version.grant_id, expected_version=1, reason="Replaced"
    )
    assert revoked.revoked


def test_without_any_scope_edit_grant_only_administrators_may_start(without_standard_grants):
    assert create_grant(actor=AdminFactory(), name="First", terms=RESOLVE_FOR_AGENTS)
    with pytest.raises(NotPermitted):
        create_grant(actor=AgentFactory(), name="Mine", terms=RESOLVE_FOR_AGENTS)


def test_an_out_of_scope_grant_becomes_a_draft_that_approval_writes():
    agent = AgentFactory()

    with pytest.raises(OutOfScope) as refused:
        create_grant(actor=agent, name="Let agents resolve P1", terms=RESOLVE_FOR_AGENTS)
    draft = Grant.objects.get(name="Let agents resolve P1")
    assert draft.current_version == 0
    assert not draft.versions.exists()

    approve_request(actor=AdminFactory(), request_id=refused.value.decision_request_id)

    draft.refresh_from_db()
    assert draft.current_version == 1
    version = draft.versions.get()
    assert version.decisions == ["ticket.resolve"]
    assert version.created_by == agent
