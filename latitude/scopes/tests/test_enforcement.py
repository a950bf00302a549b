"""Scopes enforced inside the actions: records in scope, requests out of scope, approvals carried
out on the requester's behalf, and the failures that must leave the right trace."""

from datetime import timedelta

import pytest
from django.utils import timezone

from latitude.core import decisions
from latitude.core.errors import Conflict, InvalidInput, NotFound, NotPermitted, OutOfScope
from latitude.core.models import AuditEntry
from latitude.people.actions import record_absence
from latitude.scopes.actions import (
    approve_request,
    decline_request,
    delegate_grant,
    expire_request,
    reroute_request,
    revoke_grant,
    withdraw_request,
)
from latitude.scopes.evaluator import evaluate
from latitude.scopes.models import DecisionOutcome, DecisionRecord, DecisionRequest, Reversal
from latitude.scopes.tests.helpers import person_grant
from latitude.testing.factories import (
    AdminFactory,
    AgentFactory,
    TeamFactory,
    TicketFactory,
    make_lead,
    member_of,
)
from latitude.tickets import actions
from latitude.tickets.choices import Status
from latitude.tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    team = TeamFactory(name="Service Desk")
    agent = member_of(team, AgentFactory(full_name="Alex Agent"))
    lead = make_lead(AgentFactory(full_name="Lee Lead"), team)
    return team, agent, lead


def major(team, agent, **fields) -> Ticket:
    fields.setdefault("status", Status.IN_PROGRESS)
    return TicketFactory(team=team, owner=agent, priority=1, **fields)


def refused(call) -> OutOfScope:
    with pytest.raises(OutOfScope) as caught:
        call()
    return caught.value


def resolve(agent, ticket, text="Rebooted the switch."):
    return lambda: actions.resolve_ticket(actor=agent, ticket_id=ticket.pk, resolution=text)


# In scope ----------------------------------------------------------------------------------


def test_in_scope_the_decision_is_taken_and_recorded_with_its_grant_and_facts(desk):
    team, agent, _ = desk
    ticket = TicketFactory(team=team, owner=agent, priority=3, status=Status.IN_PROGRESS)

    actions.resolve_ticket(actor=agent, ticket_id=ticket.pk, resolution="Replaced the toner.")

    record = DecisionRecord.objects.get()
    assert (record.decision, record.outcome, record.within_scope) == (
        "ticket.resolve",
        DecisionOutcome.TAKEN,
        True,
    )
    assert record.actor == agent
    assert record.team == team
    assert record.facts["priority"] == 3
    assert record.facts["from"] == Status.IN_PROGRESS
    assert record.grant_version.grant.name == "Agents: resolve, close and reopen below P1"
    assert record.rationale == "Replaced the toner."
    assert record.explanation.startswith("You may resolve this")


def test_a_failed_action_leaves_no_record_of_a_decision_taken(desk, monkeypatch):
    team, agent, _ = desk
    ticket = TicketFactory(team=team, owner=agent, priority=3, status=Status.IN_PROGRESS)

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("latitude.tickets.actions.status.save_ticket", explode)
    with pytest.raises(RuntimeError):
        actions.resolve_ticket(actor=agent, ticket_id=ticket.pk, resolution="Done.")

    assert not DecisionRecord.objects.exists()


def test_checking_a_decision_outside_a_guarded_action_is_a_programming_error(desk):
    team, agent, _ = desk
    with pytest.raises(RuntimeError, match="inside a @guarded action"):
        decisions.check_decision(agent, "ticket.resolve", TicketFactory(team=team), {})


# Out of scope ------------------------------------------------------------------------------


def test_out_of_scope_the_ticket_stays_and_a_request_goes_to_the_own_lead(desk):
    team, agent, lead = desk
    ticket = major(team, agent)

    refusal = refused(resolve(agent, ticket))

    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS
    assert ticket.owner == agent
    request = DecisionRequest.objects.get(pk=refusal.decision_request_id)
    assert request.is_pending
    assert request.requester == agent
    assert [route.person for route in request.routes.all()] == [lead]
    assert request.routes.get().reason == "lead of your team Service Desk"
    assert request.arguments == {"ticket_id": ticket.pk, "resolution": "Rebooted the switch."}
    attempt = DecisionRecord.objects.get()
    assert (attempt.outcome, attempt.within_scope, attempt.request) == (
        DecisionOutcome.REQUESTED,
        False,
        request,
    )
    assert "P1" in refusal.message
    assert AuditEntry.objects.filter(verb="scopes.decision_requested", subject_id=ticket.pk)


def test_a_second_attempt_joins_the_open_request_and_is_recorded_again(desk):
    team, agent, _ = desk
    ticket = major(team, agent)

    first = refused(resolve(agent, ticket))
    second = refused(resolve(agent, ticket, "Tried again."))

    assert first.decision_request_id == second.decision_request_id
    assert DecisionRequest.objects.count() == 1
    assert DecisionRecord.objects.filter(outcome=DecisionOutcome.REQUESTED).count() == 2


def test_a_recommend_only_grant_opens_a_recommendation(desk, without_standard_grants):
    team, agent, _ = desk
    person_grant(agent, "ticket.resolve", effect="recommend")
    AdminFactory()  # nobody covers it: the request is open but routed to no one

    refusal = refused(resolve(agent, major(team, agent)))

    request = DecisionRequest.objects.get(pk=refusal.decision_request_id)
    assert request.kind == "recommendation"
    assert not request.routes.exists()
    assert DecisionRecord.objects.get().outcome == DecisionOutcome.RECOMMENDED


def test_an_away_lead_is_skipped_and_the_next_holder_gets_it(desk):
    team, agent, lead = desk
    admin = AdminFactory(full_name="Ada Admin")
    now = timezone.now()
    record_absence(actor=lead, person=lead, starts_at=now, ends_at=now + timedelta(days=3))

    refusal = refused(resolve(agent, major(team, agent)))

    routed = DecisionRequest.objects.get(pk=refusal.decision_request_id).routes.get()
    assert routed.person == admin


def test_a_deactivated_person_is_refused_and_opens_no_request(desk):
    team, agent, _ = desk
    ticket = TicketFactory(team=team, owner=agent, priority=3, status=Status.IN_PROGRESS)
    agent.is_active = False
    agent.save()

    with pytest.raises(NotFound):
        resolve(agent, ticket)()

    assert "not active" in evaluate(agent, "ticket.resolve", ticket).explanation
    assert not DecisionRequest.objects.exists()
    assert not DecisionRecord.objects.exists()


def test_an_expired_delegation_no_longer_covers_the_decision(desk):
    team, agent, lead = desk
    source = person_grant(lead, "ticket.resolve")
    delegation = delegate_grant(
        actor=lead,
        grant_id=source.grant_id,
        to_person_id=agent.pk,
        valid_until=timezone.now() + timedelta(seconds=1),
        rationale="Holiday cover",
    )
    ticket = major(team, agent)
    assert delegation.holder_person == agent

    later = timezone.now() + timedelta(seconds=2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("latitude.scopes.evaluator.timezone.now", lambda: later)
        refused(resolve(agent, ticket))


def test_a_revoked_grant_takes_effect_on_the_very_next_action(desk, without_standard_grants):
    team, agent, _ = desk
    grant = person_grant(agent, "ticket.resolve")
    first = TicketFactory(team=team, owner=agent, status=Status.IN_PROGRESS)
    second = TicketFactory(team=team, owner=agent, status=Status.IN_PROGRESS)
    actions.resolve_ticket(actor=agent, ticket_id=first.pk, resolution="Done.")

    revoke_grant(
        actor=AdminFactory(), grant_id=grant.grant_id, expected_version=1, reason="Reorganised"
    )

    refused(resolve(agent, second))


# Approving, declining, withdrawing, expiring -------------------------------------------------


def test_approval_carries_the_action_out_on_the_requesters_behalf(desk):
    team, agent, lead = desk
    ticket = major(team, agent)
    request_id = refused(resolve(agent, ticket)).decision_request_id

    record = approve_request(actor=lead, request_id=request_id, note="Confirmed with the vendor.")

    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED
    assert ticket.owner == agent
    assert ticket.resolution == "Rebooted the switch."
    assert (record.outcome, record.actor, record.on_behalf_of) == (
        DecisionOutcome.APPROVED,
        lead,
        agent,
    )
    assert record.grant_version.grant.name == "Team leads: major incidents and SLA exceptions"
    change = AuditEntry.objects.get(verb="ticket.status_changed", subject_id=ticket.pk)
    assert (change.actor, change.on_behalf_of) == (lead, agent)
    request = DecisionRequest.objects.get(pk=request_id)
    assert request.status == "approved"
    assert request.decided_by == lead
    assert request.decided_at is not None
    assert not request.routes.filter(active=True).exists()


def test_a_request_approved_twice_is_carried_out_once(desk):
    team, agent, lead = desk
    ticket = major(team, agent)
    request_id = refused(resolve(agent, ticket)).decision_request_id
    approve_request(actor=lead, request_id=request_id)

    with pytest.raises(Conflict, match="already approved"):
        approve_request(actor=AdminFactory(), request_id=request_id)

    assert DecisionRecord.objects.filter(outcome=DecisionOutcome.APPROVED).count() == 1


def test_an_approver_whose_scope_does_not_cover_it_changes_nothing(desk):
    team, agent, lead = desk
    ticket = major(team, agent)
    request_id = refused(resolve(agent, ticket)).decision_request_id
    lead.led_teams.update(lead=None)
    lead.__dict__.pop("_latitude_scope_profile", None)

    with pytest.raises(NotPermitted, match="cannot approve"):
        approve_request(actor=lead, request_id=request_id)

    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS
    assert DecisionRequest.objects.get(pk=request_id).is_pending


def test_a_subject_changed_meanwhile_is_re_evaluated_and_the_change_noted(desk):
    team, agent, lead = desk
    ticket = major(team, agent)
    request_id = refused(resolve(agent, ticket)).decision_request_id
    Ticket.objects.filter(pk=ticket.pk).update(priority=2)

    record = approve_request(actor=lead, request_id=request_id)

    assert "priority: 1 → 2" in record.explanation
    assert record.facts["priority"] == 2


def test_nobody_approves_their_own_request(desk):
    team, agent, _ = desk
    request_id = refused(resolve(agent, major(team, agent))).decision_request_id
    with pytest.raises(NotPermitted):
        approve_request(actor=agent, request_id=request_id)


def test_decline_needs_a_reason_and_leaves_the_ticket_as_it_was(desk):
    team, agent, lead = desk
    ticket = major(team, agent)
    request_id = refused(resolve(agent, ticket)).decision_request_id

    with pytest.raises(InvalidInput):
        decline_request(actor=lead, request_id=request_id, reason=" ")
    record = decline_request(actor=lead, request_id=request_id, reason="Users still affected.")

    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS
    assert (record.outcome, record.on_behalf_of) == (DecisionOutcome.DECLINED, agent)
    assert DecisionRequest.objects.get(pk=request_id).decision_note == "Users still affected."


def test_someone_the_request_was_not_sent_to_cannot_see_it(desk):
    team, agent, _ = desk
    request_id = refused(resolve(agent, major(team, agent))).decision_request_id

    with pytest.raises(NotFound):
        decline_request(actor=AgentFactory(), request_id=request_id, reason="No")


def test_the_requester_withdraws_and_then_may_ask_again(desk):
    team, agent, _ = desk
    ticket = major(team, agent)
    first = refused(resolve(agent, ticket)).decision_request_id

    withdraw_request(actor=agent, request_id=first, reason="Found the real cause.")
    second = refused(resolve(agent, ticket)).decision_request_id

    assert first != second
    assert DecisionRequest.objects.get(pk=first).status == "withdrawn"


def test_an_overdue_request_expires_once(desk, settings):
    team, agent, _ = desk
    settings.LATITUDE_DECISION_REQUEST_HOURS = 0
    request_id = refused(resolve(agent, major(team, agent))).decision_request_id

    assert expire_request(request_id=request_id) is True
    assert expire_request(request_id=request_id) is False
    assert DecisionRequest.objects.get(pk=request_id).status == "expired"
    assert DecisionRecord.objects.filter(outcome=DecisionOutcome.EXPIRED).count() == 1


def test_a_request_to_someone_who_goes_away_moves_on(desk):
    team, agent, lead = desk
    admin = AdminFactory(full_name="Ada Admin")
    request_id = refused(resolve(agent, major(team, agent))).decision_request_id
    now = timezone.now()
    record_absence(actor=lead, person=lead, starts_at=now, ends_at=now + timedelta(days=1))

    assert reroute_request(request_id=request_id) == 1

    routes = DecisionRequest.objects.get(pk=request_id).routes.all()
    assert [(r.person, r.active, r.ended_because) for r in routes] == [
        (lead, False, "away"),
        (admin, True, ""),
    ]


def test_a_hand_off_request_stores_the_team_and_carries_it_out(desk, without_standard_grants):
    team, agent, lead = desk
    person_grant(lead, "ticket.transfer_team")
    other = TeamFactory(name="Network")
    ticket = TicketFactory(team=team, owner=agent)
    request_id = refused(
        lambda: actions.transfer_team(actor=agent, ticket_id=ticket.pk, team=other)
    ).decision_request_id

    assert DecisionRequest.objects.get(pk=request_id).arguments["team"] == {
        "$model": "people.team",
        "pk": other.pk,
    }
    approve_request(actor=lead, request_id=request_id)
    ticket.refresh_from_db()
    assert ticket.team == other


# Reversals ---------------------------------------------------------------------------------


def test_a_resolution_reopened_by_the_requester_is_a_reversal(desk):
    team, agent, _ = desk
    ticket = TicketFactory(team=team, owner=agent, priority=3, status=Status.IN_PROGRESS)
    actions.resolve_ticket(actor=agent, ticket_id=ticket.pk, resolution="Cleared the cache.")

    actions.reopen_ticket(actor=ticket.requester, ticket_id=ticket.pk, reason="Still broken.")

    reopen = DecisionRecord.objects.get(decision="ticket.reopen")
    assert reopen.outcome == DecisionOutcome.BY_RIGHT
    reversal = Reversal.objects.get()
    assert reversal.record.decision == "ticket.resolve"
    assert reversal.undone_by == reopen


def test_an_undoing_outside_the_window_is_no_reversal(desk, settings):
    team, agent, _ = desk
    settings.LATITUDE_REVERSAL_WINDOW_DAYS = 0
    ticket = TicketFactory(team=team, owner=agent, priority=3, status=Status.IN_PROGRESS)
    actions.resolve_ticket(actor=agent, ticket_id=ticket.pk, resolution="Cleared the cache.")

    actions.reopen_ticket(actor=ticket.requester, ticket_id=ticket.pk, reason="Still broken.")

    assert not Reversal.objects.exists()


def test_a_priority_lowered_after_a_raise_reverses_the_raise(desk):
    team, _, lead = desk
    ticket = TicketFactory(team=team, priority=3)
    actions.change_priority(actor=lead, ticket_id=ticket.pk, priority=1, reason="Whole site")
    actions.change_priority(actor=lead, ticket_id=ticket.pk, priority=2, reason="Only one floor")
    actions.change_priority(actor=lead, ticket_id=ticket.pk, priority=3, reason="Workaround")

    reversal = Reversal.objects.get()
    assert reversal.record.facts == {
        "from": 3,
        "to": 1,
        "kind": "incident",
        "service_criticality": None,
        "service": None,
        "team": team.pk,
    }
    assert reversal.undone_by.facts["to"] == 2


def test_the_sweeps_expire_and_reroute_only_what_is_due(desk, settings):
    from latitude.scopes.tasks import expire_overdue_requests, reroute_from_absent_holders

    team, agent, lead = desk
    AdminFactory()
    due = refused(resolve(agent, major(team, agent))).decision_request_id
    settings.LATITUDE_DECISION_REQUEST_HOURS = 72
    fresh = refused(resolve(agent, major(team, agent))).decision_request_id
    DecisionRequest.objects.filter(pk=due).update(expires_at=timezone.now())

    assert expire_overdue_requests() == 1
    assert reroute_from_absent_holders() == 0
    now = timezone.now()
    record_absence(actor=lead, person=lead, starts_at=now, ends_at=now + timedelta(hours=1))
    assert reroute_from_absent_holders() == 1
    assert reroute_from_absent_holders() == 0
    assert DecisionRequest.objects.get(pk=due).status == "expired"
    assert DecisionRequest.objects.get(pk=fresh).routes.filter(active=True).count() == 1
