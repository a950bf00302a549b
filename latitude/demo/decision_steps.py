"""Deferred calls of the decision actions (approval, cost, goodwill, unmerge) on demo tickets.

Each returns a `TicketCall`; `answer` says how the decision request opened by an out-of-scope
attempt will be answered, `settles` that the ticket's open requests are answered before it."""

from collections.abc import Callable
from typing import Any

from latitude.demo.answers import Answer
from latitude.demo.plans import TicketPlan
from latitude.demo.schedule import Schedule, TicketCall
from latitude.people.models import User
from latitude.tickets import actions
from latitude.tickets.models import Goodwill


class DecisionCalls:
    def __init__(self, schedule: Schedule) -> None:
        self.schedule = schedule

    def _id(self, plan: TicketPlan) -> int:
        return self.schedule.ticket_id(plan)

    def _on(
        self, plan: TicketPlan, fn: Callable[[], Any], *, settles: bool = False, answer: Any = None
    ) -> TicketCall:
        call = self.schedule.on(plan, fn, settles=settles)
        call.answer = answer
        return call

    def ask_approval(
        self, plan: TicketPlan, agent: User, answer: Answer, note: str = ""
    ) -> TicketCall:
        def call() -> None:
            actions.approve_request_ticket(actor=agent, ticket_id=self._id(plan), note=note)

        return self._on(plan, call, answer=answer)

    def quote(self, plan: TicketPlan, agent: User, amount: str, currency: str) -> TicketCall:
        def call() -> None:
            actions.set_request_cost(
                actor=agent, ticket_id=self._id(plan), amount=amount, currency=currency
            )

        return self._on(plan, call)

    def rejecting(self, plan: TicketPlan, reason: str) -> Callable[[User], Any]:
        """What an approver who declined does next: reject the service request itself."""
        return lambda holder: actions.reject_request_ticket(
            actor=holder, ticket_id=self._id(plan), reason=reason
        )

    def revoke_approval(self, plan: TicketPlan, actor: User, reason: str) -> TicketCall:
        def call() -> None:
            actions.revoke_approval(actor=actor, ticket_id=self._id(plan), reason=reason)

        return self._on(plan, call, settles=True)

    def raise_priority(
        self, plan: TicketPlan, agent: User, priority: int, reason: str, answer: Answer
    ) -> TicketCall:
        def call() -> None:
            actions.change_priority(
                actor=agent, ticket_id=self._id(plan), priority=priority, reason=reason
            )

        return self._on(plan, call, answer=answer, settles=True)

    def goodwill(
        self, plan: TicketPlan, agent: User, amount: str, reason: str, answer: Answer
    ) -> TicketCall:
        def call() -> None:
            actions.grant_goodwill(
                actor=agent, ticket_id=self._id(plan), amount=amount, currency="EUR", reason=reason
            )

        return self._on(plan, call, answer=answer)

    def revoke_goodwill(self, plan: TicketPlan, actor: User, reason: str) -> TicketCall:
        def call() -> None:
            credit = Goodwill.objects.filter(ticket_id=self._id(plan), revoked_at__isnull=True)
            latest = credit.order_by("-granted_at", "-id").first()
            if latest is not None:
                actions.revoke_goodwill(
                    actor=actor, ticket_id=self._id(plan), goodwill_id=latest.pk, reason=reason
                )

        return self._on(plan, call, settles=True)

    def unmerge(self, plan: TicketPlan, agent: User, reason: str) -> TicketCall:
        def call() -> None:
            actions.unmerge_ticket(actor=agent, ticket_id=self._id(plan), reason=reason)

        return self._on(plan, call, settles=True)
