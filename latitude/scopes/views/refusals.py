"""What a page says after an out-of-scope attempt: nothing changed, and who decides now."""

from typing import Any

from latitude.core.errors import OutOfScope
from latitude.scopes.inbox import routed_people


def refusal_notice(panel: str, refusal: OutOfScope) -> dict[str, Any]:
    """For `scopes/_refusal.html`: the reason, the decision request and whom it went to."""
    request_id = refusal.decision_request_id
    return {
        "panel": panel,
        "message": refusal.message,
        "request_id": request_id,
        "routes": routed_people(request_id) if request_id else [],
    }
