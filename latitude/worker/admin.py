"""Background work in the admin: parked tasks with their error (and a retry), periodic jobs,
workers and their heartbeats."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from latitude.core.errors import DomainError
from latitude.worker.actions import retry_parked_task
from latitude.worker.models import ParkedTask, PeriodicJob, WorkerProcess


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class WaitingFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("waiting", str(_("waiting for a retry"))), ("retried", str(_("retried")))]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[ParkedTask]
    ) -> QuerySet[ParkedTask]:
        if self.value() == "waiting":
            return queryset.filter(retried_at__isnull=True)
        if self.value() == "retried":
            return queryset.filter(retried_at__isnull=False)
        return queryset


@admin.register(ParkedTask)
class ParkedTaskAdmin(ReadOnlyAdmin):
    list_display = ["parked_at", "task_path", "error_line", "attempts", "retried_at"]
    list_filter = [WaitingFilter, "task_path"]
    readonly_fields = [field.name for field in ParkedTask._meta.fields]
    actions = ["retry"]

    @admin.action(description=_("Retry the selected tasks"))
    def retry(self, request: HttpRequest, queryset: QuerySet[ParkedTask]) -> None:
        retried = 0
        for parked in queryset.filter(retried_at__isnull=True):
            try:
                retry_parked_task(actor=request.user, parked_id=parked.pk)
            except (DomainError, ImportError) as exc:
                self.message_user(request, f"{parked}: {exc}", messages.ERROR)
            else:
                retried += 1
        self.message_user(request, _("%(count)d tasks queued again.") % {"count": retried})


@admin.register(PeriodicJob)
class PeriodicJobAdmin(ReadOnlyAdmin):
    list_display = ["name", "next_run_at", "last_enqueued_at", "leased_by", "runs"]
    readonly_fields = [field.name for field in PeriodicJob._meta.fields]


@admin.register(WorkerProcess)
class WorkerProcessAdmin(ReadOnlyAdmin):
    list_display = ["worker_id", "hostname", "pid", "started_at", "last_seen_at", "stopped_at"]
    readonly_fields = [field.name for field in WorkerProcess._meta.fields]
