import pytest

from latitude.core.errors import NotFound
from latitude.scopes.actions import edit_grant
from latitude.scopes.selectors import compare_versions, grant_history, grants_of
from latitude.scopes.tests.helpers import person_grant, team_grant
from latitude.testing.factories import AdminFactory, AgentFactory, TeamFactory, member_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_standard_grants")]


def test_history_and_comparison_of_a_grant():
    first = team_grant(TeamFactory(), "ticket.resolve")
    edit_grant(
        actor=AdminFactory(), grant_id=first.grant_id, expected_version=1, rationale="Narrowed"
    )
    assert [v.version for v in grant_history(first.grant_id)] == [1, 2]
    diff = compare_versions(first.grant_id, 1, 2)
    assert diff["changes"] == {
        "rationale": {"before": "Agreed in the service review.", "after": "Narrowed"}
    }
    with pytest.raises(NotFound):
        compare_versions(first.grant_id, 1, 9)


def test_grants_of_lists_what_gives_the_actor_a_say():
    team, agent = TeamFactory(), AgentFactory()
    member_of(team, agent)
    mine = team_grant(team, "ticket.close")
    person_grant(AgentFactory(), "ticket.close")
    assert grants_of(agent, "ticket.close") == [mine]
    assert grants_of(agent, "ticket.reopen") == []


def test_admin_shows_grants_read_only(client):
    version = team_grant(TeamFactory(), "ticket.resolve")
    client.force_login(AdminFactory())
    assert client.get("/admin/scopes/grant/").status_code == 200
    page = client.get(f"/admin/scopes/grant/{version.grant_id}/change/")
    assert page.status_code == 200
    assert b"ticket.resolve" in page.content
    assert client.get("/admin/scopes/grant/add/").status_code == 403
