"""Instants as integer microseconds since the Unix epoch, and local wall-clock times in a zone.

Integers keep the arithmetic exact: the property "measure what you added and get it back" must
hold to the microsecond, which floats cannot promise.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext as _

from latitude.sla.errors import CalendarError

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ONE_MICROSECOND = timedelta(microseconds=1)
MICROSECONDS_PER_MINUTE = 60_000_000
MICROSECONDS_PER_SECOND = 1_000_000
# Until 2106 a float timestamp still resolves single microseconds exactly, and converting one
# is twice as fast as adding a timedelta; later instants take the exact, slower path.
FLOAT_EXACT_UNTIL = 2**32 * MICROSECONDS_PER_SECOND


def zone(name: str) -> ZoneInfo:
    """The IANA time zone `name`, or a clear refusal."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise CalendarError(
            _("Unknown time zone %(zone)s.") % {"zone": name}, field="time_zone"
        ) from None


def is_known_zone(name: str) -> bool:
    try:
        zone(name)
    except CalendarError:
        return False
    return True


def to_us(instant: datetime) -> int:
    """Microseconds since the epoch of an aware datetime; naive datetimes are refused."""
    try:
        return (instant - EPOCH) // ONE_MICROSECOND
    except TypeError:
        raise CalendarError(_("Instants must be aware datetimes with a time zone.")) from None


def from_us(microseconds: int) -> datetime:
    """The aware UTC datetime for microseconds since the epoch."""
    if 0 <= microseconds < FLOAT_EXACT_UNTIL:
        return datetime.fromtimestamp(microseconds / MICROSECONDS_PER_SECOND, UTC)
    return EPOCH + timedelta(microseconds=microseconds)


def wall_to_us(tz: ZoneInfo, day: date, minute: int) -> int:
    """The instant the wall clock in `tz` shows `minute` minutes after midnight of `day`.

    A repeated wall time (autumn) means its first occurrence, so a working day across the
    change has its real, longer length. A wall time that never happens (spring gap) means the
    instant the clocks jumped, so intervals stay ordered and the day has its real, shorter length.
    """
    local = datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(minutes=minute)
    first = to_us(local)
    second = to_us(local.replace(fold=1))
    if first <= second:
        return first
    return _jump_instant(tz, second, first)


def _jump_instant(tz: ZoneInfo, before: int, after: int) -> int:
    """The first second in (before, after] whose UTC offset differs from the one at `before`."""
    low = before // MICROSECONDS_PER_SECOND
    high = -(-after // MICROSECONDS_PER_SECOND)
    offset_before = _offset_at(tz, low)
    while high - low > 1:
        middle = (low + high) // 2
        if _offset_at(tz, middle) == offset_before:
            low = middle
        else:
            high = middle
    return high * MICROSECONDS_PER_SECOND


def _offset_at(tz: ZoneInfo, epoch_seconds: int) -> timedelta | None:
    return (EPOCH + timedelta(seconds=epoch_seconds)).astimezone(tz).utcoffset()
