"""My latitude: what the person may decide and who decides beyond it, lending a grant, and
being away."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from latitude.people.models import Absence
from latitude.scopes import registry
from latitude.scopes.models import DecisionRoute, Grant, GrantVersion
from latitude.scopes.tests.ui.conftest import Desk
from latitude.scopes.tests.ui.helpers import raise_to_p1, text_of

pytestmark = pytest.mark.django_db

MINE = reverse("scopes:mine")


def _section(text: str, decision_id: str) -> str:
    start = text.index(f'id="decision-{decision_id}"')
    return text[start : text.index("</article>", start)]


def test_an_agent_sees_limits_grant_version_effect_and_who_decides_beyond(desk: Desk) -> None:
    text = text_of(desk.client("agent").get(MINE))

    resolve = _section(text, "ticketresolve")
    assert "yours, within limits" in resolve
    assert "agents may resolve tickets when priority is at least P2 high" in resolve
    assert "Grant “Agents: resolve, close and reopen below P1”, version 1" in resolve
    assert "decide alone" in resolve
    assert "no end date" in resolve
    assert "Beyond your limits, it goes to:" in resolve
    assert resolve.index("Lea Lead") < resolve.index("Ann Admin")  # own lead first
    assert "lead of your team Service Desk" in resolve

    goodwill = _section(text, "ticketgoodwill")
    assert "not yours alone" in goodwill
    assert "Who decides it:" in goodwill
    assert "Ann Admin" in goodwill

    merge = _section(text, "ticketmerge")
    assert "yours, without limits" in merge
    assert "Beyond your limits" not in merge


def test_an_administrator_holds_everything_without_limits(desk: Desk) -> None:
    text = text_of(desk.client("admin").get(MINE))

    assert text.count("yours, without limits") == len(registry.all_decisions())
    assert "not yours alone" not in text


def test_the_page_costs_a_bounded_number_of_queries(
    desk: Desk, django_assert_max_num_queries
) -> None:
    client = desk.client("agent")
    client.get(MINE)
    # 44 with the 13 decisions registered now (the approval, goodwill and unmerge decisions
    # added 3): the decisions an agent does not hold each look up their nearest holders;
    # one more for the teams whose trust metrics the page links to.
    with django_assert_max_num_queries(45):
        client.get(MINE)


def _lend(desk: Desk, **data: str):
    grant = Grant.objects.get(name="Agents: resolve, close and reopen below P1")
    until = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    values = {
        "delegate-grant": str(grant.pk),
        "delegate-to_person": str(desk.other_agent.pk),
        "delegate-valid_until": until,
        "delegate-rationale": "Holiday cover.",
        **data,
    }
    return desk.client("agent").post(reverse("scopes:delegate"), values, follow=True)


def test_lending_a_grant_shows_it_given_and_received_with_its_period(desk: Desk) -> None:
    response = _lend(desk, **{"delegate-decisions": "ticket.resolve"})

    assert "Otto Other may now decide for you until" in text_of(response)
    lent = GrantVersion.objects.get(grant__delegated_from__isnull=False)
    assert (lent.holder_person, lent.decisions) == (desk.other_agent, ["ticket.resolve"])
    assert "Holiday cover." in text_of(desk.client("agent").get(MINE))
    received = text_of(desk.client("other_agent").get(MINE))
    assert "Lent to you" in received
    assert "Holiday cover." in received
    assert "delegated from “Agents: resolve, close and reopen below P1”" in received


def test_lending_refused_by_the_action_shows_the_reason_at_the_field(desk: Desk) -> None:
    response = _lend(desk, **{"delegate-valid_until": "2001-01-01T10:00"})

    assert response.status_code == 422
    assert "A delegation needs an end in the future." in text_of(response)
    assert not Grant.objects.filter(delegated_from__isnull=False).exists()


def test_giving_a_lent_grant_back_ends_it_or_asks_for_a_decision(desk: Desk) -> None:
    _lend(desk)
    lent = Grant.objects.get(delegated_from__isnull=False)

    response = desk.client("other_agent").post(
        reverse("scopes:end_delegation", args=[lent.pk]), follow=True
    )

    # Revoking a grant is the decision scope.edit: an agent asks a lead or an administrator.
    assert "sent to" in text_of(response)
    assert (
        desk.client("lead").post(reverse("scopes:end_delegation", args=[lent.pk])).status_code
        == 404
    )


def test_an_absence_moves_waiting_requests_on_and_ends_again(desk: Desk) -> None:
    request = raise_to_p1(desk.agent, desk.ticket())
    assert DecisionRoute.objects.filter(request=request, person=desk.lead, active=True).exists()
    back = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    client = desk.client("lead")

    response = client.post(
        reverse("scopes:absence"), {"absence-ends_at": back, "absence-note": "Offsite"}, follow=True
    )

    assert "1 moved on now" in text_of(response)
    assert not DecisionRoute.objects.filter(request=request, person=desk.lead, active=True).exists()
    absence = Absence.objects.get(person=desk.lead)
    client.post(reverse("scopes:end_absence", args=[absence.pk]))
    absence.refresh_from_db()
    assert absence.ends_at <= max(timezone.now(), absence.starts_at + timedelta(seconds=1))


def test_an_absence_that_ends_before_it_starts_is_refused_at_the_field(desk: Desk) -> None:
    response = desk.client("agent").post(
        reverse("scopes:absence"),
        {"absence-starts_at": "2031-05-02T10:00", "absence-ends_at": "2031-05-01T10:00"},
    )

    assert response.status_code == 422
    assert "The absence must end after it starts." in text_of(response)


def test_nobody_ends_someone_elses_absence_by_guessing_its_number(desk: Desk) -> None:
    absence = Absence.objects.create(
        person=desk.agent,
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(days=1),
    )

    response = desk.client("other_agent").post(reverse("scopes:end_absence", args=[absence.pk]))

    assert response.status_code == 404
