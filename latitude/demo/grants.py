"""The demo desk's latitude on top of the standard grants: the Service Desk resolves up to P3,
named approvers approve requests up to an amount, small goodwill is "decide and inform", and a
lead's approvals are delegated while the lead is away."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from latitude.demo.organisation import Organisation
from latitude.demo.texts import decisions as say
from latitude.people.actions import record_absence
from latitude.people.models import Team, User
from latitude.scopes.actions import create_grant, delegate_grant, edit_grant
from latitude.scopes.choices import Effect, HolderKind, Role
from latitude.scopes.models import Grant, GrantVersion
from latitude.scopes.terms import GrantTerms

STANDARD_EVERYDAY = "Agents: resolve, close and reopen below P1"


def _eur_up_to(amount: str, fact: str = "cost_amount") -> list[dict[str, Any]]:
    return [
        {"fact": fact, "op": "lte", "value": amount},
        {"fact": "currency", "op": "eq", "value": "EUR"},
    ]


@dataclass
class DemoLatitude:
    admin: User
    leads: dict[str, User]
    hardware_approval: GrantVersion

    def lead(self, slug: str) -> User:
        return self.leads[slug]


def install(org: Organisation) -> DemoLatitude:
    """Written when the desk starts, 61 days ago, by the administrator."""
    admin = org.admin
    assert admin is not None
    leads = {team.slug: team.lead for team in Team.objects.select_related("lead") if team.lead}
    desk = org.teams["service-desk"]
    _narrow_everyday(admin, desk)
    hardware = _approver(
        admin,
        leads["workplace"],
        "Workplace lead: hardware up to 1,500 EUR",
        [org.services["laptops"].pk, org.services["mobile"].pk],
        "1500",
    )
    _approver(
        admin,
        leads["service-desk"],
        "Service Desk lead: licences up to 500 EUR",
        [org.services["software"].pk],
        "500",
    )
    _goodwill(admin, leads["service-desk"])
    return DemoLatitude(admin=admin, leads=leads, hardware_approval=hardware)


def _narrow_everyday(admin: User, desk: Team) -> None:
    """First level resolves up to P3; P2 on a Service Desk ticket goes to its lead."""
    grant = Grant.objects.get(name=STANDARD_EVERYDAY)
    edit_grant(
        actor=admin,
        grant_id=grant.pk,
        condition={
            "all": [
                {"fact": "priority", "op": "gte", "value": 2},
                {
                    "any": [
                        {"fact": "priority", "op": "gte", "value": 3},
                        {"fact": "team", "op": "ne", "value": desk.pk},
                    ]
                },
            ]
        },
        rationale="The Service Desk resolves up to P3; specialist teams below P1.",
    )


def _approver(
    admin: User, person: User, name: str, services: list[int], amount: str
) -> GrantVersion:
    terms = GrantTerms(
        holder_kind=HolderKind.PERSON,
        holder_person_id=person.pk,
        decisions=["request.approve"],
        condition={
            "all": [{"fact": "service", "op": "in", "value": services}, *_eur_up_to(amount)]
        },
        rationale="Named approver for the service's budget.",
    )
    return create_grant(actor=admin, name=name, terms=terms)


def _goodwill(admin: User, desk_lead: User) -> None:
    create_grant(
        actor=admin,
        name="Agents: small goodwill, the Service Desk lead informed",
        terms=GrantTerms(
            holder_kind=HolderKind.ROLE,
            holder_role=Role.AGENT,
            decisions=["ticket.goodwill"],
            condition={"all": _eur_up_to("50", "amount")},
            effect=Effect.DECIDE_AND_INFORM,
            inform_person_id=desk_lead.pk,
            rationale="A small credit settles a complaint faster than a meeting does.",
        ),
    )
    create_grant(
        actor=admin,
        name="Team leads: goodwill up to 250 EUR",
        terms=GrantTerms(
            holder_kind=HolderKind.ROLE,
            holder_role=Role.LEAD,
            decisions=["ticket.goodwill"],
            condition={"all": _eur_up_to("250", "amount")},
            rationale="Leads settle larger complaints for their desks.",
        ),
    )


def away(latitude: DemoLatitude, deputy: User, starts: datetime, now: datetime) -> None:
    """The Workplace lead is on leave until the day after tomorrow; a deputy approves."""
    lead = latitude.lead("workplace")
    ends = now + timedelta(days=2)
    record_absence(actor=lead, person=lead, starts_at=starts, ends_at=ends, note=say.AWAY_NOTE)
    delegate_grant(
        actor=latitude.admin,
        grant_id=latitude.hardware_approval.grant_id,
        to_person_id=deputy.pk,
        valid_from=starts,
        valid_until=ends,
        rationale=say.DELEGATION,
    )
