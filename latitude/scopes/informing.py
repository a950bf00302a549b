"""'Decide and inform': the people a grant names hear of each decision taken under it."""

from typing import Any

from latitude.core import audit
from latitude.people.models import User
from latitude.scopes.choices import Effect
from latitude.scopes.models import DecisionRecord
from latitude.scopes.models.grants import GrantVersion

INFORMED = "scopes.decision_informed"


def people_to_inform(version: GrantVersion) -> list[User]:
    if version.inform_person_id is not None:
        return list(User.objects.filter(pk=version.inform_person_id, is_active=True))
    if version.inform_team_id is not None:
        return list(
            User.objects.filter(memberships__team_id=version.inform_team_id, is_active=True)
        )
    return []


def inform_if_asked(verdict: Any, record: DecisionRecord) -> None:
    """When the deciding grant says 'decide and inform', tell the people it names."""
    if verdict.effect != Effect.DECIDE_AND_INFORM or not verdict.grant_versions:
        return
    recipients = [
        person
        for person in people_to_inform(verdict.grant_versions[0])
        if person.pk != getattr(record.actor, "pk", None)
    ]
    if not recipients:
        return
    from latitude.scopes import notification_events

    audit.record(
        actor=record.actor,
        verb=INFORMED,
        subject=verdict.subject,
        context={
            "decision": record.decision,
            "record": record.pk,
            "informed": [person.pk for person in recipients],
        },
    )
    notification_events.informed(record=record, subject=verdict.subject, people=recipients)
