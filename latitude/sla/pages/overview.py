"""The SLA administration page: calendars (and, with the engine, the ordered policies)."""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from latitude.sla.hours import describe
from latitude.sla.models import BusinessCalendar, WorkingPeriod
from latitude.sla.pages.access import settings_reader_required


@require_GET
@settings_reader_required
def settings_home(request: HttpRequest) -> HttpResponse:
    """Every calendar with its week in words, in two queries whatever their number."""
    calendars = list(
        BusinessCalendar.objects.order_by("-is_active", "name").prefetch_related(
            Prefetch("working_periods", queryset=WorkingPeriod.objects.order_by("weekday", "start"))
        )
    )
    rows = [{"calendar": calendar, "week": week_in_words(calendar)} for calendar in calendars]
    context = {"rows": rows, "may_edit": bool(getattr(request.user, "is_admin", False))}
    return render(request, "sla/settings.html", context)


def week_in_words(calendar: BusinessCalendar) -> list[tuple[str, str]]:
    """(weekday label, "08:00-12:00, 13:00-17:00") for each day that has working time."""
    days: dict[int, list[str]] = {}
    labels: dict[int, str] = {}
    for period in calendar.working_periods.all():
        days.setdefault(period.weekday, []).append(describe(period.interval))
        labels[period.weekday] = str(period.get_weekday_display())
    return [(labels[day], ", ".join(days[day])) for day in sorted(days)]
