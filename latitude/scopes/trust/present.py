"""Trust metrics as people read them: decision labels, shares in per cent, waits in hours."""

from dataclasses import dataclass
from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from latitude.scopes import registry
from latitude.scopes.models import ScopeSuggestion, SuggestionHolder
from latitude.scopes.trust.metrics import DecisionMetrics, Period

PERIOD_CHOICES = (30, 90, 365)
DEFAULT_PERIOD = 90


def period_of(value: object) -> Period:
    """The period a selector asks for, in days; anything unknown falls back to the default."""
    try:
        days = int(str(value))
    except ValueError:
        days = DEFAULT_PERIOD
    return Period.last_days(days if days in PERIOD_CHOICES else DEFAULT_PERIOD)


def percent(share: float | None) -> str:
    return "—" if share is None else f"{round(share * 100)} %"


def wait_phrase(wait: timedelta | None) -> str:
    if wait is None:
        return "—"
    minutes = int(wait.total_seconds() // 60)
    if minutes < 60:
        return _("%(minutes)d min") % {"minutes": minutes}
    return _("%(hours)d h %(minutes)02d min") % {"hours": minutes // 60, "minutes": minutes % 60}


def decision_label(name: str) -> str:
    return str(registry.get(name).label) if registry.is_registered(name) else name


@dataclass(frozen=True)
class MetricsRow:
    decision: str
    label: str
    decisions: int
    within_share: str
    requests: int
    median_wait: str
    approval_rate: str
    reversal_rate: str


def row_of(entry: DecisionMetrics) -> MetricsRow:
    return MetricsRow(
        decision=entry.decision,
        label=decision_label(entry.decision),
        decisions=entry.decisions,
        within_share=percent(entry.within_share),
        requests=entry.requests,
        median_wait=wait_phrase(entry.median_wait),
        approval_rate=percent(entry.approval_rate),
        reversal_rate=percent(entry.reversal_rate),
    )


@dataclass(frozen=True)
class SuggestionRow:
    suggestion: ScopeSuggestion
    label: str
    holder: str
    holder_url: str
    grant: str
    figures: list[tuple[str, str]]


def _figures(evidence: dict) -> list[tuple[str, str]]:
    seconds = evidence.get("median_wait_seconds")
    wait = None if seconds is None else timedelta(seconds=seconds)
    return [
        (_("Decisions taken"), str(evidence.get("decisions", 0))),
        (_("Within scope"), percent(evidence.get("within_share"))),
        (_("Decision requests"), str(evidence.get("requests", 0))),
        (_("Approval rate"), percent(evidence.get("approval_rate"))),
        (_("Reversal rate"), percent(evidence.get("reversal_rate"))),
        (_("Median time to decision"), wait_phrase(wait)),
    ]


def suggestion_rows(suggestions: list[ScopeSuggestion]) -> list[SuggestionRow]:
    rows = []
    for suggestion in suggestions:
        person = suggestion.holder_kind == SuggestionHolder.PERSON
        holder_id = suggestion.holder_person_id if person else suggestion.holder_team_id
        grant = suggestion.grant
        rows.append(
            SuggestionRow(
                suggestion=suggestion,
                label=decision_label(suggestion.decision),
                holder=str(suggestion.holder),
                holder_url=reverse("trust:person" if person else "trust:team", args=[holder_id]),
                grant=(
                    _("“%(name)s”, version %(version)s")
                    % {"name": grant.name, "version": suggestion.grant_version}
                    if grant
                    else _("no grant yet")
                ),
                figures=_figures(suggestion.evidence),
            )
        )
    return rows
