"""Who may change which grants is itself a guarded decision: `scope.edit`."""

from django.utils.translation import gettext_lazy as _

from latitude.scopes.choices import Effect, HolderKind
from latitude.scopes.registry import Decision, FactSpec, FactType, register

SUBJECT = "scopes.Grant"

SCOPE_EDIT = register(
    Decision(
        "scope.edit",
        SUBJECT,
        _("Create, edit or revoke a scope grant"),
        _("change"),
        {
            "holder_kind": FactSpec(
                FactType.ENUM, _("kind of holder"), choices=tuple(HolderKind.choices)
            ),
            "holder_team": FactSpec(FactType.REFERENCE, _("holding team"), model="people.Team"),
            "holder_led_by_actor": FactSpec(FactType.BOOLEAN, _("held within a team you lead")),
            "effect": FactSpec(FactType.ENUM, _("effect"), choices=tuple(Effect.choices)),
            "revoking": FactSpec(FactType.BOOLEAN, _("revokes the grant")),
        },
        general=_("change scope grants"),
    )
)
