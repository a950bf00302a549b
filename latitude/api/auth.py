"""Who is calling: a personal API token (Bearer lat_...) or the browser session with CSRF.

Both are checked on every request, so a revoked token or a deactivated person is refused on
the very next call. A request that carries an Authorization header is judged by that header
alone; it never falls back to a session cookie.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from ninja.security import APIKeyCookie, HttpBearer

from latitude.people.actions import user_for_token
from latitude.people.models import User


def _adopt(request: HttpRequest, user: User) -> User:
    """Make the token's owner the request's user, with their language."""
    request.user = user
    if user.language:
        translation.activate(user.language)
        request.LANGUAGE_CODE = translation.get_language()
    return user


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer lat_...` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token.strip())
        return _adopt(request, user) if user is not None else None


class SessionCookieAuth(APIKeyCookie):
    """The signed-in browser session; unsafe methods need the CSRF token (X-CSRFToken)."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        if "Authorization" in request.headers:
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        return user


def api_auth() -> list[Any]:
    return [ApiTokenAuth(), SessionCookieAuth(csrf=True)]


def actor_of(request: HttpRequest) -> User:
    """The authenticated person; operations only run after auth has succeeded."""
    actor: User = request.auth  # type: ignore[attr-defined]
    return actor
