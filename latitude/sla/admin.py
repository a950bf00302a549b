"""Admin for business calendars: the week is validated as a whole before anything is saved."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from latitude.core.admin import AuditedAdmin
from latitude.sla.errors import CalendarError
from latitude.sla.hours import WorkingInterval, weekly_hours
from latitude.sla.models import BusinessCalendar, CalendarException, WorkingPeriod


class WorkingPeriodFormSet(forms.BaseInlineFormSet):
    """Refuses overlapping periods on a weekday and a week without any working time."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        week: dict[int, list[WorkingInterval]] = {}
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            interval = WorkingInterval.from_times(data["start"], data["end"])
            week.setdefault(data["weekday"], []).append(interval)
        try:
            weekly_hours(week)
        except CalendarError as error:
            raise ValidationError(error.message) from None


class WorkingPeriodInline(admin.TabularInline):
    model = WorkingPeriod
    formset = WorkingPeriodFormSet
    extra = 0
    fields = ("weekday", "start", "end")


class CalendarExceptionInline(admin.TabularInline):
    model = CalendarException
    extra = 0
    fields = ("date", "kind", "start", "end", "note")


@admin.register(BusinessCalendar)
class BusinessCalendarAdmin(AuditedAdmin):
    list_display = ("name", "time_zone", "holiday_country", "holiday_subdivision", "is_active")
    list_filter = ("is_active", "holiday_country")
    search_fields = ("name",)
    fields = ("name", "time_zone", "holiday_country", "holiday_subdivision", "is_active")
    inlines = (WorkingPeriodInline, CalendarExceptionInline)
