"""Personal settings: language, time zone and API tokens. (Filled in by the workspace work.)"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    return HttpResponse("preferences")


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    return HttpResponse("tokens")


@login_required
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    return HttpResponse("revoke")
