"""SLA reports: clocks met and missed by team, service, priority and month, with the time
paused; a period filter, a chart and a CSV export. Every figure is one SQL aggregate per
grouping (`latitude.sla.selectors.report`), so the page costs the same for any period."""

import csv
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from latitude.sla.choices import ClockKind
from latitude.sla.clocks.timeline import format_minutes
from latitude.sla.pages.access import agent_required, may_read_settings
from latitude.sla.pages.charts import met_and_missed_chart
from latitude.sla.selectors import ReportRow, report
from latitude.tickets.choices import Priority

GROUPS = [
    ("team", gettext_lazy("Team")),
    ("service", gettext_lazy("Service")),
    ("priority", gettext_lazy("Priority")),
    ("month", gettext_lazy("Month")),
]
MAX_DAYS = 3 * 366


class ReportForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Clock"),
        required=False,
        choices=[("", gettext_lazy("all clocks")), *ClockKind.choices],
    )
    chart = forms.ChoiceField(label=gettext_lazy("Chart by"), required=False, choices=GROUPS)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        data["end"] = data.get("end") or today
        data["start"] = data.get("start") or _months_back(today, 5)
        data["chart"] = data.get("chart") or "team"
        if data["start"] > data["end"]:
            self.add_error("end", _("The period must end on or after its start."))
        elif (data["end"] - data["start"]).days > MAX_DAYS:
            self.add_error("start", _("Report on at most three years at a time."))
        return data


def _months_back(day: date, months: int) -> date:
    month = day.year * 12 + day.month - 1 - months
    return date(month // 12, month % 12 + 1, 1)


@dataclass(frozen=True)
class Line:
    label: str
    row: ReportRow

    @property
    def finished(self) -> int:
        return self.row.met + self.row.missed

    @property
    def met_percent(self) -> int | None:
        return round(100 * self.row.met / self.finished) if self.finished else None

    @property
    def paused(self) -> str:
        return format_minutes(self.row.paused_minutes) if self.row.paused_minutes else "—"


@require_GET
@agent_required
def reports(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.GET)
    if not form.is_valid():
        return render(request, "sla/reports.html", {"form": form, "tables": []}, status=400)
    data = form.cleaned_data
    tables = _tables(request, data)
    if request.GET.get("format") == "csv":
        return _csv(tables, data)
    chart_lines = next(lines for key, _label, lines in tables if key == data["chart"])
    context = {
        "form": form,
        "tables": tables,
        "chart": _chart(chart_lines) if chart_lines else None,
        "chart_label": dict(GROUPS)[data["chart"]],
        "csv_query": _csv_query(request),
        "may_read_settings": may_read_settings(request.user),
    }
    return render(request, "sla/reports.html", context)


def _tables(request: HttpRequest, data: dict[str, Any]) -> list[tuple[str, Any, list[Line]]]:
    start, end = _bounds(data["start"], data["end"])
    tables = []
    for key, label in GROUPS:
        rows = report(request.user, group_by=key, start=start, end=end, kind=data["kind"] or None)
        tables.append((key, label, [Line(_label_of(key, row.group), row) for row in rows]))
    return tables


def _bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """From the start of the first day to the end of the last, in the desk's zone."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(first, time(0), tzinfo=zone)
    return start, datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone)


def _label_of(key: str, group: Any) -> str:
    if group is None or group == "":
        return str(_("none"))
    if key == "priority":
        return str(Priority(group).label) if group in Priority.values else str(group)
    if key == "month":
        moment = group if isinstance(group, date) else datetime.fromisoformat(str(group))
        return formats.date_format(moment, "F Y")
    return str(group)


def _chart(lines: list[Line]) -> str:
    return met_and_missed_chart(
        [line.label for line in lines],
        [line.row.met for line in lines],
        [line.row.missed for line in lines],
        [line.row.running for line in lines],
    )


def _csv_query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query["format"] = "csv"
    return query.urlencode()


def _csv(tables: list[tuple[str, Any, list[Line]]], data: dict[str, Any]) -> HttpResponse:
    name = f"sla-report-{data['start']:%Y-%m-%d}-{data['end']:%Y-%m-%d}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(["grouping", "group", "met", "missed", "running", "breached", "paused_minutes"])
    for key, _label, lines in tables:
        for line in lines:
            row = line.row
            writer.writerow(
                [
                    key,
                    _safe(_csv_group(key, row.group, line.label)),
                    row.met,
                    row.missed,
                    row.running,
                    row.breached,
                    row.paused_minutes,
                ]
            )
    return response


def _csv_group(key: str, group: Any, label: str) -> str:
    """Months as 2024-06 in the file, so that spreadsheets sort them."""
    if key == "month" and isinstance(group, date):
        return f"{group:%Y-%m}"
    return label


def _safe(text: str) -> str:
    """Names a spreadsheet would run as a formula get a leading apostrophe."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
