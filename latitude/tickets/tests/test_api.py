"""The tickets resource over /api/v1: open, read, list, filter, page, search, correct, re-rate."""

import pytest

from latitude.api.testing import Desk, build_desk, client_for, send
from latitude.tickets.models import Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.urls("latitude.api.tests.urls")]

TICKETS = "/api/v1/tickets"


@pytest.fixture
def desk() -> Desk:
    return build_desk()


def test_requester_opens_ticket_routed_to_service_team(desk: Desk) -> None:
    response = send(
        client_for(desk.requester),
        "POST",
        TICKETS,
        {
            "kind": "incident",
            "subject": "VPN drops",
            "service_id": desk.service.pk,
            "category_id": desk.category.pk,
            "impact": 1,
            "urgency": 1,
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert body["number"].startswith("INC-")
    assert body["team"]["id"] == desk.team.pk
    assert body["requester"]["id"] == desk.requester.pk
    assert body["priority"] == 1
    assert response["Location"] == f"{TICKETS}/{body['id']}"
    assert response["ETag"] == Ticket.objects.get(pk=body["id"]).etag


def test_agent_opens_ticket_on_behalf_of_requester(desk: Desk) -> None:
    response = send(
        client_for(desk.agent),
        "POST",
        TICKETS,
        {
            "kind": "request",
            "subject": "New laptop",
            "requester_id": desk.requester.pk,
        },
    )

    assert response.status_code == 201
    assert response.json()["requester"]["id"] == desk.requester.pk


def test_requester_cannot_open_ticket_for_someone_else(desk: Desk) -> None:
    response = send(
        client_for(desk.requester),
        "POST",
        TICKETS,
        {
            "kind": "incident",
            "subject": "x",
            "requester_id": desk.stranger.pk,
        },
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "requester_id", "message": response.json()["detail"]}
    ]
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("field", ["service_id", "category_id"])
def test_create_with_unknown_reference_changes_nothing(desk: Desk, field: str) -> None:
    response = send(
        client_for(desk.requester),
        "POST",
        TICKETS,
        {
            "kind": "incident",
            "subject": "x",
            field: 987654,
        },
    )

    assert response.status_code == 422
    assert response.json()["code"] == "unknown_reference"
    assert response.json()["errors"][0]["field"] == field
    assert not Ticket.objects.exists()


def test_create_refuses_missing_subject_and_unknown_kind(desk: Desk) -> None:
    response = send(client_for(desk.requester), "POST", TICKETS, {"kind": "problem"})

    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"kind", "subject"}


def test_read_returns_ticket_with_etag(desk: Desk) -> None:
    ticket = desk.ticket()

    response = client_for(desk.agent).get(f"{TICKETS}/{ticket.pk}")

    assert response.status_code == 200
    assert response["ETag"] == f'"{ticket.pk}-{ticket.version}"'
    assert response.json()["service"]["slug"] == "printing"


def test_list_shows_only_tickets_the_caller_may_see(desk: Desk) -> None:
    mine = desk.ticket()
    desk.ticket(actor=desk.stranger)

    response = client_for(desk.requester).get(TICKETS)

    assert [item["id"] for item in response.json()["items"]] == [mine.pk]


def test_list_filters_combine(desk: Desk) -> None:
    target = desk.ticket(kind="request", subject="Access to share")
    desk.ticket(kind="incident")
    send(client_for(desk.agent), "POST", f"{TICKETS}/{target.pk}/take")

    query = (
        f"kind=request&status=in_progress&owner={desk.agent.pk}&team={desk.team.pk}"
        f"&service={desk.service.pk}&requester={desk.requester.pk}&priority=4&queue=mine"
    )
    response = client_for(desk.agent).get(f"{TICKETS}?{query}")

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [target.pk]


def test_list_searches_words_and_numbers(desk: Desk) -> None:
    printer = desk.ticket(subject="Printer toner empty")
    desk.ticket(subject="Mailbox full")
    client = client_for(desk.agent)

    by_word = client.get(f"{TICKETS}?q=toner")
    by_number = client.get(f"{TICKETS}?q={printer.number}")

    assert [item["id"] for item in by_word.json()["items"]] == [printer.pk]
    assert [item["id"] for item in by_number.json()["items"]] == [printer.pk]


def test_cursor_pages_walk_every_ticket_once(desk: Desk) -> None:
    created = [desk.ticket(subject=f"Ticket {n}").pk for n in range(7)]
    client = client_for(desk.agent)

    seen: list[int] = []
    url = f"{TICKETS}?size=3&sort=-number"
    while url:
        body = client.get(url).json()
        seen += [item["id"] for item in body["items"]]
        url = (
            f"{TICKETS}?size=3&sort=-number&cursor={body['next_cursor']}"
            if body["next_cursor"]
            else ""
        )

    assert seen == sorted(created)


@pytest.mark.parametrize("sort", ["updated", "-created", "priority", "number"])
def test_every_documented_sort_is_accepted(desk: Desk, sort: str) -> None:
    desk.ticket()
    assert client_for(desk.agent).get(f"{TICKETS}?sort={sort}").status_code == 200


@pytest.mark.parametrize("size", [2, 20])
def test_list_runs_fixed_number_of_queries(
    desk: Desk, django_assert_num_queries, size: int
) -> None:
    for _ in range(20):
        desk.ticket()
    client = client_for(desk.agent)
    # token, token last-used stamp, caller's unit, caller's teams, one page with related rows
    with django_assert_num_queries(5):
        response = client.get(f"{TICKETS}?size={size}")
    assert len(response.json()["items"]) == size


def test_agent_corrects_fields_with_patch(desk: Desk) -> None:
    ticket = desk.ticket()
    other_service = type(desk.service).objects.create(
        name="Mail", slug="mail", owner_team=desk.team
    )

    response = send(
        client_for(desk.agent),
        "PATCH",
        f"{TICKETS}/{ticket.pk}",
        {
            "subject": "Printer on floor 3",
            "service_id": other_service.pk,
            "category_id": None,
        },
    )

    assert response.status_code == 200
    ticket.refresh_from_db()
    assert (ticket.subject, ticket.service_id, ticket.category_id) == (
        "Printer on floor 3",
        other_service.pk,
        None,
    )
    assert response["ETag"] == ticket.etag


def test_patch_naming_workflow_fields_is_refused_naming_them(desk: Desk) -> None:
    """Status, owner, priority ... are not PATCHable: 422 names each one, nothing changes."""
    ticket = desk.ticket()

    response = send(
        client_for(desk.requester),
        "PATCH",
        f"{TICKETS}/{ticket.pk}",
        {
            "subject": "mine now",
            "status": "closed",
            "owner_id": desk.requester.pk,
            "priority": 1,
        },
    )

    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"status", "owner_id", "priority"}
    ticket.refresh_from_db()
    assert (ticket.subject, ticket.status, ticket.version) == (
        "The printer on floor 2 jams",
        "new",
        1,
    )


def test_requester_may_not_patch_even_descriptive_fields(desk: Desk) -> None:
    ticket = desk.ticket()

    response = send(client_for(desk.requester), "PATCH", f"{TICKETS}/{ticket.pk}", {"subject": "x"})

    assert response.status_code == 403
    assert response.json()["code"] == "not_permitted"


def test_patch_with_null_subject_is_refused(desk: Desk) -> None:
    ticket = desk.ticket()

    response = send(client_for(desk.agent), "PATCH", f"{TICKETS}/{ticket.pk}", {"subject": None})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "subject"


def test_patch_with_current_if_match_succeeds(desk: Desk) -> None:
    ticket = desk.ticket()
    client = client_for(desk.agent)
    etag = client.get(f"{TICKETS}/{ticket.pk}")["ETag"]

    response = send(client, "PATCH", f"{TICKETS}/{ticket.pk}", {"subject": "New"}, If_Match=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_patch_with_stale_if_match_fails_with_412(desk: Desk) -> None:
    ticket = desk.ticket()
    client = client_for(desk.agent)
    etag = client.get(f"{TICKETS}/{ticket.pk}")["ETag"]
    send(client_for(desk.colleague), "PATCH", f"{TICKETS}/{ticket.pk}", {"subject": "First"})

    response = send(client, "PATCH", f"{TICKETS}/{ticket.pk}", {"subject": "Second"}, If_Match=etag)

    assert response.status_code == 412
    assert response.json()["code"] == "precondition_failed"
    ticket.refresh_from_db()
    assert ticket.subject == "First"


@pytest.mark.parametrize("header", ['W/"{pk}-1"', '"999-1"', "garbage", '"{pk}-x"'])
def test_if_match_that_cannot_match_fails_with_412(desk: Desk, header: str) -> None:
    ticket = desk.ticket()

    response = send(
        client_for(desk.agent),
        "PATCH",
        f"{TICKETS}/{ticket.pk}",
        {"subject": "New"},
        If_Match=header.format(pk=ticket.pk),
    )

    assert response.status_code == 412
    ticket.refresh_from_db()
    assert ticket.version == 1


def test_if_match_star_and_lists_are_understood(desk: Desk) -> None:
    ticket = desk.ticket()
    client = client_for(desk.agent)

    star = send(client, "PATCH", f"{TICKETS}/{ticket.pk}", {"subject": "A"}, If_Match="*")
    listed = send(
        client,
        "PATCH",
        f"{TICKETS}/{ticket.pk}",
        {"subject": "B"},
        If_Match=f'"{ticket.pk}-1", "{ticket.pk}-2"',
    )

    assert (star.status_code, listed.status_code) == (200, 200)


def test_priority_follows_matrix_or_explicit_value(desk: Desk) -> None:
    ticket = desk.ticket()
    client = client_for(desk.agent)

    rated = send(client, "POST", f"{TICKETS}/{ticket.pk}/priority", {"impact": 1, "urgency": 2})
    forced = send(
        client, "POST", f"{TICKETS}/{ticket.pk}/priority", {"priority": 4, "reason": "VIP"}
    )

    assert rated.json()["priority"] == 2
    assert forced.json()["priority"] == 4


def test_priority_with_stale_if_match_fails_with_412(desk: Desk) -> None:
    ticket = desk.ticket()

    response = send(
        client_for(desk.agent),
        "POST",
        f"{TICKETS}/{ticket.pk}/priority",
        {"impact": 1},
        If_Match=f'"{ticket.pk}-7"',
    )

    assert response.status_code == 412


def test_requester_cannot_change_priority(desk: Desk) -> None:
    ticket = desk.ticket()

    response = send(
        client_for(desk.requester), "POST", f"{TICKETS}/{ticket.pk}/priority", {"impact": 1}
    )

    assert response.status_code == 403
    ticket.refresh_from_db()
    assert ticket.impact == 3
