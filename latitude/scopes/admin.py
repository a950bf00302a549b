"""Read-only views of grants for administrators; changes go through the grant actions."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from latitude.scopes.models import Grant, GrantVersion


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class GrantVersionInline(admin.TabularInline):
    model = GrantVersion
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "version",
        "holder_kind",
        "decisions",
        "condition",
        "effect",
        "revoked",
        "created_at",
    )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Grant)
class GrantAdmin(ReadOnlyAdmin):
    list_display = ["name", "current_version", "delegated_from", "created_at"]
    search_fields = ["name"]
    inlines = [GrantVersionInline]


@admin.register(GrantVersion)
class GrantVersionAdmin(ReadOnlyAdmin):
    list_display = ["grant", "version", "holder_kind", "effect", "revoked", "valid_until"]
    list_filter = ["holder_kind", "effect", "revoked"]
