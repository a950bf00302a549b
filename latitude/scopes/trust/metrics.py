"""Trust metrics per decision and holder (a person or a team) over a period.

Three aggregate queries whatever the number of decisions: carried-out records (taken, within
scope, reversed), decision requests (count, approved, declined), and the median time to
decision. The median is picked in SQL by window functions (row number and row count per
group, keeping the one or two middle rows), which SQLite and PostgreSQL both run; the two
middle values are averaged here.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from latitude.scopes.models import (
    CARRIED_OUT,
    DecisionOutcome,
    DecisionRecord,
    DecisionRequest,
    RequestStatus,
)

HolderKind = Literal["person", "team"]
Key = tuple[str, int]

WITHIN_SCOPE = (DecisionOutcome.TAKEN, DecisionOutcome.BY_RIGHT)
ASKED = (DecisionOutcome.REQUESTED, DecisionOutcome.RECOMMENDED)
ANSWERED = (RequestStatus.APPROVED, RequestStatus.DECLINED)


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime

    @classmethod
    def last_days(cls, days: int, now: datetime | None = None) -> "Period":
        end = now or timezone.now()
        return cls(start=end - timedelta(days=days), end=end)

    @property
    def days(self) -> int:
        return max(1, round((self.end - self.start).total_seconds() / 86400))


@dataclass
class DecisionMetrics:
    decision: str
    holder_id: int
    decisions: int = 0
    within_scope: int = 0
    reversed: int = 0
    requests: int = 0
    approved: int = 0
    declined: int = 0
    median_wait: timedelta | None = None

    @property
    def within_share(self) -> float | None:
        return _share(self.within_scope, self.decisions)

    @property
    def approval_rate(self) -> float | None:
        return _share(self.approved, self.approved + self.declined)

    @property
    def reversal_rate(self) -> float | None:
        return _share(self.reversed, self.decisions)

    def evidence(self, period: Period) -> dict[str, Any]:
        """A JSON snapshot of the figures, kept with a suggestion."""
        wait = self.median_wait.total_seconds() if self.median_wait is not None else None
        return {
            "period_start": period.start.isoformat(),
            "period_end": period.end.isoformat(),
            "decisions": self.decisions,
            "within_scope": self.within_scope,
            "reversed": self.reversed,
            "requests": self.requests,
            "approved": self.approved,
            "declined": self.declined,
            "median_wait_seconds": wait,
            "within_share": self.within_share,
            "approval_rate": self.approval_rate,
            "reversal_rate": self.reversal_rate,
        }


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _record_holder(kind: HolderKind) -> Any:
    # A decision carried out on approval counts for the person who asked for it.
    return Coalesce("on_behalf_of_id", "actor_id") if kind == "person" else F("team_id")


def _request_holder(kind: HolderKind) -> Any:
    if kind == "person":
        return F("requester_id")
    first_ask = DecisionRecord.objects.filter(request=OuterRef("pk"), outcome__in=ASKED)
    return Subquery(first_ask.order_by("id").values("team_id")[:1])


def _only(queryset: QuerySet[Any], holder_ids: Iterable[int] | None) -> QuerySet[Any]:
    queryset = queryset.filter(holder__isnull=False)
    return queryset if holder_ids is None else queryset.filter(holder__in=list(holder_ids))


def _records(kind: HolderKind, period: Period, holder_ids: Iterable[int] | None) -> QuerySet:
    carried_out = DecisionRecord.objects.filter(
        outcome__in=CARRIED_OUT, occurred_at__gte=period.start, occurred_at__lt=period.end
    ).annotate(holder=_record_holder(kind))
    return (
        _only(carried_out, holder_ids)
        .order_by()
        .values("decision", "holder")
        .annotate(
            decisions=Count("id"),
            within_scope=Count("id", filter=Q(outcome__in=WITHIN_SCOPE)),
            reversed=Count("reversal"),
        )
    )


def _requests_in(kind: HolderKind, period: Period, holder_ids: Iterable[int] | None) -> QuerySet:
    asked = DecisionRequest.objects.filter(
        created_at__gte=period.start, created_at__lt=period.end
    ).annotate(holder=_request_holder(kind))
    return _only(asked, holder_ids).order_by()


def _requests(kind: HolderKind, period: Period, holder_ids: Iterable[int] | None) -> QuerySet:
    return (
        _requests_in(kind, period, holder_ids)
        .values("decision", "holder")
        .annotate(
            requests=Count("id"),
            approved=Count("id", filter=Q(status=RequestStatus.APPROVED)),
            declined=Count("id", filter=Q(status=RequestStatus.DECLINED)),
        )
    )


def _middle_waits(kind: HolderKind, period: Period, holder_ids: Iterable[int] | None) -> QuerySet:
    group = [F("decision"), F("holder")]
    return (
        _requests_in(kind, period, holder_ids)
        .filter(status__in=ANSWERED, decided_at__isnull=False)
        .annotate(
            wait=ExpressionWrapper(F("decided_at") - F("created_at"), output_field=DurationField())
        )
        .annotate(
            row=Window(RowNumber(), partition_by=group, order_by=[F("wait").asc(), F("id").asc()]),
            total=Window(Count("id"), partition_by=group),
        )
        # Integer division on both databases: rows (n+1)/2 to (n+2)/2 are the middle ones.
        .filter(row__gte=(F("total") + 1) / 2, row__lte=(F("total") + 2) / 2)
        .values_list("decision", "holder", "wait")
    )


def metrics(
    kind: HolderKind, period: Period, holder_ids: Iterable[int] | None = None
) -> dict[Key, DecisionMetrics]:
    """Figures per (decision, holder id) for the holders given, or for all of them."""
    ids = None if holder_ids is None else list(holder_ids)
    found: dict[Key, DecisionMetrics] = {}

    def row(decision: str, holder: int) -> DecisionMetrics:
        return found.setdefault((decision, holder), DecisionMetrics(decision, holder))

    for values in _records(kind, period, ids):
        entry = row(values["decision"], values["holder"])
        entry.decisions, entry.within_scope = values["decisions"], values["within_scope"]
        entry.reversed = values["reversed"]
    for values in _requests(kind, period, ids):
        entry = row(values["decision"], values["holder"])
        entry.requests, entry.approved = values["requests"], values["approved"]
        entry.declined = values["declined"]
    middles: dict[Key, list[timedelta]] = {}
    for decision, holder, wait in _middle_waits(kind, period, ids):
        middles.setdefault((decision, holder), []).append(wait)
    for key, waits in middles.items():
        row(*key).median_wait = sum(waits, timedelta()) / len(waits)
    return found


def holder_metrics(kind: HolderKind, holder_id: int, period: Period) -> list[DecisionMetrics]:
    """One holder's figures, one row per decision, by decision name."""
    rows = metrics(kind, period, [holder_id]).values()
    return sorted(rows, key=lambda entry: entry.decision)
