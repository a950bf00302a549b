"""Decision requests: opened when a guarded action is out of scope, then approved (the original
action is carried out on the requester's behalf), declined, withdrawn, expired or re-routed."""

from datetime import timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from latitude.core import audit, decisions
from latitude.core.actors import SystemActor
from latitude.core.audit import subject_type_of
from latitude.core.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    NotPermitted,
    OutOfScope,
    StaleVersion,
)
from latitude.scopes import events, notification_events, routing
from latitude.scopes.enforcement import Approval, carrying_out
from latitude.scopes.evaluator import Verdict, evaluate
from latitude.scopes.models import (
    DecisionOutcome,
    DecisionRecord,
    DecisionRequest,
    RequestKind,
    RequestStatus,
)
from latitude.scopes.recording import RecordInput, plain_facts, write_record
from latitude.scopes.replay import decode_arguments, encode_arguments

EXPIRER = SystemActor("decision-requests")


def open_request(refusal: OutOfScope, action: str, kwargs: dict[str, Any]) -> None:
    """Refusal handler: record the attempt and open (or reuse) the request for it."""
    verdict: Verdict | None = refusal.verdict
    if verdict is None or not getattr(verdict.actor, "is_active", False):
        return
    request, reused = _pending_or_new(verdict, action, kwargs, refusal)
    recommends = request.kind == RequestKind.RECOMMENDATION
    write_record(
        RecordInput(
            decision=verdict.decision.name,
            subject=verdict.subject,
            actor=verdict.actor,
            outcome=DecisionOutcome.RECOMMENDED if recommends else DecisionOutcome.REQUESTED,
            facts=verdict.facts.snapshot(),
            within_scope=False,
            effect=verdict.effect or "",
            grant_versions=tuple(verdict.grant_versions),
            explanation=verdict.explanation,
            rationale=str(refusal.extra.get("rationale", "")),
            request=request,
        )
    )
    events.request_event(verdict.actor, events.REQUESTED, request, reused=reused)
    if not reused:
        notification_events.routed(actor=verdict.actor, request=request)
    refusal.decision_request_id = request.pk
    refusal.extra["decision_request"] = request.pk


def _pending_or_new(
    verdict: Verdict, action: str, kwargs: dict[str, Any], refusal: OutOfScope
) -> tuple[DecisionRequest, bool]:
    existing = _pending_for(verdict.decision.name, verdict.subject)
    if existing is not None:
        return existing, True
    try:
        with transaction.atomic():
            return _create(verdict, action, kwargs, refusal), False
    except IntegrityError:
        # Someone opened the same request a moment ago; join it.
        existing = _pending_for(verdict.decision.name, verdict.subject)
        if existing is None:
            raise
        return existing, True


def _pending_for(decision: str, subject: models.Model) -> DecisionRequest | None:
    return (
        DecisionRequest.objects.select_for_update()
        .filter(
            decision=decision,
            subject_type=subject_type_of(subject),
            subject_id=subject.pk,
            status=RequestStatus.PENDING,
        )
        .first()
    )


def _create(
    verdict: Verdict, action: str, kwargs: dict[str, Any], refusal: OutOfScope
) -> DecisionRequest:
    now = timezone.now()
    request = DecisionRequest.objects.create(
        decision=verdict.decision.name,
        subject_type=subject_type_of(verdict.subject),
        subject_id=verdict.subject.pk,
        subject_repr=str(verdict.subject)[:200],
        kind=RequestKind.RECOMMENDATION if verdict.effect is not None else RequestKind.OUT_OF_SCOPE,
        requester=verdict.actor,
        facts=plain_facts(verdict.facts.snapshot()),
        explanation=verdict.explanation,
        rationale=str(refusal.extra.get("rationale", ""))[:4000],
        action=action,
        arguments=encode_arguments(kwargs),
        created_at=now,
        expires_at=now + timedelta(hours=settings.LATITUDE_DECISION_REQUEST_HOURS),
    )
    chosen = routing.available(verdict.candidates, {verdict.actor.pk}, routing.fan_out())
    routing.add_routes(request, chosen, 1)
    return request


def visible_requests_filter(actor: Any) -> Q:
    """Requesters see their own requests, holders those routed to them, administrators all."""
    if not getattr(actor, "is_active", False) or getattr(actor, "pk", None) is None:
        return Q(pk__in=[])
    if actor.is_admin:
        return Q()
    return Q(requester=actor) | Q(routes__person=actor)


def _lock(actor: Any, request_id: int, expected_version: int | None) -> DecisionRequest:
    visible = DecisionRequest.objects.filter(visible_requests_filter(actor)).filter(pk=request_id)
    if not visible.exists():
        raise NotFound(_("No such decision request."))
    request = (
        DecisionRequest.objects.select_for_update().select_related("requester").get(pk=request_id)
    )
    if not request.is_pending:
        raise Conflict(
            _("This request was already %(status)s.") % {"status": request.get_status_display()},
            field="decision_request",
        )
    if expected_version is not None and request.version != expected_version:
        raise StaleVersion(
            _("This request changed meanwhile; reload it."), field="decision_request"
        )
    return request


def subject_of(request: DecisionRequest) -> models.Model:
    model = apps.get_model(request.subject_type)
    subject = model._default_manager.filter(pk=request.subject_id).first()
    if subject is None:
        raise NotFound(_("What this request is about no longer exists."))
    return subject


def _may_answer(actor: Any, request: DecisionRequest) -> bool:
    return actor.is_admin or request.routes.filter(person=actor).exists()


def _close(request: DecisionRequest, status: str, actor: Any, note: str) -> None:
    request.status = status
    request.decided_at = timezone.now()
    request.decided_by = actor if getattr(actor, "pk", None) else None
    request.decision_note = note[:4000]
    request.version += 1
    request.save(update_fields=["status", "decided_at", "decided_by", "decision_note", "version"])
    request.routes.filter(active=True).update(active=False, ended_because=status)


@transaction.atomic
def approve_request(
    *, actor: Any, request_id: int, note: str = "", expected_version: int | None = None
) -> DecisionRecord:
    """Carry out the requested action on the requester's behalf, if the approver's own scope
    covers it as the subject is now; the request stays open when the action is refused."""
    request = _lock(actor, request_id, expected_version)
    if request.requester_id == actor.pk:
        raise NotPermitted(_("You cannot approve your own request."), field="decision_request")
    approval = Approval(request, actor)
    with (
        carrying_out(approval),
        audit.performed_by(actor, on_behalf_of=request.requester),
        decisions.replaying(),
        translation.override(actor.language or translation.get_language()),
    ):
        action = decisions.guarded_action(request.action)
        action(actor=request.requester, **decode_arguments(request.arguments))
    record = approval.record or _approved_without_change(actor, request, note)
    _close(request, RequestStatus.APPROVED, actor, note.strip())
    events.request_event(actor, events.APPROVED, request)
    notification_events.answered(actor=actor, request=request)
    return record


def _approved_without_change(actor: Any, request: DecisionRequest, note: str) -> DecisionRecord:
    """The action found nothing left to decide (the subject is already as requested)."""
    subject = subject_of(request)
    verdict = evaluate(actor, request.decision, subject, request.facts)
    if not verdict.allowed:
        raise NotPermitted(
            _("You cannot approve this: %(why)s") % {"why": verdict.explanation},
            field="decision_request",
        )
    return write_record(
        RecordInput(
            decision=request.decision,
            subject=subject,
            actor=actor,
            outcome=DecisionOutcome.APPROVED,
            facts=request.facts,
            within_scope=True,
            effect=verdict.effect or "",
            grant_versions=tuple(verdict.grant_versions),
            explanation=verdict.explanation + " " + _("Nothing was left to change."),
            rationale=note,
            on_behalf_of=request.requester,
            request=request,
        )
    )


@transaction.atomic
def decline_request(
    *, actor: Any, request_id: int, reason: str, expected_version: int | None = None
) -> DecisionRecord:
    """Say no, with a reason the requester reads; the subject stays as it is."""
    request = _lock(actor, request_id, expected_version)
    if not _may_answer(actor, request):
        raise NotPermitted(_("Only the people this request was sent to may decline it."))
    if not reason.strip():
        raise InvalidInput(_("Say why you decline."), field="reason")
    record = _closing_record(actor, request, DecisionOutcome.DECLINED, reason.strip())
    _close(request, RequestStatus.DECLINED, actor, reason.strip())
    events.request_event(actor, events.DECLINED, request)
    notification_events.answered(actor=actor, request=request)
    return record


@transaction.atomic
def withdraw_request(*, actor: Any, request_id: int, reason: str = "") -> DecisionRecord:
    request = _lock(actor, request_id, None)
    if request.requester_id != actor.pk:
        raise NotPermitted(_("Only the requester may withdraw a request."))
    record = _closing_record(actor, request, DecisionOutcome.WITHDRAWN, reason.strip())
    _close(request, RequestStatus.WITHDRAWN, actor, reason.strip())
    events.request_event(actor, events.WITHDRAWN, request)
    return record


def _closing_record(
    actor: Any, request: DecisionRequest, outcome: str, note: str
) -> DecisionRecord:
    return write_record(
        RecordInput(
            decision=request.decision,
            subject=subject_of(request),
            actor=actor,
            outcome=outcome,
            facts=request.facts,
            within_scope=False,
            explanation=request.explanation,
            rationale=note,
            on_behalf_of=request.requester if actor.pk != request.requester_id else None,
            request=request,
        )
    )


@transaction.atomic
def expire_request(*, request_id: int) -> bool:
    """Expire one overdue request (idempotent: False when it was already closed)."""
    request = (
        DecisionRequest.objects.select_for_update()
        .filter(pk=request_id, status=RequestStatus.PENDING, expires_at__lte=timezone.now())
        .first()
    )
    if request is None:
        return False
    _closing_record(EXPIRER, request, DecisionOutcome.EXPIRED, "")
    _close(request, RequestStatus.EXPIRED, EXPIRER, "")
    events.request_event(EXPIRER, events.EXPIRED, request)
    notification_events.expired(request=request)
    return True


@transaction.atomic
def reroute_request(*, request_id: int) -> int:
    """Move the request on from holders who are away; returns how many routes ended."""
    request = (
        DecisionRequest.objects.select_for_update()
        .filter(pk=request_id, status=RequestStatus.PENDING)
        .select_related("requester")
        .first()
    )
    if request is None:
        return 0
    last_rank = max(request.routes.values_list("rank", flat=True), default=0)
    gone = routing.reroute_away(request, subject_of(request))
    if gone:
        events.request_event(EXPIRER, events.REROUTED, request, away=[r.person_id for r in gone])
        notification_events.routed(actor=EXPIRER, request=request, after_rank=last_rank)
    return len(gone)
