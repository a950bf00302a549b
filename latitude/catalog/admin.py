"""Admin for the service catalogue."""

from django.contrib import admin

from latitude.catalog.models import Category, Service
from latitude.core.admin import AuditedAdmin


@admin.register(Service)
class ServiceAdmin(AuditedAdmin):
    list_display = (
        "name",
        "owner_team",
        "criticality",
        "requestable",
        "requires_approval",
        "is_active",
    )
    list_filter = ("is_active", "requestable", "requires_approval", "criticality", "owner_team")
    list_select_related = ("owner_team",)
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("owner_team",)
    fields = (
        "name",
        "slug",
        "description",
        "owner_team",
        "criticality",
        "requestable",
        "requires_approval",
        "default_cost_amount",
        "default_cost_currency",
        "is_active",
    )


@admin.register(Category)
class CategoryAdmin(AuditedAdmin):
    list_display = ("name", "parent", "applies_to", "is_active")
    list_filter = ("is_active", "applies_to")
    list_select_related = ("parent",)
    search_fields = ("name", "parent__name")
    autocomplete_fields = ("parent",)
    fields = ("name", "parent", "applies_to", "is_active")
