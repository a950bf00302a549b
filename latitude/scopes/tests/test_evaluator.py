from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from latitude.scopes.actions import delegate_grant, edit_grant, revoke_grant
from latitude.scopes.evaluator import decidable_queryset, evaluate
from latitude.scopes.tests.helpers import grant, person_grant, team_grant
from latitude.testing.factories import (
    AdminFactory,
    AgentFactory,
    ServiceFactory,
    TeamFactory,
    TicketFactory,
    member_of,
)
from latitude.tickets.models import Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_standard_grants")]

UP_TO_P3 = {
    "all": [
        {"fact": "kind", "op": "eq", "value": "incident"},
        {"fact": "priority", "op": "gte", "value": 3},
    ]
}


@pytest.fixture
def desk():
    team = TeamFactory(name="Service Desk")
    agent = member_of(team, AgentFactory(full_name="Ada Agent", language="en"))
    team_grant(team, "ticket.resolve", condition=UP_TO_P3)
    return team, agent


def test_in_scope_is_allowed_with_the_grant_and_an_explanation(desk):
    team, agent = desk
    verdict = evaluate(agent, "ticket.resolve", TicketFactory(team=team, priority=3))
    assert verdict.allowed
    assert verdict.effect == "decide"
    assert [v.grant.name for v in verdict.grant_versions] == ["Service Desk grant"]
    assert verdict.explanation == (
        "You may resolve this: team Service Desk may resolve tickets when kind is incident and "
        "priority is at least P3 medium, and here kind is incident, priority is P3 medium."
    )


def test_out_of_scope_is_refused_and_says_why(desk):
    team, agent = desk
    verdict = evaluate(agent, "ticket.resolve", TicketFactory(team=team, priority=1))
    assert not verdict.allowed
    assert verdict.effect is None
    assert verdict.explanation.startswith(
        "You may not resolve this alone: team Service Desk may resolve"
    )
    assert verdict.explanation.endswith("but here kind is incident, priority is P1 critical.")


def test_without_any_grant_nothing_is_allowed():
    verdict = evaluate(AgentFactory(), "ticket.resolve", TicketFactory())
    assert not verdict.allowed
    assert "none of your grants" in verdict.explanation


def test_the_explanation_is_in_the_actors_language(desk):
    team, agent = desk
    agent.language = "de"
    verdict = evaluate(agent, "ticket.resolve", TicketFactory(team=team, priority=3))
    assert verdict.allowed
    assert verdict.explanation.startswith(
        "Sie dürfen das lösen: Team Service Desk darf Tickets lösen, wenn"
    )


def test_given_facts_override_the_subject(desk):
    team, agent = desk
    team_grant(team, "ticket.set_priority", condition={"fact": "to", "op": "gte", "value": 2})
    ticket = TicketFactory(team=team, priority=4)
    assert evaluate(agent, "ticket.set_priority", ticket, {"to": 2}).allowed
    assert not evaluate(agent, "ticket.set_priority", ticket, {"to": 1}).allowed


def test_recommend_only_is_not_allowed_but_reports_the_effect():
    team = TeamFactory()
    agent = member_of(team, AgentFactory())
    team_grant(team, "ticket.merge", effect="recommend")
    verdict = evaluate(agent, "ticket.merge", TicketFactory(team=team))
    assert not verdict.allowed
    assert verdict.effect == "recommend"
    assert "recommend" in verdict.explanation


def test_the_widest_effect_wins_when_several_grants_match():
    team, lead = TeamFactory(), AgentFactory()
    member_of(team, lead)
    team_grant(team, "ticket.merge", effect="decide_and_inform", inform_person_id=AgentFactory().pk)
    person_grant(lead, "ticket.merge")
    verdict = evaluate(lead, "ticket.merge", TicketFactory(team=team))
    assert verdict.effect == "decide"
    assert len(verdict.grant_versions) == 1


def test_team_lead_only_grants_do_not_cover_members():
    lead, member = AgentFactory(), AgentFactory()
    team = TeamFactory(lead=lead)
    member_of(team, lead)
    member_of(team, member)
    team_grant(team, "ticket.close", team_scope="lead")
    ticket = TicketFactory(team=team)
    assert evaluate(lead, "ticket.close", ticket).allowed
    assert not evaluate(member, "ticket.close", ticket).allowed


def test_role_grants_cover_everyone_with_the_role():
    grant("ticket.reopen", holder_kind="role", holder_role="agent")
    assert evaluate(AgentFactory(), "ticket.reopen", TicketFactory()).allowed


def test_skill_and_licence_holders_are_stored_but_never_match():
    grant("ticket.reopen", holder_kind="skill", holder_key="network:3")
    assert not evaluate(AgentFactory(), "ticket.reopen", TicketFactory()).allowed


def test_a_revoke_takes_effect_on_the_very_next_evaluation(desk):
    team, agent = desk
    ticket = TicketFactory(team=team, priority=4)
    assert evaluate(agent, "ticket.resolve", ticket).allowed
    version = evaluate(agent, "ticket.resolve", ticket).grant_versions[0]
    revoke_grant(actor=AdminFactory(), grant_id=version.grant_id, expected_version=1, reason="gone")
    assert not evaluate(agent, "ticket.resolve", ticket).allowed


def test_an_edit_takes_effect_on_the_very_next_evaluation(desk):
    team, agent = desk
    ticket = TicketFactory(team=team, priority=2)
    version = evaluate(
        agent, "ticket.resolve", TicketFactory(team=team, priority=4)
    ).grant_versions[0]
    assert not evaluate(agent, "ticket.resolve", ticket).allowed
    edit_grant(
        actor=AdminFactory(),
        grant_id=version.grant_id,
        expected_version=1,
        condition={"fact": "priority", "op": "gte", "value": 2},
    )
    assert evaluate(agent, "ticket.resolve", ticket).allowed


def test_a_deactivated_person_may_decide_nothing(desk):
    team, agent = desk
    agent.is_active = False
    verdict = evaluate(agent, "ticket.resolve", TicketFactory(team=team, priority=4))
    assert not verdict.allowed
    assert "not active" in verdict.explanation


def test_grants_outside_their_period_do_not_count():
    agent = AgentFactory()
    now = timezone.now()
    person_grant(agent, "ticket.close", valid_from=now + timedelta(days=1))
    person_grant(
        agent,
        "ticket.reopen",
        valid_from=now - timedelta(days=2),
        valid_until=now - timedelta(days=1),
    )
    assert not evaluate(agent, "ticket.close", TicketFactory()).allowed
    assert not evaluate(agent, "ticket.reopen", TicketFactory()).allowed


def test_a_delegation_stays_within_the_source_limits_and_lapses_with_it():
    holder, deputy = AgentFactory(), AgentFactory()
    source = person_grant(
        holder, "ticket.resolve", condition={"fact": "priority", "op": "gte", "value": 3}
    )
    delegate_grant(
        actor=holder,
        grant_id=source.grant_id,
        to_person_id=deputy.pk,
        valid_until=timezone.now() + timedelta(days=3),
        rationale="Holiday",
    )
    assert evaluate(deputy, "ticket.resolve", TicketFactory(priority=3)).allowed
    assert not evaluate(deputy, "ticket.resolve", TicketFactory(priority=2)).allowed
    revoke_grant(actor=AdminFactory(), grant_id=source.grant_id, expected_version=1, reason="Left")
    assert not evaluate(deputy, "ticket.resolve", TicketFactory(priority=3)).allowed


def test_candidates_are_the_own_team_lead_then_the_service_team_not_every_admin():
    own_lead, service_agent, agent = (
        AgentFactory(full_name="Zed Lead"),
        AgentFactory(full_name="Sam Service"),
        AgentFactory(),
    )
    own_team = TeamFactory(lead=own_lead)
    member_of(own_team, agent)
    service_team = TeamFactory()
    member_of(service_team, service_agent)
    for _ in range(8):
        AdminFactory()
    person_grant(own_lead, "ticket.resolve")
    team_grant(service_team, "ticket.resolve")
    grant("ticket.resolve", holder_kind="role", holder_role="admin")
    ticket = TicketFactory(
        team=own_team, service=ServiceFactory(owner_team=service_team), priority=1
    )
    candidates = evaluate(agent, "ticket.resolve", ticket).candidates
    assert [c.person for c in candidates[:2]] == [own_lead, service_agent]
    assert "lead of your team" in candidates[0].reason
    assert len([c for c in candidates if c.rank == 3]) <= 5


def _candidate_queries(agent, ticket) -> tuple[int, list]:
    verdict = evaluate(agent, "ticket.resolve", ticket)
    with CaptureQueriesContext(connection) as queries:
        candidates = verdict.candidates
    return len(queries), candidates


def _teams_with_grants(numbers) -> None:
    for n in numbers:
        team = TeamFactory()
        member_of(team, AgentFactory(full_name=f"Member {n:02}"))
        team_grant(team, "ticket.resolve")


def test_candidates_cost_the_same_queries_however_many_grants_cover_the_decision():
    agent = member_of(TeamFactory(), AgentFactory())
    ticket = TicketFactory(team=TeamFactory(), priority=1)
    grant("ticket.resolve", holder_kind="role", holder_role="admin")
    AdminFactory(full_name="Ann Admin")
    _teams_with_grants(range(2))
    few, first = _candidate_queries(agent, ticket)
    _teams_with_grants(range(2, 14))  # twelve more teams each with its own grant, as at scale
    many, candidates = _candidate_queries(agent, ticket)
    assert many == few
    # The named holders first, by name and at most ten in all; the admin's broad role after.
    assert [c.person.full_name for c in first[:2]] == ["Member 00", "Member 01"]
    assert {c.rank for c in first[2:]} == {3}  # a few admins, by their role
    assert len(first[2:]) <= 5
    assert [c.person.full_name for c in candidates] == [f"Member {n:02}" for n in range(10)]


def test_candidates_only_include_grants_whose_limits_cover_the_subject(desk):
    team, agent = desk
    narrow = AgentFactory()
    person_grant(narrow, "ticket.resolve", condition={"fact": "priority", "op": "eq", "value": 4})
    candidates = evaluate(agent, "ticket.resolve", TicketFactory(team=team, priority=1)).candidates
    assert narrow not in [c.person for c in candidates]


def test_decidable_queryset_is_one_query_over_the_actors_grants(desk, django_assert_num_queries):
    team, agent = desk
    person_grant(
        agent, "ticket.resolve", condition={"fact": "kind", "op": "eq", "value": "request"}
    )
    p3 = TicketFactory(team=team, priority=3)
    request = TicketFactory(team=team, priority=1, kind="request")
    TicketFactory(team=team, priority=1)
    evaluate(agent, "ticket.resolve", p3)  # warm the actor's profile and the grant cache
    queryset = decidable_queryset(agent, "ticket.resolve", Ticket.objects.all())
    with django_assert_num_queries(1):
        assert set(queryset) == {p3, request}


def test_decidable_queryset_is_empty_without_grants():
    TicketFactory()
    assert not decidable_queryset(AgentFactory(), "ticket.resolve", Ticket.objects.all()).exists()


def test_one_evaluation_reads_only_the_revision_once_warm(desk, django_assert_num_queries):
    team, agent = desk
    ticket = TicketFactory(team=team, priority=3)
    evaluate(agent, "ticket.resolve", ticket)
    with django_assert_num_queries(1):
        assert evaluate(agent, "ticket.resolve", ticket).allowed
