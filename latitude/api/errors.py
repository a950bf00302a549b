"""Every API error as RFC 9457 problem details: {type, title, status, code, detail, errors}."""

import json
import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
)
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from latitude.core.errors import DomainError, OutOfScope, StaleVersion

logger = logging.getLogger(__name__)

PROBLEM_TYPE = "https://latitude.invalid/problems/"
PROBLEM_CONTENT_TYPE = "application/problem+json"


class PreconditionFailedError(DomainError):
    """An If-Match header that does not name the ticket's current version."""

    code = "precondition_failed"
    status = 412


class UnknownReferenceError(DomainError):
    """An id in a request body names nothing the caller may see; nothing was changed."""

    code = "unknown_reference"
    status = 422


def problem(
    status: int,
    code: str,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    body = {
        "type": PROBLEM_TYPE + code,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "code": code,
        "detail": detail,
        "errors": errors or [],
        **(extra or {}),
    }
    response = HttpResponse(json.dumps(body), status=status, content_type=PROBLEM_CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    if isinstance(exc, StaleVersion):
        return problem(412, PreconditionFailedError.code, exc.message)
    if isinstance(exc, OutOfScope):
        return problem(exc.status, exc.code, exc.message, extra=_refusal(request, exc))
    # `path` is the exact spot inside a structured field ("condition.all.0.value").
    field = exc.extra.get("path") or exc.field
    errors = [{"field": str(field), "message": exc.message}] if field else []
    return problem(exc.status, exc.code, exc.message, errors)


def _refusal(request: HttpRequest, exc: OutOfScope) -> dict[str, Any]:
    """What an out-of-scope refusal adds: the decision request it opened and who could decide.

    Only people who may see other people (agents, administrators) are told who they are."""
    caller = getattr(request, "auth", None)
    sees_people = bool(getattr(caller, "is_agent", False) or getattr(caller, "is_admin", False))
    candidates = getattr(exc.verdict, "candidates", []) if sees_people else []
    return {
        "decision_request": exc.decision_request_id,
        "decision_request_url": _request_url(exc.decision_request_id),
        "candidates": [
            {"id": c.person.pk, "name": c.person.full_name, "reason": str(c.reason)}
            for c in candidates
        ],
    }


def _request_url(request_id: int | None) -> str | None:
    if request_id is None:
        return None
    try:
        return reverse("api:decision_request", kwargs={"request_id": request_id})
    except NoReverseMatch:
        return None


def field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    """`("body", "payload", "subject")` -> "subject"; `("query", "size")` -> "size".

    Ninja puts the parameter source first and, for body schemas, the argument name second;
    neither is a field the client ever sent.
    """
    parts = [str(part) for part in loc[1:]]
    if loc and loc[0] in ("body", "form", "file") and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts) or str(loc[0] if loc else "")


def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"field": field_name(error.get("loc", ())), "message": str(error.get("msg", ""))}
        for error in exc.errors
    ]
    return problem(422, "validation_error", _("The request is not valid."), errors)


def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem(404, "not_found", _("Not found."))


def _not_authenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem(
        401,
        "not_authenticated",
        _("Sign in or send a valid API token."),
        headers={"WWW-Authenticate": 'Bearer realm="latitude"'},
    )


def _body_problem(exc: HttpError) -> HttpResponse | None:
    cause = exc.__cause__
    if isinstance(cause, RequestDataTooBig | TooManyFieldsSent):
        return problem(413, "too_large", _("The request body is too large."))
    if isinstance(cause, ValueError | UnicodeDecodeError):
        return problem(400, "malformed_request", _("The request body is not valid JSON."))
    return None


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    specific = _body_problem(exc)
    if specific is not None:
        return specific
    if exc.status_code == 403 and "CSRF" in exc.message:
        return problem(403, "csrf_failed", _("CSRF check failed; send the X-CSRFToken header."))
    codes = {
        400: "malformed_request",
        401: "not_authenticated",
        403: "not_permitted",
        405: "method_not_allowed",
        413: "too_large",
        429: "throttled",
    }
    code = codes.get(exc.status_code, "http_error")
    return problem(exc.status_code, code, str(exc.message))


def _suspicious(request: HttpRequest, exc: Exception) -> HttpResponse:
    if isinstance(exc, RequestDataTooBig | TooManyFieldsSent):
        return problem(413, "too_large", _("The request body is too large."))
    return problem(400, "malformed_request", _("The request could not be understood."))


def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Unhandled error in API request %s %s", request.method, request.path)
    return problem(500, "server_error", _("Something went wrong on our side."))


Handler = Callable[[HttpRequest, Any], HttpResponse]

HANDLERS: list[tuple[type[Exception], Handler]] = [
    (DomainError, _domain_error),
    (ValidationError, _validation_error),
    (Http404, _not_found),
    (AuthenticationError, _not_authenticated),
    (HttpError, _http_error),
    (SuspiciousOperation, _suspicious),
    (Exception, _unexpected),
]


def install_problem_handlers(api: NinjaAPI) -> None:
    """Replace Ninja's default error bodies with problem details."""
    for exception_class, handler in HANDLERS:
        api.add_exception_handler(exception_class, handler)
