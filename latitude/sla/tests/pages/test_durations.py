"""Durations as people type them, and as the pages print them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from latitude.core.errors import InvalidInput
from latitude.sla.clocks.timeline import format_minutes
from latitude.sla.pages.durations import MAX_MINUTES, parse_duration


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("4 h", 240),
        ("4h", 240),
        ("1 h 30 min", 90),
        ("90 min", 90),
        ("30 minutes", 30),
        ("2 hours", 120),
        ("1:30", 90),
        ("1,5", 90),
        ("2 Std. 10 Min.", 130),
        ("3 Stunden", 180),
    ],
)
def test_typed_durations_are_read(text, minutes):
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "soon", "4 days", "h", "-2 h", "1 h and a bit"])
def test_nonsense_is_refused_on_the_field(text):
    with pytest.raises(InvalidInput) as refused:
        parse_duration(text, field="extension")
    assert refused.value.field == "extension"


@pytest.mark.parametrize("text", ["0", "0 h", "0:00"])
def test_zero_is_refused(text):
    with pytest.raises(InvalidInput, match="longer than zero"):
        parse_duration(text)


@given(st.integers(min_value=1, max_value=MAX_MINUTES))
def test_what_is_printed_reads_back_as_the_same_minutes(minutes):
    assert parse_duration(format_minutes(minutes)) == minutes
