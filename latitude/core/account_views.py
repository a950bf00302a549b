"""Personal settings: language, time zone and API tokens."""

import zoneinfo
from datetime import timedelta
from functools import cache
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from latitude.core.errors import DomainError, NotFound
from latitude.people import actions
from latitude.people.choices import Language
from latitude.people.models import User
from latitude.people.selectors import tokens_of


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        required=False,
        choices=[("", gettext_lazy("as the browser asks")), *Language.choices],
    )
    time_zone = forms.ChoiceField(
        label=gettext_lazy("Time zone"),
        required=False,
        choices=lambda: [("", gettext_lazy("the service desk's time zone")), *time_zone_choices()],
    )


EXPIRY_CHOICES = [
    ("", gettext_lazy("never")),
    ("30", gettext_lazy("in 30 days")),
    ("90", gettext_lazy("in 90 days")),
    ("365", gettext_lazy("in a year")),
]


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100, strip=True)
    expires_in_days = forms.TypedChoiceField(
        label=gettext_lazy("Expires"),
        choices=EXPIRY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )


def _person(request: HttpRequest) -> User:
    """The signed-in person (every view here requires sign-in)."""
    return cast(User, request.user)


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = _person(request)
    if request.method != "POST":
        form = PreferencesForm(initial={"language": user.language, "time_zone": user.time_zone})
        return render(request, "core/preferences.html", {"form": form})
    form = PreferencesForm(request.POST)
    if form.is_valid() and _save_preferences(request, form):
        messages.success(request, _("Your preferences are saved."))
        return redirect("preferences")
    return render(request, "core/preferences.html", {"form": form}, status=422)


def _save_preferences(request: HttpRequest, form: PreferencesForm) -> bool:
    try:
        actions.update_preferences(actor=_person(request), **form.cleaned_data)
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return False
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return False
    return True


@require_http_methods(["GET", "POST"])
@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"form": TokenForm(), "issued": None}
    status = 200
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            context["issued"] = _issue(request, form)
        else:
            context["form"], status = form, 422
    context["tokens"] = list(tokens_of(_person(request)))
    return render(request, "core/tokens.html", context, status=status)


def _issue(request: HttpRequest, form: TokenForm) -> actions.IssuedToken:
    days = form.cleaned_data["expires_in_days"]
    expires_at = timezone.now() + timedelta(days=days) if days else None
    return actions.create_api_token(
        actor=request.user,
        user=_person(request),
        name=form.cleaned_data["name"],
        expires_at=expires_at,
    )


@require_POST
@login_required
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        token = actions.revoke_api_token(actor=_person(request), token_id=token_id)
    except NotFound as exc:
        raise Http404 from exc
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("tokens")
