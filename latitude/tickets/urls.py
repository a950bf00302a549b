from django.urls import path

from latitude.tickets import views

app_name = "tickets"

ticket = "tickets/<str:reference>/"

urlpatterns = [
    path("", views.queue, name="queue"),
    path(ticket, views.detail, name="detail"),
    path(ticket + "reply", views.add_reply, name="reply"),
    path(ticket + "note", views.add_note, name="note"),
    path(ticket + "status", views.change_status, name="status"),
    path(ticket + "priority", views.change_priority, name="priority"),
    path(ticket + "owner", views.assign_owner, name="assign"),
    path(ticket + "take", views.take, name="take"),
    path(ticket + "team", views.transfer_team, name="transfer"),
    path(ticket + "parent", views.set_parent, name="parent"),
    path(ticket + "related", views.link_related, name="link"),
    path(ticket + "related/<int:other_id>/remove", views.unlink_related, name="unlink"),
    path(ticket + "merge", views.merge, name="merge"),
    path(ticket + "unmerge", views.unmerge, name="unmerge"),
    path(ticket + "approval", views.decide_approval, name="approval"),
    path(ticket + "cost", views.set_cost, name="cost"),
    path(ticket + "goodwill", views.grant_goodwill, name="goodwill"),
    path(ticket + "goodwill/revoke", views.revoke_goodwill, name="revoke_goodwill"),
    path(ticket + "watchers", views.add_watcher, name="watch"),
    path(ticket + "watchers/<int:user_id>/remove", views.remove_watcher, name="unwatch"),
    path("attachments/<int:attachment_id>/", views.attachment, name="attachment"),
]
