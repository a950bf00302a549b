"""The scope pages, mounted under /desk/latitude/."""

from django.urls import path

from latitude.scopes.views import requests

app_name = "scopes"

urlpatterns = [
    path("requests/", requests.request_list, name="requests"),
    path("requests/<int:request_id>/", requests.request_detail, name="request"),
    path("requests/<int:request_id>/approve", requests.approve, name="approve"),
    path("requests/<int:request_id>/decline", requests.decline, name="decline"),
    path("requests/<int:request_id>/withdraw", requests.withdraw, name="withdraw"),
]
