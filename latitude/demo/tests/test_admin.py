import pytest
from django.urls import reverse

from latitude.core.models import AuditEntry
from latitude.people.actions import create_api_token
from latitude.people.models import TeamMembership, User
from latitude.testing.factories import (
    AdminFactory,
    AgentFactory,
    CategoryFactory,
    RequesterFactory,
    ServiceFactory,
    TeamFactory,
    TicketFactory,
    member_of,
)
from latitude.tickets.models import PriorityRule

CHANGELISTS = [
    "core_auditentry",
    "people_user",
    "people_orgunit",
    "people_team",
    "people_apitoken",
    "catalog_service",
    "catalog_category",
    "tickets_priorityrule",
    "tickets_ticket",
]


@pytest.fixture
def admin_client(client, db):
    client.force_login(AdminFactory())
    return client


@pytest.fixture
def configuration(db):
    team = TeamFactory()
    member_of(team, AgentFactory())
    ServiceFactory(owner_team=team)
    CategoryFactory()
    TicketFactory(team=team)
    owner = AgentFactory()
    create_api_token(actor=owner, user=owner, name="laptop")


@pytest.mark.parametrize("model", CHANGELISTS)
def test_admin_changelists_open_for_an_administrator(admin_client, configuration, model):
    response = admin_client.get(reverse(f"admin:{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", CHANGELISTS)
@pytest.mark.parametrize("person", [AgentFactory, RequesterFactory])
def test_admin_changelists_send_others_to_the_admin_sign_in(client, db, model, person):
    client.force_login(person())
    response = client.get(reverse(f"admin:{model}_changelist"))
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert reverse("admin:login") in response["Location"]


def test_audit_entries_cannot_be_added_changed_or_deleted_in_the_admin(admin_client):
    owner = AgentFactory()
    create_api_token(actor=owner, user=owner, name="laptop")
    entry = AuditEntry.objects.get()
    assert admin_client.get(reverse("admin:core_auditentry_add")).status_code == 403
    delete_url = reverse("admin:core_auditentry_delete", args=[entry.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    change_url = reverse("admin:core_auditentry_change", args=[entry.pk])
    page = admin_client.get(change_url)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert admin_client.post(change_url, {"verb": "forged"}).status_code == 403
    assert AuditEntry.objects.get().verb == "people.token_created"


def test_tickets_are_read_only_in_the_admin(admin_client):
    ticket = TicketFactory()
    change_url = reverse("admin:tickets_ticket_change", args=[ticket.pk])
    page = admin_client.get(change_url)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert admin_client.post(change_url, {"subject": "changed"}).status_code == 403
    assert admin_client.get(reverse("admin:tickets_ticket_add")).status_code == 403
    ticket.refresh_from_db()
    assert ticket.subject != "changed"


def test_administrator_adds_a_person_with_a_password_and_the_change_is_audited(admin_client):
    response = admin_client.post(
        reverse("admin:people_user_add"),
        {
            "email": "  New.Person@Example.org ",
            "full_name": "New Person",
            "language": "de",
            "time_zone": "Europe/Vienna",
            "usable_password": "true",
            "password1": "a long enough secret 42",
            "password2": "a long enough secret 42",
        },
    )
    assert response.status_code == 302, response.content
    person = User.objects.get(email="new.person@example.org")
    assert person.check_password("a long enough secret 42")
    assert (person.language, person.time_zone) == ("de", "Europe/Vienna")
    entry = AuditEntry.objects.get(verb="admin.created", subject_id=person.pk)
    assert "password1" not in entry.changes
    assert entry.subject_type == "people.user"


def test_a_second_account_with_the_same_address_in_other_case_is_refused(admin_client):
    AgentFactory(email="taken@example.org")
    response = admin_client.post(
        reverse("admin:people_user_add"),
        {
            "email": "TAKEN@example.org",
            "full_name": "Copy",
            "usable_password": "true",
            "password1": "a long enough secret 42",
            "password2": "a long enough secret 42",
        },
    )
    assert response.status_code == 200
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1


def test_unknown_time_zone_is_refused_in_the_admin(admin_client):
    person = RequesterFactory()
    response = admin_client.post(
        reverse("admin:people_user_change", args=[person.pk]),
        {
            "email": person.email,
            "full_name": person.full_name,
            "time_zone": "Mars/Olympus",
            "is_active": "on",
            "is_requester": "on",
        },
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.time_zone == ""


def test_administrator_revokes_tokens_through_the_audited_action(admin_client):
    owner = AgentFactory()
    issued = create_api_token(actor=owner, user=owner, name="script")
    response = admin_client.post(
        reverse("admin:people_apitoken_changelist"),
        {
            "action": "revoke",
            "_selected_action": [issued.token.pk],
        },
    )
    assert response.status_code == 302
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is not None
    assert AuditEntry.objects.filter(verb="people.token_revoked").count() == 1


def test_editing_the_priority_matrix_is_audited(admin_client):
    # Transactional tests elsewhere flush the seeded matrix, so make sure the cell exists.
    rule, _created = PriorityRule.objects.get_or_create(
        impact=1, urgency=1, defaults={"priority": 1}
    )
    url = reverse("admin:tickets_priorityrule_change", args=[rule.pk])
    response = admin_client.post(
        url,
        {
            "impact": rule.impact,
            "urgency": rule.urgency,
            "priority": 2 if rule.priority != 2 else 3,
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(verb="admin.changed", subject_type="tickets.priorityrule")
    assert list(entry.changes) == ["priority"]


def test_team_members_added_in_the_admin_are_audited(admin_client):
    team = TeamFactory(name="Workplace", slug="workplace")
    agent = AgentFactory()
    response = admin_client.post(
        reverse("admin:people_team_change", args=[team.pk]),
        {
            "name": team.name,
            "slug": team.slug,
            "description": "",
            "is_active": "on",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": agent.pk,
        },
    )
    assert response.status_code == 302, response.content
    assert team.members.filter(pk=agent.pk).exists()
    membership = TeamMembership.objects.get(team=team, user=agent)
    entry = AuditEntry.objects.get(verb="admin.changed", subject_type="people.team")
    assert entry.context == {"teammembership": {"added": [membership.pk], "removed": []}}
