"""Keyset pagination on its own, over audit entries (a second model besides tickets)."""

import base64
import json

import pytest
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from latitude.core import audit
from latitude.core.errors import InvalidInput
from latitude.core.models import AuditEntry
from latitude.core.pagination import keyset_page
from latitude.testing.factories import TicketFactory

pytestmark = pytest.mark.django_db

ORDERINGS = [
    ["-occurred_at", "-id"],
    ["occurred_at", "id"],
    ["verb", "-id"],
    ["-verb", "id"],
    ["id"],
]


def walk(ordering: list[str], size: int) -> list[int]:
    seen: list[int] = []
    cursor = None
    while True:
        page = keyset_page(AuditEntry.objects.all(), ordering=ordering, cursor=cursor, size=size)
        seen += [entry.pk for entry in page.items]
        cursor = page.next_cursor
        if cursor is None:
            return seen


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking DB examples takes minutes
)
@given(
    verbs=st.lists(st.sampled_from(["a", "b", "c"]), max_size=12),
    size=st.integers(1, 5),
    ordering=st.sampled_from(ORDERINGS),
)
def test_walking_all_pages_yields_every_row_once_in_order(
    verbs: list[str], size: int, ordering: list[str]
) -> None:
    with transaction.atomic():
        ticket = TicketFactory()
        for verb in verbs:
            audit.record(actor=None, verb=verb, subject=ticket)

        expected = list(AuditEntry.objects.order_by(*ordering).values_list("pk", flat=True))

        assert walk(ordering, size) == expected
        transaction.set_rollback(True)


def test_an_exactly_full_last_page_has_no_next_cursor() -> None:
    ticket = TicketFactory()
    with transaction.atomic():
        for _ in range(4):
            audit.record(actor=None, verb="x", subject=ticket)

    first = keyset_page(AuditEntry.objects.all(), ordering=["id"], cursor=None, size=2)
    second = keyset_page(
        AuditEntry.objects.all(), ordering=["id"], cursor=first.next_cursor, size=2
    )

    assert len(second.items) == 2
    assert second.next_cursor is None


def test_an_empty_result_has_no_cursor() -> None:
    page = keyset_page(AuditEntry.objects.all(), ordering=["id"], cursor=None, size=10)

    assert (page.items, page.next_cursor) == ([], None)


def outcome(cursor: str, ordering: list[str]) -> str:
    """ "page" for a page, else the field named by the refusal."""
    try:
        keyset_page(AuditEntry.objects.all(), ordering=ordering, cursor=cursor, size=3)
    except InvalidInput as refused:
        return refused.field or ""
    return "page"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
FORGIVING = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FORGIVING
@given(payload=JSON | st.lists(JSON, min_size=2, max_size=2))
def test_any_forged_cursor_is_a_valid_page_or_invalid_input(payload: object) -> None:
    cursor = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()

    assert outcome(cursor, ["-occurred_at", "-id"]) in ("page", "cursor")


@FORGIVING
@given(cursor=st.text(max_size=80))
def test_any_cursor_text_is_a_valid_page_or_invalid_input(cursor: str) -> None:
    assert outcome(cursor, ["verb", "-id"]) in ("page", "cursor")
