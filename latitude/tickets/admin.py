"""Admin for ticket configuration; tickets themselves are read-only here.

Every change to a ticket goes through an action in `latitude.tickets.actions`, so that it is
authorised and appears on the ticket's timeline; the admin therefore only shows them.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from latitude.core.admin import AuditedAdmin, ReadOnlyAdmin
from latitude.tickets.models import Comment, PriorityRule, Ticket


@admin.register(PriorityRule)
class PriorityRuleAdmin(AuditedAdmin):
    list_display = ("impact", "urgency", "priority")
    list_editable = ("priority",)
    list_filter = ("priority",)
    ordering = ("impact", "urgency")


class CommentInline(admin.TabularInline):
    model = Comment
    extra = 0
    fields = ("created_at", "author", "is_internal", "body")
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Ticket)
class TicketAdmin(ReadOnlyAdmin):
    list_display = (
        "number",
        "subject",
        "kind",
        "status",
        "priority",
        "team",
        "owner",
        "updated_at",
    )
    list_filter = ("status", "kind", "priority", "team")
    list_select_related = ("team", "owner")
    search_fields = ("number", "subject")
    ordering = ("-updated_at", "-id")
    show_full_result_count = False
    fields = (
        "number",
        "kind",
        "subject",
        "description",
        "requester",
        "service",
        "category",
        "impact",
        "urgency",
        "priority",
        "status",
        "owner",
        "team",
        "parent",
        "merged_into",
        "resolution",
        "close_reason",
        "created_at",
        "updated_at",
        "first_response_at",
        "resolved_at",
        "closed_at",
        "reopen_count",
        "version",
    )
    inlines = (CommentInline,)
