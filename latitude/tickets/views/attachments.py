"""Serving a ticket's files: only through this check, always as a download, never as a page."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from latitude.core.errors import NotFound
from latitude.tickets.selectors import get_attachment_for

# Types a browser could run as a document from our origin are never sent as such.
ACTIVE_MARKERS = ("html", "xml", "svg", "javascript", "ecmascript")
FALLBACK_TYPE = "application/octet-stream"


def safe_content_type(stored: str) -> str:
    lowered = stored.lower().strip()
    if not lowered or "/" not in lowered or any(marker in lowered for marker in ACTIVE_MARKERS):
        return FALLBACK_TYPE
    return lowered


@require_GET
@login_required
def attachment(request: HttpRequest, attachment_id: int) -> FileResponse:
    """Agents and requesters alike; anyone who may not see the file gets 404."""
    try:
        found = get_attachment_for(request.user, attachment_id)
        handle = found.file.open("rb")
    except (NotFound, FileNotFoundError) as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=found.original_name,
        content_type=safe_content_type(found.content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
