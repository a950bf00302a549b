from django.urls import path

from latitude.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("bell", views.bell, name="bell"),
    path("read-all", views.mark_all_read, name="read-all"),
    path("preferences", views.preferences, name="preferences"),
    path("<int:notification_id>/open", views.open_notification, name="open"),
    path("<int:notification_id>/read", views.mark_read, name="read"),
]
