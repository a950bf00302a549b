"""Full-text search: words, prefixes, numbers, hostile text, and visibility."""

import pytest

from latitude.people.models import Team, User
from latitude.testing.factories import (
    AdminFactory,
    TicketFactory,
)
from latitude.tickets.actions import update_ticket
from latitude.tickets.models import Ticket
from latitude.tickets.selectors import TicketFilters, filtered_tickets

pytestmark = pytest.mark.django_db


@pytest.fixture
def printer(team: Team) -> Ticket:
    return TicketFactory(
        team=team, subject="Printer jams on floor two", description="Paper tray broken"
    )


@pytest.fixture
def vpn(team: Team) -> Ticket:
    return TicketFactory(
        team=team, subject="VPN drops every hour", description="Since the Café upgrade"
    )


def search(actor: User, text: str) -> set[Ticket]:
    return set(filtered_tickets(actor, TicketFilters(text=text)))


@pytest.mark.usefixtures("vpn")
def test_words_match_subject_and_description(agent: User, printer: Ticket) -> None:
    assert search(agent, "printer") == {printer}
    assert search(agent, "tray") == {printer}
    assert search(agent, "PRINTER TRAY") == {printer}


@pytest.mark.usefixtures("vpn")
def test_every_word_must_match(agent: User) -> None:
    assert search(agent, "printer hour") == set()


@pytest.mark.usefixtures("vpn")
def test_the_last_word_matches_as_a_prefix(agent: User, printer: Ticket) -> None:
    assert search(agent, "paper tr") == {printer}
    assert search(agent, "pri") == {printer}
    assert search(agent, "pri tray") == set()


def test_accents_do_not_matter(agent: User, vpn: Ticket) -> None:
    assert search(agent, "cafe") == {vpn}


@pytest.mark.parametrize("text", ["INC-000001", "inc-000001", "inc-1", "INC1", " inc-01 "])
def test_a_ticket_number_finds_that_ticket(
    text: str, agent: User, printer: Ticket, team: Team
) -> None:
    TicketFactory(team=team, subject="Another one", kind="request")
    assert printer.number == "INC-000001"
    assert search(agent, text) == {printer}


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '"printer',
        "printer OR vpn",
        "printer NOT tray",
        "NEAR(printer vpn)",
        "subject:printer",
        "printer*",
        "*",
        "%",
        "_",
        "printer AND",
        "(",
        "printer)",
        "^printer",
        "-printer",
        "printer & | ! :*",
        "'; DROP TABLE tickets_ticket; --",
        "\x00",
        "😀",
        "x" * 5000,
        # Letters that unaccent turns into tsquery syntax (found by hypothesis on PostgreSQL).
        "z & o & uu⑲ & n",
        "printer ⑲",
        "\uff30rinter \u02bcn \u249c",  # fullwidth P, modifier apostrophe, parenthesised a
    ],
)
@pytest.mark.usefixtures("printer", "vpn")
def test_operators_quotes_and_wildcards_in_user_text_are_inert(text: str, agent: User) -> None:
    found = search(agent, text)

    assert all("printer" in ticket.subject.lower() for ticket in found)
    assert Ticket.objects.count() == 2


def test_a_prefix_that_unaccents_into_punctuation_still_matches(
    agent: User, printer: Ticket
) -> None:
    assert search(agent, "floor tw") == {printer}
    assert search(agent, "tray ⑲") == set()


@pytest.mark.usefixtures("printer")
def test_text_without_any_word_finds_nothing(agent: User) -> None:
    assert search(agent, "!!! ???") == set()


def test_search_respects_visibility(agent: User, printer: Ticket) -> None:
    hidden = TicketFactory(subject="Printer in the other building")

    assert search(agent, "printer") == {printer}
    assert search(agent, hidden.number) == set()
    assert search(AdminFactory(), "printer") == {printer, hidden}


def test_the_index_follows_edits(agent: User, printer: Ticket) -> None:
    update_ticket(actor=agent, ticket_id=printer.pk, subject="Scanner offline")

    assert search(agent, "scanner") == {printer}
    assert search(agent, "floor") == set()


def test_deleted_tickets_leave_the_index(agent: User, printer: Ticket) -> None:
    printer.delete()

    assert search(agent, "printer") == set()
