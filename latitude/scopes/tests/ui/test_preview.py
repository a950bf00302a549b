"""'Who could decide this example?': example facts or a real ticket, the grants that would
cover it, and where a request would go."""

import pytest
from django.urls import reverse

from latitude.scopes.tests.ui.conftest import Desk
from latitude.scopes.tests.ui.helpers import text_of

pytestmark = pytest.mark.django_db

PREVIEW = reverse("scopes:preview")


def test_choosing_a_decision_offers_its_facts_as_typed_inputs(desk: Desk) -> None:
    text = text_of(desk.client("lead").get(PREVIEW + "?decision=ticket.waive_sla"))

    assert 'name="fact-extension_minutes" type="number" min="0" step="1"' in text
    assert '<select id="id_fact-clock_kind" name="fact-clock_kind">' in text
    assert '<option value="1">P1 critical</option>' in text


def test_a_p1_example_names_the_leads_and_admins_grants_and_the_agents_own_lead_first(
    desk: Desk,
) -> None:
    query = f"?decision=ticket.resolve&fact-priority=1&asked_by={desk.agent.pk}"

    text = text_of(desk.client("lead").get(PREVIEW + query))

    assert "For Ada Agent:" in text
    assert "You may not resolve this alone" in text
    nearest = text[text.index("Nearest holders") : text.index("Grants that cover it")]
    assert nearest.index("Lea Lead") < nearest.index("Ann Admin")
    covering = text[text.index("Grants that cover it") :]
    assert "Team leads: major incidents and SLA exceptions" in covering
    assert "Administrators: every ticket decision" in covering
    assert "Agents: resolve, close and reopen below P1" not in covering


def test_a_p3_example_is_covered_by_the_agents_grant(desk: Desk) -> None:
    text = text_of(desk.client("admin").get(PREVIEW + "?decision=ticket.resolve&fact-priority=3"))

    covering = text[text.index("Grants that cover it") :]
    agents = covering[covering.index("Agents: resolve, close and reopen below P1") :]
    assert "Ada Agent" in agents[: agents.index("</div>")]


def test_facts_are_read_from_a_ticket_when_one_is_named(desk: Desk) -> None:
    ticket = desk.ticket(priority=1)

    text = text_of(
        desk.client("lead").get(PREVIEW + f"?decision=ticket.close&ticket={ticket.number}")
    )

    assert f"Facts read from {ticket}" in text
    assert "P1 critical" in text
    assert "Agents: resolve, close and reopen below P1" not in text[text.index("Grants that") :]


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("?decision=ticket.waive_sla&fact-extension_minutes=soon", "soon is not a whole number."),
        ("?decision=ticket.resolve&ticket=INC-999999", "No ticket with this number."),
        ("?decision=no.such.decision", "Select a valid choice."),
    ],
)
def test_bad_examples_are_refused_with_the_reason(desk: Desk, query: str, error: str) -> None:
    response = desk.client("lead").get(PREVIEW + query)

    assert response.status_code == 400
    assert error in text_of(response)
