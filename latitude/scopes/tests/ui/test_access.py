"""Who reaches which scope page: anonymous people are sent to sign in, requesters find no
such page, agents reach their own pages, leads and admins the scope administration."""

import pytest
from django.urls import reverse

from latitude.scopes.models import Grant
from latitude.scopes.tests.ui.conftest import ROLES, Desk
from latitude.scopes.tests.ui.helpers import raise_to_p1

pytestmark = pytest.mark.django_db

# status by role: requester, other_agent, agent, lead, admin (anonymous: sign in)
EVERY_DESK_USER = (404, 200, 200, 200, 200)
SCOPE_ADMINS = (404, 404, 404, 200, 200)


def _grant_id() -> int:
    return Grant.objects.order_by("pk").values_list("pk", flat=True).first() or 0


PAGES = [
    ("scopes:mine", {}, EVERY_DESK_USER),
    ("scopes:requests", {}, EVERY_DESK_USER),
    ("scopes:grants", {}, SCOPE_ADMINS),
    ("scopes:grant_new", {}, SCOPE_ADMINS),
    ("scopes:grant", {"grant_id": _grant_id}, SCOPE_ADMINS),
    ("scopes:grant_edit", {"grant_id": _grant_id}, SCOPE_ADMINS),
    ("scopes:preview", {}, SCOPE_ADMINS),
]


def _url(name: str, kwargs: dict) -> str:
    return reverse(name, kwargs={key: value() for key, value in kwargs.items()})


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "kwargs", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_pages_by_role(desk: Desk, role: str, name: str, kwargs: dict, expected: tuple) -> None:
    response = desk.client(role).get(_url(name, kwargs))

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected[ROLES.index(role) - 1]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("requester", 404), ("other_agent", 404), ("agent", 200),
     ("lead", 200), ("admin", 200)],
)  # fmt: skip
def test_a_request_is_seen_by_its_requester_the_people_it_went_to_and_admins(
    desk: Desk, role: str, expected: int
) -> None:
    request = raise_to_p1(desk.agent, desk.ticket())

    response = desk.client(role).get(reverse("scopes:request", args=[request.pk]))

    assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "approve", "decline", "withdraw"),
    [
        ("requester", 404, 404, 404),
        ("other_agent", 404, 404, 404),
        ("agent", 403, 403, 302),  # the requester may withdraw, never answer
        ("lead", 302, 302, 403),
        ("admin", 302, 302, 403),
    ],
)
def test_answering_a_request_by_role(
    desk: Desk, role: str, approve: int, decline: int, withdraw: int
) -> None:
    client = desk.client(role)
    for action, expected, data in (
        ("scopes:approve", approve, {"note": ""}),
        ("scopes:decline", decline, {"reason": "Not a major incident."}),
        ("scopes:withdraw", withdraw, {"reason": ""}),
    ):
        request = raise_to_p1(desk.agent, desk.ticket())
        response = client.post(reverse(action, args=[request.pk]), data)
        assert response.status_code == expected, (action, response.status_code)


@pytest.mark.parametrize(
    "name",
    ["scopes:approve", "scopes:decline", "scopes:withdraw", "scopes:delegate", "scopes:absence"],
)
def test_posts_of_anonymous_people_go_to_sign_in(desk: Desk, name: str) -> None:
    args = [1] if name in ("scopes:approve", "scopes:decline", "scopes:withdraw") else []
    response = desk.client("anonymous").post(reverse(name, args=args), {})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["scopes:requests", "scopes:mine", "scopes:grants"])
def test_pages_refuse_posts_and_answers_refuse_gets(desk: Desk, name: str) -> None:
    client = desk.client("admin")
    assert client.post(reverse(name)).status_code == 405
    request = raise_to_p1(desk.agent, desk.ticket())
    assert client.get(reverse("scopes:approve", args=[request.pk])).status_code == 405


def test_deactivated_person_is_signed_out_of_the_scope_pages(desk: Desk) -> None:
    client = desk.client("lead")
    assert client.get(reverse("scopes:grants")).status_code == 200
    desk.lead.is_active = False
    desk.lead.save(update_fields=["is_active"])

    response = client.get(reverse("scopes:grants"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
