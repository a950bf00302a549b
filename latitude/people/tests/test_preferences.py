"""A person's language and time zone."""

import pytest

from latitude.core.errors import InvalidInput
from latitude.core.models import AuditEntry
from latitude.people.actions import update_preferences
from latitude.testing.factories import RequesterFactory

pytestmark = pytest.mark.django_db


def test_preferences_are_saved_and_audited() -> None:
    person = RequesterFactory(language="en", time_zone="")

    update_preferences(actor=person, language="de", time_zone="Europe/Vienna")

    person.refresh_from_db()
    assert (person.language, person.time_zone) == ("de", "Europe/Vienna")
    entry = AuditEntry.objects.get(verb="people.preferences_changed")
    assert entry.changes == {"language": ["en", "de"], "time_zone": ["", "Europe/Vienna"]}


def test_blank_preferences_mean_the_site_defaults() -> None:
    person = RequesterFactory(language="de", time_zone="Europe/Vienna")

    update_preferences(actor=person, language="", time_zone="")

    person.refresh_from_db()
    assert (person.language, person.time_zone) == ("", "")


@pytest.mark.parametrize(
    ("language", "time_zone", "field"),
    [
        ("en", "Mars/Olympus_Mons", "time_zone"),
        ("en", "../../etc/passwd", "time_zone"),
        ("klingon", "", "language"),
    ],
)
def test_unknown_values_are_refused_naming_the_field(
    language: str, time_zone: str, field: str
) -> None:
    person = RequesterFactory(language="en", time_zone="")

    with pytest.raises(InvalidInput) as refused:
        update_preferences(actor=person, language=language, time_zone=time_zone)

    assert refused.value.field == field
    person.refresh_from_db()
    assert (person.language, person.time_zone) == ("en", "")
    assert not AuditEntry.objects.exists()


def test_an_incomplete_profile_does_not_block_changing_preferences() -> None:
    person = RequesterFactory(full_name="")

    update_preferences(actor=person, language="de", time_zone="UTC")

    person.refresh_from_db()
    assert person.language == "de"
