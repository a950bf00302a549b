"""Shapes of the calendar pages' inputs. The week is typed as text per weekday
("08:00-12:00, 13:00-17:00"), so a refused week comes back exactly as it was typed; overlaps
are found per day here so that the error stands next to the day, the rest is the actions'."""

import re
from datetime import date, time
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from latitude.sla.choices import ExceptionKind, Weekday
from latitude.sla.errors import CalendarError
from latitude.sla.hours import WorkingInterval, day_hours, describe
from latitude.sla.models import BusinessCalendar

_INTERVAL = re.compile(r"^(\d{1,2})[:.](\d{2})\s*[-\u2013\u2014]\s*(\d{1,2})[:.](\d{2})$")
Hours = dict[int, list[tuple[time, time]]]


def day_field(weekday: Weekday) -> str:
    return f"day_{weekday.value}"


class CalendarForm(forms.ModelForm):
    class Meta:
        model = BusinessCalendar
        fields = ("name", "time_zone", "holiday_country", "holiday_subdivision", "is_active")

    def _post_clean(self) -> None:
        """The actions validate the calendar (zone, holiday region) with the model's rules."""


class HoursForm(forms.Form):
    """Working hours per weekday: intervals separated by commas; empty means closed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for weekday in Weekday:
            self.fields[day_field(weekday)] = forms.CharField(
                label=weekday.label, required=False, max_length=200, strip=True
            )

    def days(self) -> list[tuple[Weekday, forms.BoundField]]:
        return [(weekday, self[day_field(weekday)]) for weekday in Weekday]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for weekday in Weekday:
            name = day_field(weekday)
            if name in data:
                try:
                    day_hours(parse_day(data[name]))
                except CalendarError as error:
                    self.add_error(name, error.message)
        return data

    def hours(self) -> Hours:
        """The week as the actions take it (after `is_valid`)."""
        week: Hours = {}
        for weekday in Weekday:
            intervals = parse_day(self.cleaned_data[day_field(weekday)])
            if intervals:
                week[weekday.value] = [(_time(i.start), _time(i.end)) for i in intervals]
        return week

    @classmethod
    def initial_of(cls, calendar: BusinessCalendar) -> dict[str, str]:
        texts: dict[int, list[str]] = {}
        for period in calendar.working_periods.all():
            texts.setdefault(period.weekday, []).append(describe(period.interval))
        return {day_field(weekday): ", ".join(texts.get(weekday.value, [])) for weekday in Weekday}


def parse_day(text: str) -> list[WorkingInterval]:
    """Intervals typed for one day; 24:00 and 00:00 as an end both mean midnight."""
    intervals = []
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        match = _INTERVAL.match(part)
        if match is None:
            message = _(
                "Write working periods as 08:00-12:00, separated by commas; “%(part)s” is not one."
            )
            raise CalendarError(message % {"part": part})
        start_h, start_m, end_h, end_m = (int(group) for group in match.groups())
        if start_h > 23 or start_m > 59 or end_h > 24 or end_m > 59 or (end_h == 24 and end_m):
            raise CalendarError(_("“%(part)s” is not a time of day.") % {"part": part})
        end = end_h * 60 + end_m or 24 * 60
        intervals.append(WorkingInterval(start_h * 60 + start_m, end))
    return intervals


def _time(minute: int) -> time:
    return time(*divmod(minute % (24 * 60), 60))


class ExceptionForm(forms.Form):
    day = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ExceptionKind.choices)
    start = forms.TimeField(
        label=gettext_lazy("From"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(
        label=gettext_lazy("Until"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("start") is None) != (data.get("end") is None) and not self.errors:
            self.add_error("end", _("Give both a start and an end, or neither for the whole day."))
        return data


class PreviewForm(forms.Form):
    """ "A ticket opened at … with a target of … is due …", in the calendar's own zone."""

    opened_day = forms.DateField(
        label=gettext_lazy("Opened on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    opened_time = forms.TimeField(
        label=gettext_lazy("at"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    target = forms.CharField(label=gettext_lazy("Target"), max_length=40)

    @staticmethod
    def defaults(today: date) -> dict[str, Any]:
        """The example everyone asks about: Friday 16:30 with a 4 h target."""
        friday = today.toordinal() + (4 - today.weekday()) % 7
        return {
            "opened_day": date.fromordinal(friday),
            "opened_time": time(16, 30),
            "target": "4 h",
        }
