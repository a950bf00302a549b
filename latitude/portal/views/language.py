"""Switching the portal's language, remembered on the person's profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from latitude.people.actions import update_preferences
from latitude.people.models import User
from latitude.portal.forms import LanguageForm


def _safe_next(request: HttpRequest, target: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else reverse("portal:home")


@login_required
@require_POST
def change_language(request: HttpRequest) -> HttpResponse:
    """Save the choice (the middleware prefers it to the cookie); Django then sets the cookie."""
    form = LanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the offered languages."))
        return redirect(_safe_next(request, request.POST.get("next", "")))
    user = request.user
    assert isinstance(user, User)  # login_required
    try:
        update_preferences(
            actor=user, language=form.cleaned_data["language"], time_zone=user.time_zone
        )
    except ValidationError:
        messages.error(request, _("Your preferences could not be saved; please check them."))
        return redirect(_safe_next(request, form.cleaned_data["next"]))
    return set_language(request)
