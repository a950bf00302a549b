"""The lifecycle table itself: what may follow what, and the reason given when not."""

import itertools

import pytest

from latitude.tickets import transitions
from latitude.tickets.choices import Status

PAIRS = list(itertools.product(Status.values, Status.values))
LEGAL = [(cur, target) for cur, target in PAIRS if target in transitions.ALLOWED[Status(cur)]]
ILLEGAL = [pair for pair in PAIRS if pair not in LEGAL]


def test_every_status_has_a_row_in_the_table() -> None:
    assert set(transitions.ALLOWED) == set(Status)


@pytest.mark.parametrize(("current", "target"), LEGAL)
def test_legal_moves_have_no_refusal_reason(current: str, target: str) -> None:
    assert transitions.refusal_reason(current, target) is None


@pytest.mark.parametrize(("current", "target"), ILLEGAL)
def test_illegal_moves_say_why(current: str, target: str) -> None:
    reason = transitions.refusal_reason(current, target)

    assert reason
    assert "%(" not in reason


def test_nothing_leads_back_to_new() -> None:
    assert all(Status.NEW not in targets for targets in transitions.ALLOWED.values())


def test_closed_tickets_can_only_be_reopened() -> None:
    assert transitions.allowed_targets(Status.CLOSED) == {Status.IN_PROGRESS}
    assert transitions.refusal_reason(Status.CLOSED, Status.RESOLVED) == (
        "A closed ticket can only be reopened."
    )


def test_closing_an_unresolved_ticket_asks_to_resolve_first() -> None:
    reason = transitions.refusal_reason(Status.IN_PROGRESS, Status.CLOSED)

    assert reason == "Only a resolved ticket can be closed; resolve it first."


def test_moving_to_the_same_status_is_refused_by_name() -> None:
    assert transitions.refusal_reason(Status.RESOLVED, Status.RESOLVED) == (
        "The ticket is already resolved."
    )


@pytest.mark.parametrize(("current", "target"), PAIRS)
def test_only_resolved_or_closed_to_in_progress_is_a_reopen(current: str, target: str) -> None:
    expected = current in (Status.RESOLVED, Status.CLOSED) and target == Status.IN_PROGRESS

    assert transitions.is_reopen(current, target) is expected
