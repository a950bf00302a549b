"""Scope administration: the list a lead or an administrator sees, creating, editing and
revoking grants through the form and its limits builder, conflicts, and the version diff."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from latitude.scopes.actions import edit_grant
from latitude.scopes.models import DecisionRequest, Grant, GrantVersion
from latitude.scopes.tests.helpers import grant, team_grant
from latitude.scopes.tests.ui.conftest import HTMX, Desk
from latitude.scopes.tests.ui.helpers import text_of
from latitude.testing.factories import TeamFactory

pytestmark = pytest.mark.django_db

GRANTS = reverse("scopes:grants")
NEW = reverse("scopes:grant_new")


def _form(desk: Desk, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Service Desk: P3 and P4",
        "holder_kind": "team",
        "holder_team": desk.team.pk,
        "team_scope": "members",
        "decisions": ["ticket.resolve", "ticket.close"],
        "effect": "decide",
        "rationale": "The desk closes routine work itself.",
        "cond-mode": "rows",
        "cond-join": "all",
        "cond-rows": "1",
        "cond-0-fact": "priority",
        "cond-0-op": "gte",
        "cond-0-value": "3",
    }
    data.update(overrides)
    return data


def test_a_lead_sees_the_grants_they_may_edit_and_all_on_request(desk: Desk) -> None:
    mine = team_grant(desk.team, "ticket.resolve")
    team_grant(desk.other_team, "ticket.resolve")
    client = desk.client("lead")

    editable = text_of(client.get(GRANTS))
    everything = text_of(client.get(GRANTS + "?mine=0"))

    assert editable.count('<tr id="grant-') == 1
    assert f'id="grant-{mine.grant_id}"' in editable
    assert reverse("scopes:grant_edit", args=[mine.grant_id]) in editable
    assert "Agents: resolve, close and reopen below P1" in everything
    assert "priority is at least P2 high" in everything
    assert everything.count(">Edit<") == 1


def test_an_administrator_sees_and_may_edit_every_grant(desk: Desk) -> None:
    text = text_of(desk.client("admin").get(GRANTS))

    assert text.count('<tr id="grant-') == GrantVersion.objects.current().count()
    assert text.count(">Edit<") == GrantVersion.objects.current().count()


def test_filters_by_decision_person_team_and_revoked(desk: Desk) -> None:
    grant(
        "ticket.merge",
        name="Network merges",
        holder_kind="team",
        holder_team_id=desk.other_team.pk,
        team_scope="members",
    )
    client = desk.client("admin")

    by_decision = text_of(client.get(GRANTS + "?decision=request.approve"))
    by_team = text_of(client.get(GRANTS + f"?team={desk.other_team.pk}"))

    assert by_decision.count('<tr id="grant-') == 1
    assert "Administrators: every ticket decision" in by_decision
    assert by_team.count('<tr id="grant-') == 1
    assert "Network merges" in by_team
    assert client.get(GRANTS + "?team=999999").status_code == 400


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(GRANTS + "?mine=0").status_code == 200
    return len(queries)


def _team_limited(count: int) -> None:
    for _ in range(count):
        team = TeamFactory()
        team_grant(team, "ticket.resolve", condition={"fact": "team", "op": "eq", "value": team.pk})


def test_the_list_costs_the_same_queries_for_few_or_many_grants(desk: Desk) -> None:
    client = desk.client("lead")
    _team_limited(1)
    _list_queries(client)
    few = _list_queries(client)
    _team_limited(10)
    _list_queries(client)  # the grants changed: the first look reloads them once

    assert _list_queries(client) == few <= 14  # 13 + the bell's unread count


def test_creating_a_grant_with_limits_from_the_builder(desk: Desk) -> None:
    response = desk.client("lead").post(NEW, _form(desk))

    grant = Grant.objects.get(name="Service Desk: P3 and P4")
    assert response.status_code == 302
    assert response["Location"] == reverse("scopes:grant", args=[grant.pk])
    version = grant.versions.get()
    assert version.condition == {"all": [{"fact": "priority", "op": "gte", "value": 3}]}
    assert (version.holder_team, version.decisions) == (
        desk.team,
        ["ticket.resolve", "ticket.close"],
    )


def test_a_grant_beyond_the_leads_scope_becomes_a_decision_request(desk: Desk) -> None:
    data = _form(desk, holder_team=desk.other_team.pk)

    response = desk.client("lead").post(NEW, data)

    assert response.status_code == 403
    text = text_of(response)
    assert "Sent to Ann Admin for a decision." in text
    assert 'value="Service Desk: P3 and P4"' in text  # nothing typed is lost
    request = DecisionRequest.objects.get(decision="scope.edit")
    assert reverse("scopes:request", args=[request.pk]) in text
    assert Grant.objects.get(name="Service Desk: P3 and P4").current_version == 0


@pytest.mark.parametrize(
    ("overrides", "field_error"),
    [
        ({"cond-0-value": "three"}, "three is not a whole number."),
        ({"cond-0-op": "between", "cond-0-low": "4", "cond-0-high": "2"}, "low end"),
        ({"cond-rows": "2", "cond-1-fact": "priority", "cond-1-op": "lt", "cond-1-value": "2"},
         "contradict each other"),
        ({"cond-0-fact": "kind", "cond-0-op": "in", "cond-0-value": []},
         'the list for "kind" is empty.'),
        ({"cond-0-value": ""}, "Enter a value."),
        ({"cond-mode": "json", "cond-json": "{not json"}, "not valid JSON"),
        ({"cond-mode": "json", "cond-json": '{"fact": "colour", "op": "eq", "value": 1}'},
         'unknown fact "colour"'),
        ({"cond-mode": "json", "cond-json": '{"any": []}'}, '"any" needs at least one condition.'),
        ({"decisions": ["ticket.resolve", "scope.edit"], "cond-rows": "0"},
         "same kind of subject"),
        ({"rationale": " "}, "This field is required."),
        ({"holder_kind": "person"}, "Choose an active person."),
    ],
)  # fmt: skip
def test_invalid_grants_are_refused_with_the_reason_and_nothing_is_stored(
    desk: Desk, overrides: dict, field_error: str
) -> None:
    response = desk.client("admin").post(NEW, _form(desk, **overrides))

    assert response.status_code == 422
    assert field_error in text_of(response)
    assert not Grant.objects.filter(name="Service Desk: P3 and P4").exists()


def test_the_builder_adds_rows_with_typed_value_widgets_over_htmx(desk: Desk) -> None:
    client = desk.client("admin")
    builder = reverse("scopes:builder")

    added = text_of(client.post(builder, _form(desk, **{"cond-add": "1"}), **HTMX))
    kind = text_of(client.post(builder, _form(desk, **{"cond-0-fact": "kind"}), **HTMX))
    minutes = text_of(
        client.post(
            builder,
            _form(desk, decisions=["ticket.waive_sla"], **{"cond-0-fact": "extension_minutes"}),
            **HTMX,
        )
    )

    assert added.startswith('<fieldset id="condition-builder"')
    assert 'name="cond-1-fact"' in added
    assert '<option value="incident">' in kind
    assert '<option value="gte"' not in kind
    assert 'type="number" min="0" step="1"' in minutes
    assert "minutes" in minutes


def test_the_builder_switches_to_json_and_back(desk: Desk) -> None:
    client = desk.client("admin")
    builder = reverse("scopes:builder")

    as_json = text_of(client.post(builder, _form(desk, **{"cond-to-json": "1"}), **HTMX))
    nested = json.dumps({"any": [{"all": [{"fact": "priority", "op": "eq", "value": 3}]}]})
    back = text_of(
        client.post(
            builder,
            _form(desk, **{"cond-mode": "json", "cond-json": nested, "cond-to-rows": "1"}),
            **HTMX,
        )
    )

    assert '"op": "gte"' in as_json
    assert 'name="cond-json"' in as_json
    assert "can only be edited as JSON" in back


def test_a_nested_tree_saved_as_json_opens_in_the_json_editor(desk: Desk) -> None:
    nested = {
        "any": [
            {"all": [{"fact": "priority", "op": "eq", "value": 3}]},
            {"not": {"fact": "kind", "op": "eq", "value": "incident"}},
        ]
    }
    client = desk.client("admin")
    client.post(NEW, _form(desk, **{"cond-mode": "json", "cond-json": json.dumps(nested)}))
    grant = Grant.objects.get(name="Service Desk: P3 and P4")

    page = text_of(client.get(reverse("scopes:grant_edit", args=[grant.pk])))

    assert grant.versions.get().condition == nested
    assert 'name="cond-json"' in page
    assert "Try as rows" in page


def _edit(desk: Desk, grant_id: int, version: int, **overrides: object) -> dict[str, object]:
    data = _form(desk, expected_version=version, **overrides)
    data.pop("name")
    return data


def test_editing_appends_a_version_and_the_diff_shows_what_changed(desk: Desk) -> None:
    version = team_grant(
        desk.team, "ticket.resolve", condition={"fact": "priority", "op": "gte", "value": 2}
    )
    client = desk.client("lead")
    url = reverse("scopes:grant_edit", args=[version.grant_id])
    assert 'name="cond-0-value"' in text_of(client.get(url))

    response = client.post(url, _edit(desk, version.grant_id, 1, rationale="Narrowed to P3."))

    assert response.status_code == 302
    detail = text_of(client.get(reverse("scopes:grant", args=[version.grant_id])))
    assert "priority is at least P2 high" in detail
    assert "priority is at least P3 medium" in detail
    assert "<ins>Close a ticket</ins>" in detail
    assert "Narrowed to P3." in detail
    first_only = text_of(
        client.get(reverse("scopes:grant", args=[version.grant_id]) + "?from=1&to=1")
    )
    assert "No differences." in first_only


def test_a_stale_edit_shows_the_conflict_keeps_the_input_and_may_then_replace(
    desk: Desk,
) -> None:
    version = team_grant(desk.team, "ticket.resolve")
    edit_grant(
        actor=desk.admin,
        grant_id=version.grant_id,
        expected_version=1,
        rationale="Admin was first.",
    )
    client = desk.client("lead")
    url = reverse("scopes:grant_edit", args=[version.grant_id])

    response = client.post(
        url, _edit(desk, version.grant_id, 1, rationale="Mine, typed meanwhile.")
    )

    assert response.status_code == 409
    text = text_of(response)
    assert "Someone saved this grant meanwhile" in text
    assert "Admin was first." in text
    assert "Mine, typed meanwhile." in text
    assert 'name="expected_version" value="2"' in text
    again = client.post(url, _edit(desk, version.grant_id, 2, rationale="Mine, typed meanwhile."))
    assert again.status_code == 302
    assert Grant.objects.get(pk=version.grant_id).current_version == 3


def test_revoking_needs_a_reason_and_then_takes_effect(desk: Desk) -> None:
    version = team_grant(desk.team, "ticket.resolve")
    client = desk.client("lead")
    url = reverse("scopes:grant_revoke", args=[version.grant_id])

    assert client.post(url, {"reason": "", "expected_version": 1}).status_code == 422
    response = client.post(url, {"reason": "Merged into the lead's grant.", "expected_version": 1})

    assert response.status_code == 302
    assert Grant.objects.get(pk=version.grant_id).versions.get(version=2).revoked


def test_the_last_grant_that_keeps_administrators_in_charge_cannot_be_revoked(
    desk: Desk,
) -> None:
    grant = Grant.objects.get(name="Administrators: edit scopes")

    response = desk.client("admin").post(
        reverse("scopes:grant_revoke", args=[grant.pk]),
        {"reason": "Tidy up", "expected_version": 1},
    )

    assert response.status_code == 409
    assert "last grant that lets administrators edit scopes" in text_of(response)
    assert grant.versions.count() == 1
