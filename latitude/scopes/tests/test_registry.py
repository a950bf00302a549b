import pytest

from latitude.scopes import registry
from latitude.scopes.registry import Decision, FactSpec, FactType
from latitude.testing.factories import ServiceFactory, TicketFactory

TICKET_DECISIONS = {
    "ticket.resolve",
    "ticket.close",
    "ticket.reopen",
    "ticket.set_priority",
    "ticket.transfer_team",
    "ticket.merge",
    "ticket.waive_sla",
    "request.approve",
    "ticket.goodwill",
}


def test_ticket_decisions_are_discovered_from_the_tickets_app():
    assert {decision.name for decision in registry.all_decisions()} >= TICKET_DECISIONS


def test_set_priority_exposes_the_facts_the_action_passes():
    facts = registry.get("ticket.set_priority").facts
    assert {"from", "to", "kind", "service_criticality"} <= set(facts)
    assert facts["to"].from_subject is False
    assert facts["service_criticality"].path == "service__criticality"


def test_unknown_decision_is_a_lookup_error():
    with pytest.raises(registry.UnknownDecisionError):
        registry.get("ticket.teleport")


def test_registering_a_different_decision_under_a_taken_name_is_refused():
    clash = Decision("ticket.resolve", "tickets.Ticket", "x", "x", {})
    with pytest.raises(ValueError, match="already registered"):
        registry.register(clash)


def test_enum_fact_without_choices_is_refused():
    with pytest.raises(ValueError, match="choices"):
        FactSpec(FactType.ENUM, "colour")


@pytest.mark.django_db
def test_facts_are_read_from_the_subject_and_overlaid_by_given_ones():
    service = ServiceFactory(criticality=4)
    ticket = TicketFactory(priority=3, service=service)
    facts = registry.get("ticket.set_priority").read_facts(ticket, {"to": 1})
    assert facts["from"] == 3
    assert facts["service_criticality"] == 4
    assert facts["service"] == service.pk
    assert facts["to"] == 1


@pytest.mark.django_db
def test_missing_relation_reads_as_none():
    ticket = TicketFactory(service=None)
    facts = registry.get("ticket.resolve").read_facts(ticket)
    assert facts["service_criticality"] is None
    assert facts["open_children"] == 0


@pytest.mark.django_db
def test_nearest_teams_are_the_ticket_team_then_the_service_owner():
    ticket = TicketFactory(service=ServiceFactory())
    teams = registry.get("ticket.resolve").nearest_teams(ticket)
    assert teams == [ticket.team, ticket.service.owner_team]


def test_an_empty_all_inside_a_tree_is_left_out_of_the_sentence():
    from latitude.scopes.explain import tree_phrase

    specs = registry.get("ticket.resolve").facts
    tree = {"all": [{"all": []}, {"fact": "priority", "op": "gte", "value": 3}]}
    assert tree_phrase(tree, specs) == "priority is at least P3 medium"
