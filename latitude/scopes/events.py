"""Audit entries for decision requests, written on the subject so its timeline shows them."""

from typing import Any

from django.apps import apps

from latitude.core import audit
from latitude.scopes.models import DecisionRequest

REQUESTED = "scopes.decision_requested"
APPROVED = "scopes.decision_approved"
DECLINED = "scopes.decision_declined"
WITHDRAWN = "scopes.decision_withdrawn"
EXPIRED = "scopes.decision_expired"
REROUTED = "scopes.decision_rerouted"


def request_event(actor: Any, verb: str, request: DecisionRequest, **context: Any) -> None:
    subject = apps.get_model(request.subject_type)._default_manager.get(pk=request.subject_id)
    audit.record(
        actor=actor,
        verb=verb,
        subject=subject,
        context={
            "decision": request.decision,
            "decision_request": request.pk,
            "note": request.decision_note,
            **context,
        },
    )
