from django.urls import path, re_path

from latitude.portal import views

app_name = "portal"

TICKET = r"^tickets/(?P<number>[A-Za-z]{2,8}-[0-9]{1,12})/"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/incident", views.new_incident, name="new-incident"),
    path("new/request", views.new_request, name="new-request"),
    path("language", views.change_language, name="language"),
    re_path(TICKET + "$", views.ticket_detail, name="ticket"),
    re_path(TICKET + "reply$", views.reply, name="reply"),
    re_path(TICKET + "accept$", views.accept, name="accept"),
    re_path(TICKET + "reopen$", views.reopen, name="reopen"),
]
