"""Moving tickets over /api/v1: transitions, accept/reopen, ownership, teams, links, watchers."""

import pytest

from latitude.api.testing import Desk, build_desk, client_for, send
from latitude.people.models import Team
from latitude.testing.factories import TeamFactory, member_of
from latitude.tickets.models import Ticket, TicketLink

pytestmark = [pytest.mark.django_db, pytest.mark.urls("latitude.api.tests.urls")]

TICKETS = "/api/v1/tickets"


@pytest.fixture
def desk() -> Desk:
    return build_desk()


def _resolve(desk: Desk, ticket: Ticket) -> None:
    response = send(
        client_for(desk.agent),
        "POST",
        f"{TICKETS}/{ticket.pk}/transitions",
        {"status": "resolved", "resolution": "Replaced the roller."},
    )
    assert response.status_code == 200


def test_agent_moves_ticket_along_legal_transitions(desk: Desk) -> None:
    ticket = desk.ticket()
    client = client_for(desk.agent)
    url = f"{TICKETS}/{ticket.pk}/transitions"

    waiting = send(client, "POST", url, {"status": "waiting_third_party", "reason": "Vendor"})
    resolved = send(client, "POST", url, {"status": "resolved", "resolution": "Fixed"})

    assert (waiting.json()["status"], resolved.json()["status"]) == (
        "waiting_third_party",
        "resolved",
    )
    assert resolved.json()["resolution"] == "Fixed"


def test_illegal_transition_is_refused_with_the_reason(desk: Desk) -> None:
    ticket = desk.ticket()

    response = send(
        client_for(desk.agent), "POST", f"{TICKETS}/{ticket.pk}/transitions", {"status": "closed"}
    )

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "invalid_transition"
    assert "resolve it first" in body["detail"]
    assert body["errors"][0]["field"] == "status"


def test_resolving_without_resolution_names_the_field(desk: Desk) -> None:
    ticket = desk.ticket()

    response = send(
        client_for(desk.agent), "POST", f"{TICKETS}/{ticket.pk}/transitions", {"status": "resolved"}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "resolution"


def test_unknown_status_is_a_validation_error(desk: Desk) -> None:
    ticket = desk.ticket()

    response = send(
        client_for(desk.agent), "POST", f"{TICKETS}/{ticket.pk}/transitions", {"status": "done"}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "status"


def test_resolving_parent_with_open_children_needs_confirmation(desk: Desk) -> None:
    parent, child = desk.ticket(), desk.ticket()
    client = client_for(desk.agent)
    send(client, "PUT", f"{TICKETS}/{child.pk}/parent", {"parent_id": parent.pk})
    url = f"{TICKETS}/{parent.pk}/transitions"

    refused = send(client, "POST", url, {"status": "resolved", "resolution": "Done"})
    confirmed = send(
        client,
        "POST",
        url,
        {"status": "resolved", "resolution": "Done", "confirm_open_children": True},
    )

    assert refused.status_code == 409
    assert refused.json()["code"] == "confirmation_required"
    assert confirmed.status_code == 200


def test_transition_with_stale_if_match_fails_with_412(desk: Desk) -> None:
    ticket = desk.ticket()

    response = send(
        client_for(desk.agent),
        "POST",
        f"{TICKETS}/{ticket.pk}/transitions",
        {"status": "in_progress"},
        If_Match=f'"{ticket.pk}-0"',
    )

    assert response.status_code == 412
    ticket.refresh_from_db()
    assert ticket.status == "new"


def test_requester_cannot_use_agent_transitions(desk: Desk) -> None:
    ticket = desk.ticket()

    response = send(
        client_for(desk.requester),
        "POST",
        f"{TICKETS}/{ticket.pk}/transitions",
        {"status": "in_progress"},
    )

    assert response.status_code == 403


def test_requester_accepts_resolution_which_closes(desk: Desk) -> None:
    ticket = desk.ticket()
    _resolve(desk, ticket)

    response = send(client_for(desk.requester), "POST", f"{TICKETS}/{ticket.pk}/accept")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["close_reason"]) == ("closed", "accepted")


def test_accepting_an_unresolved_ticket_is_refused(desk: Desk) -> None:
    ticket = desk.ticket()

    response = send(client_for(desk.requester), "POST", f"{TICKETS}/{ticket.pk}/accept")

    assert response.status_code == 409


def test_requester_reopens_with_a_reason(desk: Desk) -> None:
    ticket = desk.ticket()
    _resolve(desk, ticket)
    client = client_for(desk.requester)

    without = send(client, "POST", f"{TICKETS}/{ticket.pk}/reopen", {"reason": " "})
    reopened = send(client, "POST", f"{TICKETS}/{ticket.pk}/reopen", {"reason": "Jams again"})

    assert without.status_code == 422
    assert reopened.status_code == 200
    assert reopened.json()["reopen_count"] == 1


def test_assignment_sets_and_releases_owner(desk: Desk) -> None:
    ticket = desk.ticket()
    client = client_for(desk.agent)
    url = f"{TICKETS}/{ticket.pk}/assignment"

    assigned = send(client, "POST", url, {"owner_id": desk.colleague.pk})
    released = send(client, "POST", url, {"owner_id": None})

    assert assigned.json()["owner"]["id"] == desk.colleague.pk
    assert released.json()["owner"] is None


def test_assignment_to_agent_outside_team_is_refused(desk: Desk) -> None:
    ticket = desk.ticket()

    response = send(
        client_for(desk.agent),
        "POST",
        f"{TICKETS}/{ticket.pk}/assignment",
        {"owner_id": desk.outsider.pk},
    )

    assert response.status_code == 422
    ticket.refresh_from_db()
    assert ticket.owner_id is None


def test_assignment_to_unknown_person_changes_nothing(desk: Desk) -> None:
    ticket = desk.ticket()

    response = send(
        client_for(desk.agent), "POST", f"{TICKETS}/{ticket.pk}/assignment", {"owner_id": 424242}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "owner_id"


def test_take_is_first_come_first_served(desk: Desk) -> None:
    ticket = desk.ticket()

    first = send(client_for(desk.agent), "POST", f"{TICKETS}/{ticket.pk}/take")
    second = send(client_for(desk.colleague), "POST", f"{TICKETS}/{ticket.pk}/take")

    assert first.status_code == 200
    assert second.status_code == 409
    assert second.json()["code"] == "conflict"


def test_team_transfer_hands_ticket_over(desk: Desk) -> None:
    ticket = desk.ticket()
    network = Team.objects.get(slug="network")

    response = send(
        client_for(desk.agent),
        "POST",
        f"{TICKETS}/{ticket.pk}/team",
        {"team_id": network.pk, "reason": "Switch port"},
    )

    assert response.status_code == 200
    assert response.json()["team"]["id"] == network.pk


def test_team_transfer_to_unknown_team_changes_nothing(desk: Desk) -> None:
    ticket = desk.ticket()
    inactive = TeamFactory(is_active=False)

    response = send(
        client_for(desk.agent), "POST", f"{TICKETS}/{ticket.pk}/team", {"team_id": inactive.pk}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "team_id"
    ticket.refresh_from_db()
    assert ticket.team_id == desk.team.pk


def test_related_links_are_added_listed_and_removed(desk: Desk) -> None:
    one, two = desk.ticket(), desk.ticket()
    client = client_for(desk.agent)

    added = send(client, "POST", f"{TICKETS}/{one.pk}/related", {"ticket_id": two.pk})
    listed = client.get(f"{TICKETS}/{two.pk}/related")
    removed = send(client, "DELETE", f"{TICKETS}/{one.pk}/related/{two.pk}")

    assert added.status_code == 201
    assert [item["id"] for item in listed.json()] == [one.pk]
    assert removed.status_code == 204
    assert not TicketLink.objects.exists()


def test_linking_an_invisible_ticket_changes_nothing(desk: Desk) -> None:
    mine = desk.ticket()
    hidden = desk.ticket(actor=desk.outsider, service=None, team=Team.objects.get(slug="network"))

    response = send(
        client_for(desk.agent), "POST", f"{TICKETS}/{mine.pk}/related", {"ticket_id": hidden.pk}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "ticket_id"
    assert not TicketLink.objects.exists()


def test_parent_is_set_and_cycles_are_refused(desk: Desk) -> None:
    parent, child = desk.ticket(), desk.ticket()
    client = client_for(desk.agent)

    set_parent = send(client, "PUT", f"{TICKETS}/{child.pk}/parent", {"parent_id": parent.pk})
    cycle = send(client, "PUT", f"{TICKETS}/{parent.pk}/parent", {"parent_id": child.pk})

    assert set_parent.json()["parent"]["id"] == parent.pk
    assert cycle.status_code == 422
    assert cycle.json()["errors"][0]["field"] == "parent"


def test_merge_closes_duplicate_into_survivor(desk: Desk) -> None:
    duplicate, survivor = desk.ticket(), desk.ticket()

    response = send(
        client_for(desk.agent),
        "POST",
        f"{TICKETS}/{duplicate.pk}/merge",
        {"into_id": survivor.pk, "reason": "Same printer"},
    )

    assert response.status_code == 200
    assert response.json()["merged_into"]["id"] == survivor.pk
    assert response.json()["status"] == "closed"


def test_merge_into_unknown_ticket_changes_nothing(desk: Desk) -> None:
    duplicate = desk.ticket()

    response = send(
        client_for(desk.agent), "POST", f"{TICKETS}/{duplicate.pk}/merge", {"into_id": 10**12}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "into_id"
    duplicate.refresh_from_db()
    assert duplicate.status == "new"


def test_watchers_are_added_listed_and_removed(desk: Desk) -> None:
    ticket = desk.ticket()
    client = client_for(desk.agent)
    url = f"{TICKETS}/{ticket.pk}/watchers"

    added = send(client, "POST", url, {"user_id": desk.colleague.pk})
    removed = send(client, "DELETE", f"{url}/{desk.colleague.pk}")

    assert [person["id"] for person in added.json()] == [desk.colleague.pk]
    assert removed.status_code == 204
    assert client.get(url).json() == []


def test_requester_cannot_add_watchers(desk: Desk) -> None:
    ticket = desk.ticket()

    response = send(
        client_for(desk.requester),
        "POST",
        f"{TICKETS}/{ticket.pk}/watchers",
        {"user_id": desk.requester.pk},
    )

    assert response.status_code == 403


def test_added_outsider_watcher_gains_sight_of_ticket(desk: Desk) -> None:
    ticket = desk.ticket()
    member_of(Team.objects.get(slug="network"), desk.outsider)
    send(
        client_for(desk.agent),
        "POST",
        f"{TICKETS}/{ticket.pk}/watchers",
        {"user_id": desk.outsider.pk},
    )

    assert client_for(desk.outsider).get(f"{TICKETS}/{ticket.pk}").status_code == 200
