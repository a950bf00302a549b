"""Business durations as people type and read them: "4 h", "1 h 30 min", "90 min", "1:30".

Business time is counted in hours and minutes only: a "day" of business time would mean a
different length in every calendar.
"""

import re

from django.utils.translation import gettext as _

from latitude.core.errors import InvalidInput

MAX_MINUTES = 10_000 * 60
_NUMBER = r"\d+(?:[.,]\d+)?"
# Longest units first: the alternation takes the first that matches.
_UNIT = r"stunden|stunde|hours|hour|std\.?|h|minuten|minutes|minute|min\.?|m"
_PART = re.compile(rf"({_NUMBER})\s*({_UNIT})\b\.?", re.I)
_CLOCK = re.compile(r"^(\d+):([0-5]\d)$")


def parse_duration(text: str, *, field: str = "target") -> int:
    """Minutes in `text`; a bare number means hours. Refuses zero, negatives and nonsense."""
    minutes = _minutes_of(text.strip().lower())
    if minutes is None:
        raise InvalidInput(_("Give a duration such as 4 h, 1 h 30 min or 90 min."), field=field)
    if minutes <= 0:
        raise InvalidInput(_("A duration must be longer than zero."), field=field)
    if minutes > MAX_MINUTES:
        raise InvalidInput(_("A duration cannot be longer than 10,000 hours."), field=field)
    return minutes


def _minutes_of(value: str) -> int | None:
    clock = _CLOCK.match(value)
    if clock:
        return int(clock.group(1)) * 60 + int(clock.group(2))
    if re.fullmatch(_NUMBER, value):
        return round(float(value.replace(",", ".")) * 60)
    parts = _PART.findall(value)
    if not parts or _PART.sub("", value).strip():
        return None
    return round(sum(_unit_minutes(number, unit) for number, unit in parts))


def _unit_minutes(number: str, unit: str) -> float:
    value = float(number.replace(",", "."))
    return value if unit.startswith("m") else value * 60
