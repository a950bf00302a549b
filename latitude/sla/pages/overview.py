"""The SLA settings page: calendars, the ordered policies, which calendar a ticket gets, and a
preview of due times through the policies; a fixed number of queries whatever their number."""

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from latitude.sla.hours import describe
from latitude.sla.models import BusinessCalendar, SlaPolicy, WorkingPeriod
from latitude.sla.pages.access import settings_reader_required
from latitude.sla.pages.policies import preview_context
from latitude.sla.pages.policy_forms import DuePreviewForm
from latitude.sla.selectors import calendar_assignments, list_policies
from latitude.tickets.choices import Kind, Priority, Status


@require_GET
@settings_reader_required
def settings_home(request: HttpRequest) -> HttpResponse:
    calendars = list(
        BusinessCalendar.objects.order_by("-is_active", "name").prefetch_related(
            Prefetch("working_periods", queryset=WorkingPeriod.objects.order_by("weekday", "start"))
        )
    )
    rows = [{"calendar": calendar, "week": week_in_words(calendar)} for calendar in calendars]
    policies = [_policy_row(policy) for policy in list_policies(request.user)]
    due_form = DuePreviewForm(initial=DuePreviewForm.defaults(timezone.localdate()))
    context = {
        "rows": rows,
        "policies": policies,
        "assignments": list(calendar_assignments(request.user)),
        "default_calendar": next((c for c in calendars if c.is_default and c.is_active), None),
        "may_edit": bool(getattr(request.user, "is_admin", False)),
        **preview_context(request, due_form),
    }
    return render(request, "sla/settings.html", context)


def week_in_words(calendar: BusinessCalendar) -> list[tuple[str, str]]:
    """(weekday label, "08:00-12:00, 13:00-17:00") for each day that has working time."""
    days: dict[int, list[str]] = {}
    labels: dict[int, str] = {}
    for period in calendar.working_periods.all():
        days.setdefault(period.weekday, []).append(describe(period.interval))
        labels[period.weekday] = str(period.get_weekday_display())
    return [(labels[day], ", ".join(days[day])) for day in sorted(days)]


def _policy_row(policy: SlaPolicy) -> dict[str, Any]:
    conditions = []
    if policy.kind:
        conditions.append(str(Kind(policy.kind).label))
    if policy.priorities:
        conditions.append(
            ", ".join(f"P{p}" for p in sorted(policy.priorities) if p in Priority.values)
        )
    if policy.service is not None:
        conditions.append(str(policy.service))
    if policy.unit is not None:
        conditions.append(str(policy.unit))
    pauses = [str(Status(s).label) for s in policy.pause_statuses if s in Status.values]
    return {"policy": policy, "conditions": " · ".join(conditions), "pauses": ", ".join(pauses)}
