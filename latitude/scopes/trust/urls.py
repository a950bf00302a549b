"""Team and person pages and the scope review, mounted under /desk/."""

from django.urls import path

from latitude.scopes.trust import review_views, views

app_name = "trust"

urlpatterns = [
    path("teams/<int:team_id>/", views.team_page, name="team"),
    path("people/<int:person_id>/", views.person_page, name="person"),
    path("latitude/review/", review_views.review, name="review"),
    path("latitude/review/<int:suggestion_id>/accept", review_views.accept, name="accept"),
    path("latitude/review/<int:suggestion_id>/dismiss", review_views.dismiss, name="dismiss"),
]
