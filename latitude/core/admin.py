"""Admin building blocks: configuration changes are audited; history and tickets are read-only.

The admin is for configuration data only. Tickets change through actions (so the timeline stays
true), and audit entries never change at all.
"""

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from latitude.core import audit
from latitude.core.models import AuditEntry

admin.site.site_header = _("Latitude administration")
admin.site.site_title = _("Latitude administration")
admin.site.index_title = _("Configuration")

SECRET_FIELDS = frozenset({"password", "password1", "password2", "digest"})


def plain_value(value: Any) -> Any:
    """A JSON-safe form of a form value: primary keys for objects, lists for querysets."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted(plain_value(item) for item in value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def form_changes(form: ModelForm) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields the admin form changed, secrets left out."""
    changes: dict[str, list[Any]] = {}
    for name in form.changed_data:
        if name in SECRET_FIELDS:
            continue
        old = plain_value(form.initial.get(name))
        new = plain_value(form.cleaned_data.get(name))
        changes[name] = [old, new]
    return changes


class AuditedAdmin(admin.ModelAdmin):
    """Every save and delete made in the admin leaves an audit entry naming the administrator."""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        changes = form_changes(form)
        if change and not changes:
            return  # saved unchanged, or only inline rows changed (recorded in save_formset)
        verb = "admin.changed" if change else "admin.created"
        audit.record(actor=request.user, verb=verb, subject=obj, changes=changes)

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        super().save_formset(request, form, formset, change)
        label = formset.model._meta.model_name if formset.model else "rows"
        added = [plain_value(obj) for obj in formset.new_objects]
        removed = [plain_value(obj) for obj in formset.deleted_objects]
        if added or removed:
            audit.record(
                actor=request.user,
                verb="admin.changed",
                subject=form.instance,
                context={label: {"added": added, "removed": removed}},
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit.record(actor=request.user, verb="admin.deleted", subject=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        for obj in queryset:
            audit.record(actor=request.user, verb="admin.deleted", subject=obj)
        super().delete_queryset(request, queryset)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Administrators may look, never add, change or delete."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = (
        "occurred_at",
        "actor_repr",
        "verb",
        "subject_type",
        "subject_id",
        "subject_repr",
    )
    list_filter = ("verb", "subject_type")
    search_fields = ("subject_repr", "actor_repr", "request_id")
    date_hierarchy = "occurred_at"
    ordering = ("-occurred_at", "-id")
    list_per_page = 50
    show_full_result_count = False
    fields = (
        "occurred_at",
        "actor",
        "actor_repr",
        "on_behalf_of",
        "verb",
        "subject_type",
        "subject_id",
        "subject_repr",
        "changes",
        "context",
        "request_id",
    )
