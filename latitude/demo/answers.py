"""How the demo's people answer decision requests: mostly approved within office hours, some
declined with a reason, a few left waiting (so the inbox has something), and a nightly job that
expires what nobody answered and re-routes requests of people who are away."""

import bisect
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from latitude.core.errors import DomainError, OutOfScope
from latitude.demo import worktime
from latitude.people.models import User
from latitude.scopes.actions import approve_request, decline_request
from latitude.scopes.models import DecisionRequest, RequestStatus
from latitude.scopes.tasks import expire_overdue_requests, reroute_from_absent_holders

APPROVE, DECLINE, LEAVE = "approve", "decline", "leave"


@dataclass(frozen=True)
class Answer:
    """What the holder a request is routed to will do, and after how many office hours."""

    kind: str = APPROVE
    reason: str = ""
    then: Callable[[User], Any] | None = None  # what they do next (reject the service request)
    hours: tuple[float, float] = (0.3, 7.0)


def first_holder(request: DecisionRequest) -> User | None:
    route = request.routes.filter(active=True).select_related("person").order_by("rank").first()
    return route.person if route is not None else None


class Responder:
    def __init__(self, rng: random.Random, settling: dict[int, list[datetime]]) -> None:
        self.rng, self.settling = rng, settling

    def plan(
        self, refusal: OutOfScope, call: Any, at: datetime
    ) -> tuple[datetime, Callable[[], None]] | None:
        """When and how the request that `refusal` opened is answered (None: left waiting)."""
        answer: Answer = getattr(call, "answer", None) or Answer()
        request_id = refusal.decision_request_id
        if request_id is None or answer.kind == LEAVE:
            return None
        when = self._when(answer, at, getattr(call, "ticket", None))
        return when, lambda: self._answer(request_id, answer)

    def _when(self, answer: Answer, at: datetime, ticket: int | None) -> datetime:
        hours = self.rng.uniform(*answer.hours)
        when = worktime.after_office_minutes(at, hours * 60)
        following = self._next_settling(ticket, at)
        if following is not None and when >= following - timedelta(seconds=30):
            # Asked to settle it before the ticket moves on: the holder answers in between.
            when = at + (following - at) * self.rng.uniform(0.3, 0.8)
        return max(when, at + timedelta(seconds=20))

    def _next_settling(self, ticket: int | None, at: datetime) -> datetime | None:
        times = self.settling.get(ticket, []) if ticket is not None else []
        position = bisect.bisect_right(times, at)
        return times[position] if position < len(times) else None

    def _answer(self, request_id: int, answer: Answer) -> None:
        request = DecisionRequest.objects.filter(
            pk=request_id, status=RequestStatus.PENDING
        ).first()
        holder = first_holder(request) if request is not None else None
        if request is None or holder is None:
            return  # answered already (a request reused by a second attempt), or expired
        try:
            if answer.kind == DECLINE:
                decline_request(actor=holder, request_id=request_id, reason=answer.reason)
            else:
                approve_request(actor=holder, request_id=request_id, note=answer.reason)
        except DomainError:
            return  # the holder found it could no longer be carried out; it stays pending
        if answer.then is not None:
            answer.then(holder)


def nightly(moment: datetime) -> datetime:
    """02:00 local on the day after `moment` (when the periodic jobs run)."""
    day = moment.astimezone(worktime.LOCAL).date() + timedelta(days=1)
    return datetime.combine(day, time(2), worktime.LOCAL)


def sweep() -> None:
    """The periodic jobs: expire overdue requests, move requests on from people who are away."""
    expire_overdue_requests()
    reroute_from_absent_holders()
