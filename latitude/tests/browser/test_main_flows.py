"""The main flow end to end in Debian's chromium: portal request -> agent reply and resolve ->
requester reads the answer with the interface in German."""

import re

import pytest
from playwright.sync_api import Page, expect

from latitude.testing.factories import (
    AgentFactory,
    RequesterFactory,
    ServiceFactory,
    TeamFactory,
    member_of,
)
from latitude.tickets.models import Ticket

PASSWORD = "correct horse battery"


def sign_in(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label(re.compile("E-mail|E-Mail")).fill(email)
    page.get_by_label(re.compile("Password|Passwort")).fill(PASSWORD)
    page.locator("form button[type=submit]").click()


@pytest.fixture
def desk(transactional_db):  # type: ignore[no-untyped-def]
    team = TeamFactory(name="Workplace", slug="workplace")
    agent = member_of(team, AgentFactory(email="agent@example.org", full_name="Ada Agent"))
    requester = RequesterFactory(email="rita@example.org", full_name="Rita Requester")
    service = ServiceFactory(name="Laptops", slug="laptops", owner_team=team)
    return {"agent": agent, "requester": requester, "service": service}


def test_request_is_answered_resolved_and_read_in_german(new_page, desk) -> None:  # type: ignore[no-untyped-def]
    portal = new_page()
    sign_in(portal, "rita@example.org")
    expect(portal).to_have_url(re.compile("/portal/"))
    portal.get_by_role("link", name="Request something").first.click()
    portal.locator("input[name=subject]").fill("Second monitor for the design desk")
    portal.locator("select[name=service]").select_option(label="Laptops")
    portal.locator("textarea[name=description]").fill("A 27 inch screen, please.")
    portal.get_by_role("button", name="Send").click()
    ticket = Ticket.objects.get(subject="Second monitor for the design desk")
    expect(portal.get_by_text(ticket.number).first).to_be_visible()

    desk_page = new_page()
    sign_in(desk_page, "agent@example.org")
    desk_page.get_by_role("link", name=re.compile("My teams")).click()
    desk_page.get_by_role("searchbox").fill("monitor design")
    desk_page.get_by_role("searchbox").press("Enter")
    desk_page.get_by_role("link", name=ticket.number).click()
    expect(desk_page.get_by_role("heading", name=re.compile("Second monitor"))).to_be_visible()
    desk_page.locator("#panel-reply textarea").fill("Your monitor is on its way to desk 4.12.")
    desk_page.get_by_role("button", name="Send reply").click()
    expect(desk_page.get_by_text("Your monitor is on its way to desk 4.12.").first).to_be_visible()
    desk_page.locator("#panel-status textarea").fill("Monitor delivered and connected.")
    desk_page.get_by_role("button", name="Resolve").click()
    expect(desk_page.locator("#panel-status")).to_contain_text("Reopen")
    ticket.refresh_from_db()
    assert ticket.status == "resolved"
    assert ticket.owner is None or ticket.owner.email == "agent@example.org"

    portal.goto("/portal/")
    portal.get_by_label("Language").select_option("de")
    portal.get_by_role("button", name="Change").click()
    expect(portal.locator("html")).to_have_attribute("lang", "de")
    portal.goto(f"/portal/tickets/{ticket.number}/")
    expect(portal.get_by_text("Your monitor is on its way to desk 4.12.")).to_be_visible()
    expect(portal.get_by_role("button", name=re.compile("Lösung bestätigen"))).to_be_visible()
