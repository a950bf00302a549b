"""Outgoing e-mail in the admin: see what waits, what was parked and why, and retry it."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from latitude.notifications import outbox
from latitude.notifications.choices import OutboxStatus
from latitude.notifications.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "to_address",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
    ]
    list_filter = ["status"]
    search_fields = ["to_address", "subject", "key"]
    ordering = ["-created_at"]
    actions = ["retry_now"]
    readonly_fields = [field.name for field in OutboxMessage._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.action(description=_("Send again as soon as possible"))
    def retry_now(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        count = outbox.requeue(queryset.exclude(status=OutboxStatus.SENT))
        self.message_user(
            request, _("%(count)d e-mails queued again.") % {"count": count}, messages.SUCCESS
        )
