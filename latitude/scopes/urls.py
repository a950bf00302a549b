"""The scope pages, mounted under /desk/latitude/."""

from django.urls import path

from latitude.scopes.views import grants, history, mine, preview, requests

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
    path("grants/", grants.grant_list, name="grants"),
    path("grants/new", grants.grant_new, name="grant_new"),
    path("grants/limits", grants.condition_builder, name="builder"),
    path("grants/<int:grant_id>/", history.grant_detail, name="grant"),
    path("grants/<int:grant_id>/edit", grants.grant_edit, name="grant_edit"),
    path("grants/<int:grant_id>/revoke", history.grant_revoke, name="grant_revoke"),
    path("preview", preview.who_could_decide, name="preview"),
]
