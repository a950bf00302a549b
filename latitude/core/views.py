"""Health check and the landing redirect."""

import time

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database status for load balancers and monitoring."""
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database: dict[str, object] = {"status": "ok", "vendor": connection.vendor}
    except Exception as exc:  # any driver error means the database is unavailable
        database = {"status": "error", "vendor": connection.vendor, "error": type(exc).__name__}
    database["latency_ms"] = round((time.perf_counter() - started) * 1000, 2)
    healthy = database["status"] == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", "database": database},
        status=200 if healthy else 503,
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if getattr(user, "is_agent", False) or getattr(user, "is_admin", False):
        return redirect("tickets:queue")
    return redirect("portal:home")
