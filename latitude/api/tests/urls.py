"""The API alone, mounted where latitude/urls.py mounts it, so API tests do not depend on
the pages of other apps."""

from django.urls import path

from latitude.api.routes import api

urlpatterns = [path("api/v1/", api.urls)]
