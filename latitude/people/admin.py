"""Admin for people, organisation units, teams and API tokens."""

import zoneinfo

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from latitude.core.admin import AuditedAdmin, ReadOnlyAdmin
from latitude.core.errors import DomainError
from latitude.people.actions import revoke_api_token
from latitude.people.models import ApiToken, OrgUnit, Team, TeamMembership, User


def time_zone_choices() -> list[tuple[str, str | Promise]]:
    zones = sorted(zoneinfo.available_timezones())
    return [("", _("Organisation default")), *((zone, zone) for zone in zones)]


class PersonFormMixin(forms.ModelForm):
    """E-mail addresses are stored in lower case (they are the login); time zones are picked."""

    time_zone = forms.ChoiceField(label=_("time zone"), choices=time_zone_choices, required=False)

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        taken = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Someone already signs in with this e-mail address."))
        return email


class PersonCreationForm(PersonFormMixin, AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "unit", "language", "time_zone")


class PersonChangeForm(PersonFormMixin, UserChangeForm):
    class Meta:
        model = User
        fields = (
            "email",
            "password",
            "full_name",
            "unit",
            "language",
            "time_zone",
            "is_active",
            "is_requester",
            "is_agent",
            "is_admin",
        )


@admin.register(User)
class PersonAdmin(AuditedAdmin, DjangoUserAdmin):
    form = PersonChangeForm
    add_form = PersonCreationForm
    list_display = (
        "full_name",
        "email",
        "unit",
        "is_requester",
        "is_agent",
        "is_admin",
        "is_active",
    )
    list_filter = ("is_active", "is_agent", "is_admin", "is_requester", "unit", "language")
    list_select_related = ("unit",)
    search_fields = ("full_name", "email")
    ordering = ("full_name", "id")
    filter_horizontal = ()
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "unit", "language", "time_zone")}),
        (_("Roles"), {"fields": ("is_active", "is_requester", "is_agent", "is_admin")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "full_name",
                    "unit",
                    "language",
                    "time_zone",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )


@admin.register(OrgUnit)
class OrgUnitAdmin(AuditedAdmin):
    list_display = ("name", "parent", "shares_tickets")
    list_filter = ("shares_tickets",)
    search_fields = ("name",)
    autocomplete_fields = ("parent",)


class TeamMembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 0
    autocomplete_fields = ("user",)
    fields = ("user", "joined_at")
    readonly_fields = ("joined_at",)


@admin.register(Team)
class TeamAdmin(AuditedAdmin):
    list_display = ("name", "lead", "is_triage", "is_active")
    list_filter = ("is_active", "is_triage", "units")
    list_select_related = ("lead",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("lead",)
    filter_horizontal = ("units",)
    fields = ("name", "slug", "description", "lead", "units", "is_triage", "is_active")
    inlines = (TeamMembershipInline,)


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Tokens are issued by their owners (the secret is shown once); administrators may revoke."""

    list_display = (
        "name",
        "user",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    )
    list_filter = ("revoked_at",)
    list_select_related = ("user",)
    search_fields = ("name", "prefix", "user__email", "user__full_name")
    fields = ("user", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at")
    actions = ("revoke",)

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        revoked = 0
        for token in queryset.filter(revoked_at__isnull=True):
            try:
                revoke_api_token(actor=request.user, token_id=token.pk)  # type: ignore[arg-type]
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
                continue
            revoked += 1
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", revoked)
            % {"count": revoked},
            messages.SUCCESS,
        )
