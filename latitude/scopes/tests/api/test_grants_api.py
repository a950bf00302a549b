"""Grants over /api/v1: reading, the history and its diff, and every write with its refusals."""

import json
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from latitude.api.testing import client_for, send
from latitude.core.models import AuditEntry
from latitude.scopes.actions import revoke_grant
from latitude.scopes.models import DecisionRequest, Grant, GrantVersion
from latitude.scopes.tests.helpers import person_grant, team_grant
from latitude.testing.factories import RequesterFactory
from latitude.testing.scopes import STANDARD_GRANTS

pytestmark = [pytest.mark.django_db, pytest.mark.urls("latitude.api.tests.urls")]

GRANTS = "/api/v1/grants"
UP_TO_P3 = {"all": [{"fact": "priority", "op": "gte", "value": 3}]}
STANDARD_COUNT = len(STANDARD_GRANTS)


def terms(sd: Any, **changes: Any) -> dict[str, Any]:
    body = {
        "name": "Alice resolves P3",
        "holder_kind": "person",
        "holder_person_id": sd.agent.pk,
        "decisions": ["ticket.resolve"],
        "condition": UP_TO_P3,
        "rationale": "She runs the printer desk.",
    }
    body.update(changes)
    return body


def created(sd: Any, **changes: Any) -> dict[str, Any]:
    response = send(client_for(sd.admin), "POST", GRANTS, terms(sd, **changes))
    assert response.status_code == 201, response.content
    return response.json()


def test_an_agent_reads_every_grant_of_the_desk_one_page_at_a_time(sd):
    client = client_for(sd.agent)
    ids, cursor = [], None
    while True:
        query = {"size": 3, **({"cursor": cursor} if cursor else {})}
        body = client.get(GRANTS, query).json()
        ids += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break

    assert ids == sorted(Grant.objects.filter(current_version__gt=0).values_list("pk", flat=True))
    assert len(ids) == STANDARD_COUNT


def test_the_list_costs_the_same_queries_for_two_grants_and_for_twenty(
    sd, django_assert_max_num_queries
):
    client = client_for(sd.agent)
    client.get(GRANTS)
    for _ in range(20):
        team_grant(
            sd.team, "ticket.resolve", inform_person_id=sd.lead.pk, effect="decide_and_inform"
        )

    with django_assert_max_num_queries(6):
        response = client.get(GRANTS, {"size": 50})

    assert len(response.json()["items"]) == STANDARD_COUNT + 20


def test_the_list_filters_by_decision_holder_and_status(sd):
    person_grant(sd.agent, "ticket.resolve", name="Mine")
    team_grant(sd.team, "ticket.close")
    gone = person_grant(sd.colleague, "ticket.merge", name="Gone")
    revoke_grant(actor=sd.admin, grant_id=gone.grant_id, reason="Merged")
    client = client_for(sd.agent)

    def names(**query: Any) -> set[str]:
        return {item["name"] for item in client.get(GRANTS, query).json()["items"]}

    standard_merges = {
        name for name, _, decisions, *_ in STANDARD_GRANTS if "ticket.merge" in decisions
    }
    assert names(decision="ticket.merge") == standard_merges | {"Gone"}
    assert names(holder_kind="person") == {"Mine", "Gone"}
    assert names(person=sd.agent.pk) == {"Mine"}
    assert names(team=sd.team.pk) == {"Service Desk grant"}
    assert names(status="revoked") == {"Gone"}


def test_active_leaves_out_revoked_expired_and_future_grants(sd):
    now = timezone.now()
    person_grant(sd.agent, "ticket.resolve", name="Later", valid_from=now + timedelta(days=1))
    person_grant(sd.agent, "ticket.resolve", name="Now", valid_until=now + timedelta(days=1))

    body = client_for(sd.agent).get(GRANTS, {"status": "active", "person": sd.agent.pk}).json()

    assert [item["name"] for item in body["items"]] == ["Now"]
    assert body["items"][0]["in_force"] is True


def test_a_misspelt_filter_is_refused_instead_of_ignored(sd):
    response = client_for(sd.agent).get(GRANTS, {"decison": "ticket.resolve"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "decison"


def test_a_requester_reads_only_the_grants_they_hold(sd):
    mine = person_grant(sd.requester, "ticket.reopen", name="Rita may reopen")
    other = person_grant(sd.agent, "ticket.resolve")
    client = client_for(sd.requester)

    listed = [item["id"] for item in client.get(GRANTS).json()["items"]]

    assert listed == [mine.grant_id]
    assert client.get(f"{GRANTS}/{mine.grant_id}").status_code == 200
    assert client.get(f"{GRANTS}/{other.grant_id}").status_code == 404


def test_reading_a_grant_gives_its_current_version_as_etag(sd):
    grant = created(sd)

    response = client_for(sd.agent).get(f"{GRANTS}/{grant['id']}")

    body = response.json()
    assert response["ETag"] == f'"{grant["id"]}-1"'
    assert (body["version"], body["current_version"], body["in_force"]) == (1, 1, True)
    assert body["holder"] == "Alice Agent"
    assert body["holder_person"] == {"id": sd.agent.pk, "full_name": "Alice Agent"}
    assert body["condition"] == UP_TO_P3


def test_an_administrator_creates_a_grant_with_its_first_version(sd):
    response = send(client_for(sd.admin), "POST", GRANTS, terms(sd))

    assert response.status_code == 201
    body = response.json()
    assert response["Location"] == f"{GRANTS}/{body['id']}"
    assert response["ETag"] == f'"{body["id"]}-1"'
    assert GrantVersion.objects.get(grant_id=body["id"]).created_by == sd.admin
    assert AuditEntry.objects.filter(verb="scopes.grant_created", subject_id=body["id"]).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"condition": {"all": [{"fact": "priority", "op": "gte", "value": "3"}]}},
         "condition.all.0.value"),
        ({"condition": {"all": [{"fact": "colour", "op": "eq", "value": 3}]}},
         "condition.all.0.fact"),
        ({"condition": {"all": [{"fact": "kind", "op": "lt", "value": "incident"}]}},
         "condition.all.0.op"),
        ({"condition": {"any": [{"not": {"fact": "priority", "op": "in", "value": []}}]}},
         "condition.any.0.not.value"),
        ({"condition": {"all": [{"fact": "priority", "op": "in", "value": [1, 9]}]}},
         "condition.all.0.value.1"),
        ({"condition": {"all": [{"fact": "priority", "op": "gte", "value": 3},
                                {"fact": "priority", "op": "lt", "value": 2}]}},
         "condition.all"),
        ({"condition": {"fact": "service", "op": "eq", "value": 2**70}}, "condition.value"),
        ({"condition": ["all"]}, "condition"),
        ({"holder_person_id": 999999}, "holder_person_id"),
        ({"decisions": ["ticket.teleport"]}, "decisions"),
        ({"decisions": []}, "decisions"),
        ({"holder_kind": "team", "holder_team_id": None}, "holder_team_id"),
        ({"effect": "decide_and_inform"}, "inform_person_id"),
        ({"rationale": "  "}, "rationale"),
        ({"valid_until": "2030-01-01T10:00:00"}, "valid_until"),
        ({"name": ""}, "name"),
        ({"colour": "red"}, "colour"),
    ],
)  # fmt: skip
def test_invalid_terms_are_refused_at_the_field_and_nothing_is_stored(sd, changes, field):
    before = Grant.objects.count()

    response = send(client_for(sd.admin), "POST", GRANTS, terms(sd, **changes))

    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == field
    assert Grant.objects.count() == before


def test_an_agent_creating_a_grant_gets_a_decision_request_instead(sd):
    response = send(client_for(sd.agent), "POST", GRANTS, terms(sd))

    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "out_of_scope"
    request = DecisionRequest.objects.get(pk=body["decision_request"])
    assert request.decision == "scope.edit"
    assert sd.admin.pk in {candidate["id"] for candidate in body["candidates"]}
    assert not GrantVersion.objects.filter(grant_id=request.subject_id).exists()

    approved = send(
        client_for(sd.admin), "POST", f"/api/v1/decision-requests/{request.pk}/approve", {}
    )

    assert approved.status_code == 200, approved.content
    assert client_for(sd.agent).get(f"{GRANTS}/{request.subject_id}").json()["version"] == 1


def test_a_lead_shapes_the_latitude_of_their_own_team_only(sd):
    own = send(client_for(sd.lead), "POST", GRANTS, terms(sd))
    foreign = send(
        client_for(sd.lead), "POST", GRANTS, terms(sd, holder_person_id=sd.desk.outsider.pk)
    )

    assert own.status_code == 201
    assert (foreign.status_code, foreign.json()["code"]) == (403, "out_of_scope")


def test_a_requester_cannot_manage_grants(sd):
    response = send(client_for(sd.requester), "POST", GRANTS, terms(sd))

    assert (response.status_code, response.json()["code"]) == (403, "not_permitted")
    assert not DecisionRequest.objects.exists()


def test_an_edit_with_the_current_etag_appends_a_version(sd):
    grant = created(sd)
    client = client_for(sd.admin)
    url = f"{GRANTS}/{grant['id']}"

    response = send(
        client, "PATCH", url, {"condition": {"all": []}}, **{"If-Match": f'"{grant["id"]}-1"'}
    )

    assert response.status_code == 200, response.content
    assert response["ETag"] == f'"{grant["id"]}-2"'
    assert response.json()["condition"] == {"all": []}
    assert client.get(url).json()["version"] == 2


def test_the_second_of_two_editors_with_the_same_etag_gets_412_and_nothing_is_lost(sd):
    grant = created(sd)
    url, tag = f"{GRANTS}/{grant['id']}", f'"{grant["id"]}-1"'
    first = send(client_for(sd.admin), "PATCH", url, {"rationale": "First"}, **{"If-Match": tag})

    second = send(client_for(sd.lead), "PATCH", url, {"rationale": "Second"}, **{"If-Match": tag})

    assert first.status_code == 200
    assert (second.status_code, second.json()["code"]) == (412, "precondition_failed")
    assert client_for(sd.admin).get(url).json()["rationale"] == "First"
    assert GrantVersion.objects.filter(grant_id=grant["id"]).count() == 2


@pytest.mark.parametrize("tag", ['W/"{id}-1"', '"{other}-1"', "garbage", '"{id}-1", "{id}-2"'])
def test_an_if_match_that_cannot_name_the_version_is_412_before_anything_changes(sd, tag):
    grant = created(sd)
    header = tag.format(id=grant["id"], other=grant["id"] + 1)

    response = send(
        client_for(sd.admin), "PATCH", f"{GRANTS}/{grant['id']}", {"rationale": "x"},
        **{"If-Match": header},
    )  # fmt: skip

    assert response.status_code == 412
    assert GrantVersion.objects.filter(grant_id=grant["id"]).count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [({"decisions": None}, "decisions"), ({}, None), ({"name": "new"}, "name")],
)
def test_a_patch_that_changes_nothing_valid_is_refused(sd, payload, field):
    grant = created(sd)

    response = send(client_for(sd.admin), "PATCH", f"{GRANTS}/{grant['id']}", payload)

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert (errors[0]["field"] if errors else None) == field


def test_a_patch_with_a_bad_tree_names_its_spot(sd):
    grant = created(sd)
    tree = {"all": [{"fact": "priority", "op": "between", "value": [3, 1]}]}

    response = send(client_for(sd.admin), "PATCH", f"{GRANTS}/{grant['id']}", {"condition": tree})

    assert response.json()["errors"][0]["field"] == "condition.all.0.value"


def test_revoking_ends_the_grant_and_a_second_revoke_is_a_conflict(sd):
    grant = created(sd)
    url = f"{GRANTS}/{grant['id']}/revoke"
    client = client_for(sd.admin)

    revoked = send(client, "POST", url, {"reason": "Left the team"})
    again = send(client, "POST", url, {"reason": "Again"})

    assert (revoked.json()["revoked"], revoked.json()["in_force"]) == (True, False)
    assert (again.status_code, again.json()["code"]) == (409, "invalid_transition")
    patch = send(client, "PATCH", f"{GRANTS}/{grant['id']}", {"rationale": "back"})
    assert patch.status_code == 409


def test_the_last_grant_that_lets_administrators_edit_scopes_cannot_be_revoked(sd):
    keeper = Grant.objects.get(name="Administrators: edit scopes")

    response = send(
        client_for(sd.admin), "POST", f"{GRANTS}/{keeper.pk}/revoke", {"reason": "Tidy up"}
    )

    assert (response.status_code, response.json()["code"]) == (409, "invalid_transition")


def test_a_holder_delegates_for_a_period_and_a_delegation_goes_no_further(sd):
    source = person_grant(sd.lead, "ticket.set_priority", name="Lee raises to P1")
    until = (timezone.now() + timedelta(days=7)).isoformat()
    body = {"to_person_id": sd.agent.pk, "valid_until": until, "rationale": "On holiday"}

    delegated = send(client_for(sd.lead), "POST", f"{GRANTS}/{source.grant_id}/delegations", body)

    assert delegated.status_code == 201, delegated.content
    out = delegated.json()
    assert (out["delegated_from"], out["holder_person"]["id"]) == (source.grant_id, sd.agent.pk)
    assert delegated["Location"] == f"{GRANTS}/{out['id']}"
    further = send(
        client_for(sd.agent),
        "POST",
        f"{GRANTS}/{out['id']}/delegations",
        {**body, "to_person_id": sd.colleague.pk},
    )
    assert (further.status_code, further.json()["code"]) == (409, "invalid_transition")


@pytest.mark.parametrize(
    ("changes", "status", "field"),
    [
        ({"valid_until": "2001-01-01T00:00:00Z"}, 422, "valid_until"),
        ({"to_person_id": 999999}, 422, "to_person_id"),
        ({"decisions": ["ticket.close"]}, 422, "decisions"),
    ],
)
def test_a_delegation_is_refused_with_the_reason(sd, changes, status, field):
    source = person_grant(sd.lead, "ticket.set_priority")
    until = (timezone.now() + timedelta(days=7)).isoformat()
    body = {"to_person_id": sd.agent.pk, "valid_until": until, "rationale": "Cover", **changes}

    response = send(client_for(sd.lead), "POST", f"{GRANTS}/{source.grant_id}/delegations", body)

    assert response.status_code == status, response.content
    assert response.json()["errors"][0]["field"] == field


def test_only_a_holder_may_delegate(sd):
    source = person_grant(sd.lead, "ticket.set_priority")
    until = (timezone.now() + timedelta(days=7)).isoformat()

    response = send(
        client_for(sd.colleague),
        "POST",
        f"{GRANTS}/{source.grant_id}/delegations",
        {"to_person_id": sd.colleague.pk, "valid_until": until, "rationale": "Mine now"},
    )

    assert (response.status_code, response.json()["code"]) == (403, "not_permitted")


def test_history_lists_every_version_and_the_diff_compares_two(sd):
    grant = created(sd)
    client = client_for(sd.admin)
    url = f"{GRANTS}/{grant['id']}"
    send(
        client,
        "PATCH",
        url,
        {"condition": {"all": []}, "decisions": ["ticket.resolve", "ticket.close"]},
    )
    send(client, "PATCH", url, {"rationale": "Reviewed"})

    history = client.get(f"{url}/versions").json()
    first = client.get(f"{url}/versions/1").json()
    latest = client.get(f"{url}/diff").json()
    wide = client.get(f"{url}/diff", {"older": 1, "newer": 2}).json()

    assert [item["version"] for item in history["items"]] == [1, 2, 3]
    assert (first["version"], first["condition"], first["in_force"]) == (1, UP_TO_P3, False)
    assert (latest["older"], latest["newer"]) == (2, 3)
    assert latest["changes"] == {
        "rationale": {"before": "She runs the printer desk.", "after": "Reviewed"}
    }
    assert wide["changes"]["condition"] == {"before": UP_TO_P3, "after": {"all": []}}
    assert wide["changes"]["decisions"] == {"added": ["ticket.close"], "removed": []}
    assert client.get(f"{url}/versions/9").status_code == 404
    assert client.get(f"{url}/diff", {"older": 9}).status_code == 404


def test_a_person_from_elsewhere_cannot_see_a_grant_of_anothers_history(sd):
    grant = created(sd)
    stranger = RequesterFactory()

    for suffix in ("", "/versions", "/versions/1", "/diff"):
        assert client_for(stranger).get(f"{GRANTS}/{grant['id']}{suffix}").status_code == 404


@pytest.mark.parametrize(("depth", "status"), [(500, 422), (100_000, 400)])
def test_absurdly_deep_limits_are_refused_not_a_server_error(sd, depth, status):
    tree = '{"not": ' * depth + '{"all": []}' + "}" * depth
    body = json.dumps(terms(sd, condition=None)).replace(
        '"condition": null', f'"condition": {tree}'
    )

    response = client_for(sd.admin).post(GRANTS, body, content_type="application/json")

    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
