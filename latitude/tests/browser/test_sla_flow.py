"""The SLA flow in Debian's chromium: an agent sees a ticket's SLA badge in the queue, opens
the ticket, reads its clock timeline and extends the clock with a reason (ticket.waive_sla,
within the standard agents' scope for P4)."""

import re

from playwright.sync_api import Page, expect

from latitude.sla.tests.desk import make_desk
from latitude.tests.browser.test_main_flows import sign_in
from latitude.tickets import actions


def test_agent_sees_the_badge_and_timeline_and_extends_the_clock(
    new_page, transactional_db
) -> None:  # type: ignore[no-untyped-def]
    desk = make_desk()
    ticket = actions.open_ticket(
        actor=desk.agent, kind="incident", subject="Docking station drops the screen",
        requester=desk.requester, team=desk.team,
    )  # fmt: skip
    actions.take_ticket(actor=desk.agent, ticket_id=ticket.pk)

    page: Page = new_page()
    sign_in(page, desk.agent.email)
    row = page.locator("tr", has=page.get_by_role("link", name=ticket.number))
    expect(row.locator("[data-sla]")).to_have_text(re.compile(r"left|overdue"))
    row.get_by_role("link", name=ticket.number).click()

    panel = page.locator("#panel-sla")
    expect(panel).to_contain_text("resolution")
    panel.locator("#clock-resolution summary").click()
    expect(panel.locator("#clock-resolution .clock-steps")).to_contain_text("Started")
    panel.locator("select[name=sla-clock]").select_option("resolution")
    panel.locator("input[name=sla-extension]").fill("1 h")
    panel.locator("input[name=sla-reason]").fill("Requester is on holiday until Monday")
    expect(panel.locator("#verdict-sla")).to_be_visible()
    panel.get_by_role("button", name="Change the clock").click()

    panel = page.locator("#panel-sla")
    panel.locator("#clock-resolution summary").click()
    expect(panel).to_contain_text("Extended by 1 h: Requester is on holiday until Monday")
