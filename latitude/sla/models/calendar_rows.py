"""Business calendars as data; `selectors.compiled_calendar` turns them into a pure `Calendar`.

Every change to a calendar or to one of its rows gives the calendar a new `revision`, which is
the key under which compiled calendars are cached, so no process computes with old hours.
Overlaps and "no working time at all" are properties of the whole week, so they are checked where
the whole week is known: in the actions, in the admin's inline formset, and whenever a calendar
is compiled (`selectors.compiled_calendar`), which refuses such a week with a clear error.
"""

import uuid
from datetime import time
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from latitude.sla.calendars import check_holiday_region
from latitude.sla.choices import ExceptionKind, Weekday
from latitude.sla.errors import CalendarError
from latitude.sla.hours import WorkingInterval
from latitude.sla.localtime import is_known_zone

MIDNIGHT = time(0, 0)
END_HELP = _("00:00 means midnight at the end of the day.")


def default_time_zone() -> str:
    """The site's zone; a callable, so that migrations do not freeze one installation's value."""
    return settings.TIME_ZONE


class BusinessCalendar(models.Model):
    """Working hours in a time zone with the public holidays of a region."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default=default_time_zone)
    holiday_country = models.CharField(
        _("holiday country"),
        max_length=8,
        blank=True,
        help_text=_("ISO code as the holidays package knows it, e.g. DE, AT, CH, US."),
    )
    holiday_subdivision = models.CharField(
        _("holiday subdivision"),
        max_length=32,
        blank=True,
        help_text=_("Region within the country, e.g. BY or NW for Germany, CA for the US."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_default = models.BooleanField(
        _("site default"),
        default=False,
        help_text=_("Used for tickets whose service, team and requester unit have no calendar."),
    )
    # A fresh random value on every change: unlike a counter it never repeats, not even for a
    # new calendar that reuses a deleted one's id, so it can key caches across processes.
    revision = models.UUIDField(default=uuid.uuid4, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("business calendar")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_calendar"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.full_clean(validate_unique=False, validate_constraints=False)
        if not self._state.adding:
            self.revision = uuid.uuid4()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.holiday_country = self.holiday_country.strip().upper()
        self.holiday_subdivision = self.holiday_subdivision.strip()
        errors: dict[str, Any] = {}
        if not is_known_zone(self.time_zone):
            errors["time_zone"] = _("Unknown time zone %(zone)s.") % {"zone": self.time_zone}
        try:
            check_holiday_region(self.holiday_country, self.holiday_subdivision)
        except CalendarError as error:
            errors[error.field or "holiday_country"] = error.message
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def touch(calendar_id: int) -> None:
        """Mark a calendar changed because one of its rows changed."""
        BusinessCalendar.objects.filter(pk=calendar_id).update(
            revision=uuid.uuid4(), updated_at=timezone.now()
        )


class CalendarRow(models.Model):
    """A row of a calendar: validated alone on save, and its calendar marked changed."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.full_clean(validate_unique=False, validate_constraints=False)
        super().save(*args, **kwargs)
        BusinessCalendar.touch(self.calendar_id)  # type: ignore[attr-defined]

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        calendar_id = self.calendar_id  # type: ignore[attr-defined]
        deleted = super().delete(*args, **kwargs)
        BusinessCalendar.touch(calendar_id)
        return deleted


def interval_or_error(start: time | None, end: time | None) -> WorkingInterval:
    """The interval from `start` to `end`, or a ValidationError on the `end` field."""
    if start is None or end is None:
        raise ValidationError({"end": _("Give both a start and an end.")})
    try:
        return WorkingInterval.from_times(start, end)
    except CalendarError as error:
        raise ValidationError({"end": error.message}) from None


def ends_after_start() -> Q:
    return Q(end__gt=F("start")) | Q(end=MIDNIGHT)


class WorkingPeriod(CalendarRow):
    """Working time on one weekday, in the calendar's local wall-clock time."""

    calendar = models.ForeignKey(
        BusinessCalendar, on_delete=models.CASCADE, related_name="working_periods"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"), help_text=END_HELP)

    class Meta:
        ordering = ["calendar", "weekday", "start"]
        verbose_name = _("working period")
        constraints = [
            models.CheckConstraint(
                condition=ends_after_start(), name="working_period_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="working_period_weekday"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}-{self.end:%H:%M}"

    def clean(self) -> None:
        interval_or_error(self.start, self.end)

    @property
    def interval(self) -> WorkingInterval:
        return WorkingInterval.from_times(self.start, self.end)


class CalendarException(CalendarRow):
    """A closure or an extra working day on one local date, whole or from start to end."""

    calendar = models.ForeignKey(
        BusinessCalendar, on_delete=models.CASCADE, related_name="exceptions"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=ExceptionKind.choices)
    start = models.TimeField(_("start"), null=True, blank=True)
    end = models.TimeField(_("end"), null=True, blank=True, help_text=END_HELP)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["calendar", "date", "start"]
        verbose_name = _("calendar exception")
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True, end__isnull=True)
                | (Q(start__isnull=False, end__isnull=False) & ends_after_start()),
                name="calendar_exception_whole_day_or_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"

    def clean(self) -> None:
        if self.start is not None or self.end is not None:
            interval_or_error(self.start, self.end)

    @property
    def is_whole_day(self) -> bool:
        return self.start is None

    @property
    def interval(self) -> WorkingInterval | None:
        """The part of the day concerned, or None for the whole day."""
        if self.start is None or self.end is None:
            return None
        return WorkingInterval.from_times(self.start, self.end)
