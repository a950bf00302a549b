"""Scope review: the job opens one suggestion per kind, decision and holder; managers of the
grant concerned accept (into the grant editor) or dismiss it; nothing changes a grant."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from latitude.core.audit import AuditEntry
from latitude.core.errors import InvalidInput, InvalidTransition, NotFound
from latitude.core.periodic import discover_periodic
from latitude.scopes.models import GrantVersion, ScopeSuggestion
from latitude.scopes.tests.helpers import team_grant
from latitude.scopes.tests.trust.history import asked, taken
from latitude.scopes.tests.ui.conftest import ROLES, Desk
from latitude.scopes.trust.actions import accept_suggestion, dismiss_suggestion
from latitude.scopes.trust.suggest import review_scopes

pytestmark = pytest.mark.django_db

THRESHOLDS = {
    "LATITUDE_REVIEW_WIDEN_MIN_REQUESTS": 3,
    "LATITUDE_REVIEW_WIDEN_APPROVAL_PERCENT": 90,
    "LATITUDE_REVIEW_WIDEN_REVERSAL_PERCENT": 10,
    "LATITUDE_REVIEW_NARROW_MIN_DECISIONS": 4,
    "LATITUDE_REVIEW_NARROW_REVERSAL_PERCENT": 30,
}


def test_the_periodic_jobs_of_the_scopes_app_are_discovered() -> None:
    jobs = discover_periodic()
    assert {"scopes.expire_requests", "scopes.reroute_requests", "scopes.review_scopes"} <= set(
        jobs
    )
    assert jobs["scopes.expire_requests"].every.total_seconds() == 15 * 60
    assert jobs["scopes.reroute_requests"].every.total_seconds() == 15 * 60


def _history(desk: Desk) -> GrantVersion:
    """The team asks often and is always approved (widen); the other team's resolutions are
    reversed half the time (narrow)."""
    version = team_grant(desk.team, "ticket.set_priority")
    for _ in range(3):
        asked(desk.agent, "ticket.set_priority", team=desk.team)
    network = team_grant(desk.other_team, "ticket.resolve")
    for number in range(4):
        taken(desk.other_agent, team=desk.other_team, reversed=number % 2 == 0, grant=network)
    return version


@override_settings(**THRESHOLDS)
def test_the_job_suggests_widening_and_narrowing_once(desk: Desk) -> None:
    widened = _history(desk)
    assert review_scopes() == 4  # widen for the agent and their team, narrow for both others
    assert review_scopes() == 0
    found = {(s.kind, s.holder_key): s for s in ScopeSuggestion.objects.all()}
    assert set(found) == {
        ("widen", f"person:{desk.agent.pk}"),
        ("widen", f"team:{desk.team.pk}"),
        ("narrow", f"person:{desk.other_agent.pk}"),
        ("narrow", f"team:{desk.other_team.pk}"),
    }
    team_widen = found[("widen", f"team:{desk.team.pk}")]
    assert (team_widen.grant_id, team_widen.grant_version) == (widened.grant_id, 1)
    assert team_widen.evidence["requests"] == 3
    assert team_widen.evidence["approval_rate"] == 1.0
    assert found[("narrow", f"team:{desk.other_team.pk}")].evidence["reversal_rate"] == 0.5
    assert found[("widen", f"person:{desk.agent.pk}")].grant_id is None


@override_settings(**THRESHOLDS)
def test_below_the_thresholds_nothing_is_suggested(desk: Desk) -> None:
    for _ in range(2):
        asked(desk.agent, "ticket.set_priority", team=desk.team)
    asked(desk.agent, "ticket.set_priority", team=desk.team, status="declined")
    assert review_scopes() == 0


@override_settings(**THRESHOLDS)
def test_a_dismissed_suggestion_can_come_back_as_a_new_one(desk: Desk) -> None:
    _history(desk)
    review_scopes()
    first = ScopeSuggestion.objects.get(holder_key=f"team:{desk.team.pk}")
    dismiss_suggestion(actor=desk.lead, suggestion_id=first.pk, note="Not yet.")
    assert review_scopes() == 1


def _team_suggestion(desk: Desk) -> ScopeSuggestion:
    _history(desk)
    review_scopes()
    return ScopeSuggestion.objects.get(holder_key=f"team:{desk.team.pk}")


@override_settings(**THRESHOLDS)
def test_the_lead_accepts_with_an_audit_entry_and_the_grant_is_unchanged(desk: Desk) -> None:
    suggestion = _team_suggestion(desk)
    versions = GrantVersion.objects.count()
    accept_suggestion(actor=desk.lead, suggestion_id=suggestion.pk, note="Fair.")
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by) == ("accepted", desk.lead)
    assert GrantVersion.objects.count() == versions
    entry = AuditEntry.objects.get(verb="scopes.suggestion_accepted")
    assert entry.subject_id == suggestion.pk
    with pytest.raises(InvalidTransition):
        dismiss_suggestion(actor=desk.lead, suggestion_id=suggestion.pk, note="No.")


@override_settings(**THRESHOLDS)
def test_dismissing_needs_a_note_and_a_manager(desk: Desk) -> None:
    suggestion = _team_suggestion(desk)
    with pytest.raises(InvalidInput):
        dismiss_suggestion(actor=desk.lead, suggestion_id=suggestion.pk, note=" ")
    for outsider in (desk.agent, desk.other_agent, desk.requester):
        with pytest.raises(NotFound):
            dismiss_suggestion(actor=outsider, suggestion_id=suggestion.pk, note="No.")
    dismiss_suggestion(actor=desk.admin, suggestion_id=suggestion.pk, note="Not now.")
    assert AuditEntry.objects.filter(verb="scopes.suggestion_dismissed").count() == 1


REVIEW_SEES = {"anonymous": 302, "requester": 404, "other_agent": 404, "agent": 404,
               "lead": 200, "admin": 200}  # fmt: skip


@override_settings(**THRESHOLDS)
@pytest.mark.parametrize("role", ROLES)
def test_review_page_matrix(desk: Desk, role: str) -> None:
    suggestion = _team_suggestion(desk)
    other = ScopeSuggestion.objects.get(holder_key=f"team:{desk.other_team.pk}")
    response = desk.client(role).get(reverse("trust:review"))
    assert response.status_code == REVIEW_SEES[role]
    if response.status_code == 200:
        text = response.content.decode()
        assert f'id="suggestion-{suggestion.pk}"' in text
        assert (f'id="suggestion-{other.pk}"' in text) == (role == "admin")


@override_settings(**THRESHOLDS)
@pytest.mark.parametrize("role", ROLES)
def test_accept_matrix_leads_to_the_grant_editor(desk: Desk, role: str) -> None:
    suggestion = _team_suggestion(desk)
    response = desk.client(role).post(reverse("trust:accept", args=[suggestion.pk]))
    expected = {"anonymous": 302, "lead": 302, "admin": 302}.get(role, 404)
    assert response.status_code == expected
    suggestion.refresh_from_db()
    assert suggestion.is_open == (role not in ("lead", "admin"))
    if not suggestion.is_open:
        editor = reverse("scopes:grant_edit", args=[suggestion.grant_id])
        assert response["Location"] == f"{editor}?suggestion={suggestion.pk}"


@override_settings(**THRESHOLDS)
def test_accepting_without_a_grant_opens_a_prefilled_new_grant(desk: Desk) -> None:
    _history(desk)
    review_scopes()
    personal = ScopeSuggestion.objects.get(holder_key=f"person:{desk.agent.pk}")
    response = desk.client("lead").post(reverse("trust:accept", args=[personal.pk]))
    assert response.status_code == 302
    form = desk.client("lead").get(response["Location"]).content.decode()
    assert '<option value="person" selected>' in form
    assert f'<option value="{desk.agent.pk}" selected>Ada Agent</option>' in form
    assert re.search(r'value="ticket.set_priority"[^>]*checked', form)


@override_settings(**THRESHOLDS)
def test_dismiss_without_a_note_shows_the_error(desk: Desk) -> None:
    suggestion = _team_suggestion(desk)
    response = desk.client("lead").post(reverse("trust:dismiss", args=[suggestion.pk]), {})
    assert response.status_code == 422
    assert "Say why you dismiss this suggestion." in response.content.decode()
    ok = desk.client("lead").post(
        reverse("trust:dismiss", args=[suggestion.pk]), {"note": "Later."}
    )
    assert ok.status_code == 302


@override_settings(**THRESHOLDS)
def test_the_review_page_costs_the_same_whatever_the_suggestions(
    desk: Desk, django_assert_max_num_queries
) -> None:
    _history(desk)
    review_scopes()
    client = desk.client("admin")
    client.get(reverse("trust:review"))
    with django_assert_max_num_queries(1000) as few:
        client.get(reverse("trust:review"))
    for number in range(3):
        asked(desk.admin, "ticket.merge", team=desk.team)
        asked(desk.lead, f"ticket.{['close', 'reopen', 'merge'][number]}", team=desk.team)
    asked(desk.lead, "ticket.close", team=desk.team)
    asked(desk.lead, "ticket.close", team=desk.team)
    review_scopes()
    with django_assert_max_num_queries(1000) as many:
        client.get(reverse("trust:review"))
    assert ScopeSuggestion.objects.count() > 4
    assert len(many.captured_queries) == len(few.captured_queries)
