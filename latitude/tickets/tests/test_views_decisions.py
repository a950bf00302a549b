"""The approval, goodwill and unmerge panels over HTTP: the permission matrix, the hint before
the click, refusals at the field, and a page whose query count does not grow with credits."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from latitude.scopes.models import DecisionRequest
from latitude.scopes.tests.helpers import person_grant
from latitude.testing.factories import AdminFactory, AgentFactory, TicketFactory, member_of
from latitude.tickets import actions
from latitude.tickets.choices import Approval, Kind, Status
from latitude.tickets.models import Goodwill, Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_standard_grants")]

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def request_ticket(team, agent) -> Ticket:
    return TicketFactory(
        kind=Kind.REQUEST,
        team=team,
        owner=agent,
        status=Status.IN_PROGRESS,
        approval=Approval.PENDING,
        cost_amount=Decimal("250.00"),
        cost_currency="EUR",
        subject="A second screen",
    )


def url(ticket: Ticket, name: str) -> str:
    return reverse(f"tickets:{name}", kwargs={"reference": ticket.number})


def _people(kind: str, ticket: Ticket, agent):
    return {
        "requester": ticket.requester,
        "other_team_agent": AgentFactory(),
        "agent": agent,
        "admin": AdminFactory(),
    }.get(kind)


POSTS = [
    ("approval", {"answer": "approve", "note": ""}),
    ("cost", {"cost_amount": "99", "cost_currency": "EUR"}),
    ("goodwill", {"amount": "10", "currency": "EUR", "reason": "Sorry."}),
]


@pytest.mark.parametrize(("name", "data"), POSTS)
@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("requester", 404), ("other_team_agent", 404), ("agent", 302),
     ("admin", 302)],
)  # fmt: skip
def test_permission_matrix(client, request_ticket, agent, who, status, name, data):
    person = _people(who, request_ticket, agent)
    if person is not None:
        person_grant(person, ["request.approve", "ticket.goodwill"])
        client.force_login(person)
    response = client.post(url(request_ticket, name), data)
    assert response.status_code == status
    changed = Ticket.objects.get(pk=request_ticket.pk).version != request_ticket.version
    assert changed == (who in ("agent", "admin"))
    if who == "anonymous":
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["anonymous", "requester", "other_team_agent"])
def test_revoke_and_unmerge_are_hidden_from_who_cannot_work_on_the_ticket(
    client, request_ticket, agent, who
):
    person_grant(agent, ["ticket.goodwill", "ticket.merge"])
    credit = actions.grant_goodwill(
        actor=agent, ticket_id=request_ticket.pk, amount="5", currency="EUR", reason="Sorry."
    )
    survivor = TicketFactory(team=request_ticket.team, status=Status.IN_PROGRESS)
    actions.merge_ticket(actor=agent, ticket_id=request_ticket.pk, into_id=survivor.pk)
    person = _people(who, request_ticket, agent)
    if person is not None:
        person_grant(person, ["ticket.revoke_goodwill", "ticket.unmerge"])
        client.force_login(person)
    revoke = client.post(
        url(request_ticket, "revoke_goodwill"), {"goodwill": credit.pk, "reason": "Oops."}
    )
    undo = client.post(url(request_ticket, "unmerge"), {"reason": "Not the same."})
    assert {revoke.status_code, undo.status_code} == {302 if who == "anonymous" else 404}
    assert Goodwill.objects.get().is_active
    assert Ticket.objects.get(pk=request_ticket.pk).merged_into_id == survivor.pk


def test_the_page_says_before_the_click_who_could_approve(client, request_ticket, agent, team):
    approver = AgentFactory(full_name="Petra Approver")
    person_grant(approver, "request.approve")
    client.force_login(agent)
    text = client.get(url(request_ticket, "detail")).content.decode()
    panel = text[text.index('id="panel-approval"') :]
    panel = panel[: panel.index("</section>")]
    assert "verdict-refused" in panel
    assert "Petra Approver" in panel
    assert "Ask for approval" in panel
    person_grant(agent, "request.approve")
    text = client.get(url(request_ticket, "detail")).content.decode()
    panel = text[text.index('id="panel-approval"') :]
    assert "verdict-allowed" in panel[: panel.index("</section>")]
    assert ">Approve<" in text.replace("\n", "").replace("  ", "")


def test_approving_out_of_scope_opens_a_request_and_shows_whom_it_went_to(
    client, request_ticket, agent
):
    person_grant(AgentFactory(full_name="Petra Approver"), "request.approve")
    client.force_login(agent)
    response = client.post(
        url(request_ticket, "approval"),
        {"answer": "approve", "note": "", "version": request_ticket.version},
        **HTMX,
    )
    assert response.status_code == 200  # the whole ticket again, with the refusal in its panel
    panel = response.content.decode().split('id="panel-approval"')[1].split("</section>")[0]
    assert 'class="refusal"' in panel
    assert "Petra Approver" in panel
    assert DecisionRequest.objects.filter(decision="request.approve").exists()
    assert Ticket.objects.get(pk=request_ticket.pk).approval == Approval.PENDING


def test_rejecting_without_a_reason_is_refused_at_the_field(client, request_ticket, agent):
    person_grant(agent, "request.approve")
    client.force_login(agent)
    response = client.post(url(request_ticket, "approval"), {"answer": "reject", "note": ""})
    assert response.status_code == 422
    assert "Say why the request is rejected." in response.content.decode()


def test_a_bad_currency_is_refused_at_the_currency_field(client, request_ticket, agent):
    client.force_login(agent)
    response = client.post(
        url(request_ticket, "cost"), {"cost_amount": "10", "cost_currency": "ABC"}, **HTMX
    )
    assert response.status_code == 422
    assert response.context["forms"]["cost"].errors["cost_currency"]


def test_goodwill_is_granted_and_revoked_from_the_panel(client, request_ticket, agent):
    person_grant(agent, ["ticket.goodwill", "ticket.revoke_goodwill"])
    client.force_login(agent)
    client.post(
        url(request_ticket, "goodwill"), {"amount": "20", "currency": "eur", "reason": "Late."}
    )
    credit = Goodwill.objects.get()
    text = client.get(url(request_ticket, "detail")).content.decode()
    assert "granted goodwill of" in text
    client.post(url(request_ticket, "revoke_goodwill"), {"goodwill": credit.pk, "reason": ""})
    assert Goodwill.objects.get().is_active  # a reason is required
    client.post(url(request_ticket, "revoke_goodwill"), {"goodwill": credit.pk, "reason": "Paid."})
    assert not Goodwill.objects.get().is_active


def test_unmerge_from_the_merge_panel(client, agent, team):
    person_grant(agent, ["ticket.merge", "ticket.unmerge"])
    duplicate = TicketFactory(team=team, status=Status.IN_PROGRESS)
    survivor = TicketFactory(team=team, status=Status.IN_PROGRESS)
    actions.merge_ticket(actor=agent, ticket_id=duplicate.pk, into_id=survivor.pk)
    client.force_login(agent)
    assert "Undo the merge" in client.get(url(duplicate, "detail")).content.decode()
    client.post(url(duplicate, "unmerge"), {"reason": "Different rooms."})
    assert Ticket.objects.get(pk=duplicate.pk).status == Status.IN_PROGRESS


def _page_queries(client, ticket: Ticket) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(ticket, "detail")).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_with_one_or_many_credits(client, request_ticket, agent, team):
    granters = [agent, *(member_of(team, AgentFactory()) for _ in range(3))]
    for granter in granters:
        person_grant(granter, ["ticket.goodwill", "ticket.revoke_goodwill"])
    client.force_login(agent)

    def grant(granter, amount: str) -> None:
        actions.grant_goodwill(
            actor=granter,
            ticket_id=request_ticket.pk,
            amount=amount,
            currency="EUR",
            reason="Sorry.",
        )

    grant(agent, "5")
    _page_queries(client, request_ticket)  # warm the grant cache
    one = _page_queries(client, request_ticket)
    for number, granter in enumerate(granters):
        grant(granter, str(6 + number))
    assert _page_queries(client, request_ticket) == one


def test_incidents_show_no_approval_panel(client, agent, team):
    incident = TicketFactory(team=team, status=Status.IN_PROGRESS)
    client.force_login(agent)
    text = client.get(url(incident, "detail")).content.decode()
    assert 'id="panel-approval"' not in text
    assert 'id="panel-goodwill"' in text
