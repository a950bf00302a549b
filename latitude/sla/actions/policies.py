"""Writes to SLA policies and calendar assignments: administrators only, validated, audited.

Every change to a policy raises its version; clocks pick the new version up at the ticket's
next action (or at `latitude sla recompute`), and the terms in force are kept on each ticket's
trail, so earlier history is never rewritten.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from latitude.core import audit
from latitude.core.errors import InvalidInput, NotFound, NotPermitted
from latitude.sla.models import BusinessCalendar, CalendarAssignment, SlaPolicy

POLICY_FIELDS = (
    "name",
    "position",
    "is_active",
    "kind",
    "priorities",
    "service_id",
    "unit_id",
    "response_minutes",
    "resolution_minutes",
    "ola_minutes",
    "warn_percent",
    "pause_statuses",
    "on_reopen",
)
CONDITIONS = ("kind", "priorities", "service_id", "unit_id")


def require_admin(actor: Any, message: str) -> None:
    if not getattr(actor, "is_admin", False):
        raise NotPermitted(message)


def _refuse_unknown(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(POLICY_FIELDS)
    if unknown:
        raise InvalidInput(_("These policy fields cannot be set."), field=min(unknown))


def _snapshot(policy: SlaPolicy) -> dict[str, Any]:
    return {name: getattr(policy, name) for name in POLICY_FIELDS}


def _validated(policy: SlaPolicy) -> None:
    try:
        policy.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        field = {"service": "service_id", "unit": "unit_id"}.get(field, field)
        raise InvalidInput(messages[0], field=None if field == "__all__" else field) from None
    _refuse_shadowed(policy)


def _is_catch_all(policy: SlaPolicy) -> bool:
    return not any(getattr(policy, name) for name in CONDITIONS)


def _refuse_shadowed(policy: SlaPolicy) -> None:
    """A policy after an active one without conditions would never match anything."""
    if not policy.is_active:
        return
    earlier = SlaPolicy.objects.filter(is_active=True, position__lt=policy.position)
    blocker = next((p for p in earlier.exclude(pk=policy.pk) if _is_catch_all(p)), None)
    if blocker is not None:
        raise InvalidInput(
            _("%(name)s comes first and matches every ticket, so this policy would never apply.")
            % {"name": blocker.name},
            field="position",
        )


@transaction.atomic
def create_policy(*, actor: Any, **fields: Any) -> SlaPolicy:
    require_admin(actor, _("Only administrators change SLA policies."))
    _refuse_unknown(fields)
    policy = SlaPolicy(**fields)
    _validated(policy)
    policy.save()
    audit.record(actor=actor, verb="sla.policy_created", subject=policy, changes=_plain(policy))
    return policy


@transaction.atomic
def update_policy(*, actor: Any, policy_id: int, **fields: Any) -> SlaPolicy:
    require_admin(actor, _("Only administrators change SLA policies."))
    _refuse_unknown(fields)
    policy = SlaPolicy.objects.select_for_update().filter(pk=policy_id).first()
    if policy is None:
        raise NotFound(_("No such SLA policy."))
    before = _snapshot(policy)
    for name, value in fields.items():
        setattr(policy, name, value)
    _validated(policy)
    changes = audit.diff(before, _snapshot(policy))
    if not changes:
        return policy
    policy.version += 1
    policy.save()
    changes["version"] = [policy.version - 1, policy.version]
    audit.record(actor=actor, verb="sla.policy_changed", subject=policy, changes=changes)
    return policy


def _plain(policy: SlaPolicy) -> dict[str, Any]:
    return {name: [None, value] for name, value in _snapshot(policy).items()}


@transaction.atomic
def assign_calendar(
    *,
    actor: Any,
    calendar_id: int,
    service_id: int | None = None,
    team_id: int | None = None,
    unit_id: int | None = None,
) -> CalendarAssignment:
    """Make `calendar_id` the calendar of one service, team or requester unit (replacing any)."""
    require_admin(actor, _("Only administrators assign business calendars."))
    targets = {"service_id": service_id, "team_id": team_id, "unit_id": unit_id}
    chosen = {name: value for name, value in targets.items() if value is not None}
    if len(chosen) != 1:
        raise InvalidInput(_("Name exactly one service, team or unit."), field="service_id")
    ((field, target),) = chosen.items()
    calendar = _active_calendar(calendar_id)
    _check_target(field, target)
    row = CalendarAssignment.objects.select_for_update().filter(**{field: target}).first()
    previous = row.calendar_id if row else None
    row = row or CalendarAssignment(**{field: target})
    row.calendar = calendar
    row.save()
    audit.record(
        actor=actor,
        verb="sla.calendar_assigned",
        subject=calendar,
        changes={"calendar": [previous, calendar.pk]},
        context={field: target},
    )
    return row


@transaction.atomic
def unassign_calendar(*, actor: Any, assignment_id: int) -> None:
    require_admin(actor, _("Only administrators assign business calendars."))
    row = CalendarAssignment.objects.select_for_update().filter(pk=assignment_id).first()
    if row is None:
        raise NotFound(_("No such calendar assignment."))
    context = {f"{row.target_kind}_id": row.service_id or row.team_id or row.unit_id}
    calendar = row.calendar
    row.delete()
    audit.record(
        actor=actor,
        verb="sla.calendar_unassigned",
        subject=calendar,
        changes={"calendar": [calendar.pk, None]},
        context=context,
    )


@transaction.atomic
def set_default_calendar(*, actor: Any, calendar_id: int | None) -> BusinessCalendar | None:
    """The calendar of tickets whose service, team and unit have none (None: around the clock)."""
    require_admin(actor, _("Only administrators choose the default calendar."))
    calendar = _active_calendar(calendar_id) if calendar_id is not None else None
    previous = BusinessCalendar.objects.filter(is_default=True).first()
    if previous is not None and previous != calendar:
        BusinessCalendar.objects.filter(pk=previous.pk).update(is_default=False)
    if calendar is not None:
        BusinessCalendar.objects.filter(pk=calendar.pk).update(is_default=True)
        calendar.is_default = True
    subject = calendar or previous
    if subject is not None and previous != calendar:
        audit.record(
            actor=actor,
            verb="sla.default_calendar_set",
            subject=subject,
            changes={"default": [previous.pk if previous else None, calendar_id]},
        )
    return calendar


def _active_calendar(calendar_id: int) -> BusinessCalendar:
    calendar = BusinessCalendar.objects.filter(pk=calendar_id, is_active=True).first()
    if calendar is None:
        raise InvalidInput(_("No such active business calendar."), field="calendar_id")
    return calendar


def _check_target(field: str, target: int) -> None:
    from latitude.catalog.models import Service
    from latitude.people.models import OrgUnit, Team

    model = {"service_id": Service, "team_id": Team, "unit_id": OrgUnit}[field]
    if not model.objects.filter(pk=target).exists():  # type: ignore[attr-defined]
        raise InvalidInput(_("Nothing with this id exists."), field=field)
