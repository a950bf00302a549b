"""Reporting a problem and requesting something from the portal."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from latitude.core.models import AuditEntry
from latitude.portal.tests.conftest import png_upload
from latitude.testing.factories import CategoryFactory, ServiceFactory
from latitude.tickets.choices import Impact, Kind, Priority, Urgency
from latitude.tickets.models import Ticket

pytestmark = pytest.mark.django_db

NEW_INCIDENT = reverse("portal:new-incident")
NEW_REQUEST = reverse("portal:new-request")


def incident_data(**overrides):
    data = {
        "subject": "Printer on floor 2 does not print",
        "description": "Jobs stay in the queue.",
        "service": "",
        "category": "",
        "impact": str(Impact.LOW),
        "urgency": str(Urgency.LOW),
    }
    return {**data, **overrides}


def test_reporting_a_problem_opens_an_incident_routed_to_the_services_team(
    requester_client, requester
):
    service = ServiceFactory()

    response = requester_client.post(NEW_INCIDENT, incident_data(service=service.pk))

    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:ticket", args=[ticket.number])
    assert ticket.kind == Kind.INCIDENT
    assert ticket.requester == requester
    assert ticket.team == service.owner_team
    assert AuditEntry.objects.filter(
        verb="ticket.opened", subject_type="tickets.ticket", subject_id=ticket.pk, actor=requester
    ).exists()


def test_requesting_something_opens_a_service_request(requester_client, requester):
    service = ServiceFactory(requestable=True)
    category = CategoryFactory(applies_to="request")

    requester_client.post(
        NEW_REQUEST, incident_data(subject="New laptop", service=service.pk, category=category.pk)
    )

    ticket = Ticket.objects.get()
    assert (ticket.kind, ticket.service, ticket.category) == (Kind.REQUEST, service, category)
    assert ticket.team == service.owner_team
    assert ticket.number.startswith("REQ-")
    assert AuditEntry.objects.filter(verb="ticket.opened", subject_id=ticket.pk).count() == 1


def test_plain_impact_and_urgency_answers_set_the_priority(requester_client):
    requester_client.post(
        NEW_INCIDENT, incident_data(impact=str(Impact.HIGH), urgency=str(Urgency.HIGH))
    )

    assert Ticket.objects.get().priority == Priority.P1


def test_form_asks_impact_and_urgency_in_plain_words(requester_client):
    response = requester_client.get(NEW_INCIDENT)

    assert response.status_code == 200
    assert "How many people are affected?" in response.text
    assert "How urgent is it for you?" in response.text
    assert '<label for="id_subject">Subject</label>' in response.text


def test_request_form_offers_only_requestable_active_services(requester_client):
    offered = ServiceFactory(name="Laptops", requestable=True)
    ServiceFactory(name="Core network", requestable=False)
    ServiceFactory(name="Old fax", is_active=False)

    response = requester_client.get(NEW_REQUEST)

    services = list(response.context["form"].fields["service"].queryset)
    assert services == [offered]


def test_requesting_a_service_that_is_not_requestable_is_a_field_error(requester_client):
    hidden = ServiceFactory(requestable=False)

    response = requester_client.post(NEW_REQUEST, incident_data(service=hidden.pk))

    assert response.status_code == 400
    assert "service" in response.context["form"].errors
    assert not Ticket.objects.exists()


def test_category_choices_are_filtered_by_kind(requester_client):
    for_incidents = CategoryFactory(name="Broken hardware", applies_to="incident")
    for_requests = CategoryFactory(name="New hardware", applies_to="request")
    for_both = CategoryFactory(name="Software", applies_to="any")

    response = requester_client.get(NEW_INCIDENT)

    categories = set(response.context["form"].fields["category"].queryset)
    assert categories == {for_incidents, for_both}
    assert for_requests not in categories


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("subject", ""),
        ("subject", "x" * 201),
        ("description", ""),
        ("service", "999999"),
        ("service", "not-a-number"),
        ("category", "999999"),
        ("impact", "7"),
        ("urgency", "urgent"),
    ],
)
def test_bad_input_is_shown_on_the_field_and_opens_nothing(requester_client, field, value):
    response = requester_client.post(NEW_INCIDENT, incident_data(**{field: value}))

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Ticket.objects.exists()


def test_a_category_for_the_other_kind_is_refused(requester_client):
    for_requests = CategoryFactory(applies_to="request")

    response = requester_client.post(NEW_INCIDENT, incident_data(category=for_requests.pk))

    assert response.status_code == 400
    assert "category" in response.context["form"].errors


def test_attachment_is_stored_with_the_new_ticket(requester_client):
    data = incident_data(attachment=png_upload())

    requester_client.post(NEW_INCIDENT, data)

    attachment = Ticket.objects.get().attachments.get()
    assert attachment.original_name == "screenshot.png"
    assert not attachment.is_internal


def test_refused_attachment_shows_the_reason_and_opens_no_ticket(requester_client):
    page = SimpleUploadedFile("page.html", b"<html><script>alert(1)</script>", "text/html")

    response = requester_client.post(NEW_INCIDENT, incident_data(attachment=page))

    assert response.status_code == 422
    assert response.context["form"].errors["attachment"] == ["Files of this type are not accepted."]
    assert not Ticket.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(NEW_INCIDENT)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
