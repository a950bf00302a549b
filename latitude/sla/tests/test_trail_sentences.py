"""The SLA entries of a ticket's trail read as sentences in the reader's language."""

import pytest
from django.utils import translation

from latitude.core.models import AuditEntry
from latitude.sla import timeline


def _entry(verb: str, **context) -> AuditEntry:
    return AuditEntry(verb=verb, actor_repr="Alex Agent", context=context)


@pytest.mark.parametrize(
    ("verb", "context", "english"),
    [
        (
            timeline.TERMS_SET,
            {"policy_name": "P2 incidents", "calendar_name": "Munich"},
            "SLA terms: P2 incidents, calendar Munich.",
        ),
        (timeline.TERMS_SET, {}, "SLA terms: no SLA policy, calendar around the clock."),
        (
            timeline.EXTENDED,
            {"clock": "resolution", "minutes": 90},
            "Alex Agent extended the resolution clock by 1 h 30 min.",
        ),
        (timeline.WAIVED, {"clock": "response"}, "Alex Agent waived the first response clock."),
        (timeline.BREACH_RECORDED, {"clock": "ola"}, "The team hand-off (OLA) target was missed."),
        (
            timeline.WARNING_SENT,
            {"clock": "resolution"},
            "The resolution target is close; the owner and the team lead were told.",
        ),
    ],
)
def test_each_sla_verb_has_its_sentence(verb, context, english):
    with translation.override("en"):
        assert timeline.SENTENCES[verb](_entry(verb, **context), None) == english


def test_the_sentences_are_german_for_german_readers():
    entry = _entry(timeline.EXTENDED, clock="resolution", minutes=60)
    with translation.override("de"):
        sentence = timeline.SENTENCES[timeline.EXTENDED](entry, None)
    assert sentence.startswith("Alex Agent hat die Uhr")
