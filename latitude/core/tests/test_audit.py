"""The audit trail: written with the change, never rewritten afterwards."""

import pytest
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from latitude.core import audit
from latitude.core.actors import SystemActor
from latitude.core.middleware import RequestIdMiddleware
from latitude.core.models import AppendOnlyError, AuditEntry
from latitude.core.request_context import request_id_scope
from latitude.testing.factories import AgentFactory, TeamFactory, TicketFactory, member_of
from latitude.tickets import events
from latitude.tickets.actions import take_ticket


@pytest.fixture
def entry() -> AuditEntry:
    ticket = TicketFactory()
    with transaction.atomic():
        return audit.record(
            actor=ticket.requester, verb="test.poked", subject=ticket, changes={"x": [1, 2]}
        )


@pytest.mark.django_db
def test_an_entry_names_actor_verb_subject_and_changes(entry: AuditEntry) -> None:
    ticket = TicketFactory._meta.model.objects.get()

    assert entry.actor == ticket.requester
    assert entry.actor_repr == str(ticket.requester)
    assert (entry.verb, entry.subject_type, entry.subject_id) == (
        "test.poked",
        "tickets.ticket",
        ticket.pk,
    )
    assert entry.subject_repr == str(ticket)
    assert entry.changes == {"x": [1, 2]}
    assert entry.request_id == ""


@pytest.mark.django_db
def test_saving_an_existing_entry_is_refused(entry: AuditEntry) -> None:
    entry.verb = "test.forged"

    with pytest.raises(AppendOnlyError):
        entry.save()

    assert AuditEntry.objects.get().verb == "test.poked"


@pytest.mark.django_db
def test_deleting_an_entry_is_refused(entry: AuditEntry) -> None:
    with pytest.raises(AppendOnlyError):
        entry.delete()

    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("entry")
def test_bulk_update_and_delete_are_refused() -> None:
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(verb="test.poked").update(verb="test.forged")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(changes={})
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError), transaction.atomic():
        AuditEntry.objects.bulk_update(list(AuditEntry.objects.all()), ["verb"])

    assert AuditEntry.objects.get().verb == "test.poked"


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused() -> None:
    ticket = TicketFactory()

    with pytest.raises(RuntimeError):
        audit.record(actor=ticket.requester, verb="test.poked", subject=ticket)

    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_a_system_actor_is_recorded_by_name() -> None:
    ticket = TicketFactory()

    with transaction.atomic():
        entry = audit.record(actor=SystemActor("sla"), verb="test.escalated", subject=ticket)

    assert (entry.actor, entry.actor_repr) == (None, "system:sla")


@pytest.mark.django_db
def test_the_request_id_in_scope_is_recorded() -> None:
    ticket = TicketFactory()

    with request_id_scope("abc12345-req") as request_id, transaction.atomic():
        entry = audit.record(actor=ticket.requester, verb="test.poked", subject=ticket)

    assert entry.request_id == request_id == "abc12345-req"


@pytest.mark.django_db
def test_an_action_run_during_a_request_records_the_requests_id() -> None:
    team = TeamFactory()
    agent = member_of(team, AgentFactory())
    ticket = TicketFactory(team=team)

    def view(request: HttpRequest) -> HttpResponse:
        take_ticket(actor=agent, ticket_id=ticket.pk)
        return HttpResponse("taken")

    request = RequestFactory().post("/desk/take", HTTP_X_REQUEST_ID="trace-0001-abcd")
    response = RequestIdMiddleware(view)(request)

    entry = AuditEntry.objects.get(verb=events.OWNER_CHANGED)
    assert entry.request_id == response["X-Request-ID"] == "trace-0001-abcd"


def test_diff_keeps_only_changed_fields() -> None:
    assert audit.diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": None}) == {"b": [2, 3]}
