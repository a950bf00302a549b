"""The scope pages, mounted under /desk/latitude/."""

from django.urls import path

from latitude.scopes.views import mine, requests

app_name = "scopes"

urlpatterns = [
    path("", mine.my_latitude, name="mine"),
    path("delegate", mine.delegate, name="delegate"),
    path("delegations/<int:grant_id>/end", mine.end_delegation, name="end_delegation"),
    path("absences", mine.record_absence, name="absence"),
    path("absences/<int:absence_id>/end", mine.end_absence, name="end_absence"),
    path("requests/", requests.request_list, name="requests"),
    path("requests/<int:request_id>/", requests.request_detail, name="request"),
    path("requests/<int:request_id>/approve", requests.approve, name="approve"),
    path("requests/<int:request_id>/decline", requests.decline, name="decline"),
    path("requests/<int:request_id>/withdraw", requests.withdraw, name="withdraw"),
]
