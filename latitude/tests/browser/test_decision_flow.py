"""A decision beyond the agent's scope, end to end in Debian's chromium: the agent sees before
the click that raising to P1 is not theirs alone, clicks anyway and is told whom it went to;
the lead approves it from the inbox; the ticket is P1 and its history says who did it for whom."""

import re

import pytest
from playwright.sync_api import Page, expect

from latitude.testing.factories import (
    AgentFactory,
    TeamFactory,
    TicketFactory,
    make_lead,
    member_of,
)
from latitude.tests.browser.test_main_flows import sign_in
from latitude.tickets.choices import Status
from latitude.tickets.models import Ticket


@pytest.fixture
def desk(transactional_db):  # type: ignore[no-untyped-def]
    team = TeamFactory(name="Service Desk", slug="service-desk")
    agent = member_of(team, AgentFactory(email="ada@example.org", full_name="Ada Agent"))
    make_lead(AgentFactory(email="lea@example.org", full_name="Lea Lead"), team)
    ticket = TicketFactory(
        team=team, owner=agent, status=Status.IN_PROGRESS, priority=3, subject="Payroll is down"
    )
    return {"ticket": ticket}


def open_ticket(page: Page, ticket: Ticket) -> None:
    page.goto(f"/desk/tickets/{ticket.number}/")
    expect(page.get_by_role("heading", name="Payroll is down")).to_be_visible()


def test_agent_asks_for_p1_and_the_lead_approves_it_from_the_inbox(new_page, desk) -> None:  # type: ignore[no-untyped-def]
    ticket = desk["ticket"]
    agent = new_page()
    sign_in(agent, "ada@example.org")
    open_ticket(agent, ticket)
    hint = agent.locator("#verdict-priority")
    expect(hint).to_contain_text("You may not set the priority of this alone")
    expect(hint).to_contain_text("A click sends it to Lea Lead")

    agent.locator("#panel-priority select[name=priority]").select_option("1")
    agent.locator("#panel-priority").get_by_role("button", name="Set priority").click()
    refusal = agent.locator("#panel-priority .refusal")
    expect(refusal).to_contain_text("Sent to Lea Lead for a decision.")
    expect(agent.locator(".pending-decisions")).to_contain_text("Set the priority")
    ticket.refresh_from_db()
    assert ticket.priority == 3

    lead = new_page()
    sign_in(lead, "lea@example.org")
    lead.goto("/desk/")
    expect(lead.locator("#decision-count")).to_have_text(re.compile(r"\s*1\s*"))
    lead.get_by_role("link", name=re.compile("Decisions")).click()
    card = lead.locator("article.request").first
    expect(card).to_contain_text("asked by Ada Agent")
    expect(card).to_contain_text("You may set the priority of this")
    card.locator("textarea[name=note]").fill("Payroll for everyone: major incident.")
    card.get_by_role("button", name="Approve").click()
    expect(lead.locator("article.request").first).to_contain_text("approved")
    expect(lead.locator("#decision-count")).to_have_text("")

    ticket.refresh_from_db()
    assert ticket.priority == 1
    open_ticket(agent, ticket)
    history = agent.locator(".timeline")
    expect(history).to_contain_text("Lea Lead changed the priority from P3 medium to P1 critical")
    expect(history).to_contain_text("(on behalf of Ada Agent)")
    expect(history).to_contain_text("Lea Lead approved the request: Set the priority.")
