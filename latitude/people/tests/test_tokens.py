"""Personal API tokens: shown once, stored as a digest, checked afresh on every use."""

from datetime import timedelta

import pytest
from django.utils import timezone

from latitude.core.actors import SystemActor
from latitude.core.errors import NotFound, NotPermitted
from latitude.core.models import AuditEntry
from latitude.people.actions import (
    TOKEN_PREFIX,
    create_api_token,
    revoke_api_token,
    token_digest,
    user_for_token,
)
from latitude.people.models import ApiToken
from latitude.testing.factories import AdminFactory, AgentFactory, RequesterFactory

pytestmark = pytest.mark.django_db


def test_a_token_is_shown_once_and_stored_only_as_a_digest() -> None:
    person = AgentFactory()

    issued = create_api_token(actor=person, user=person, name="laptop script")

    assert issued.secret.startswith(TOKEN_PREFIX)
    assert len(issued.secret) > 40
    stored = ApiToken.objects.get()
    assert stored.digest == token_digest(issued.secret)
    assert issued.secret not in {stored.digest, stored.prefix, stored.name}
    assert stored.prefix == issued.secret[:12]
    entry = AuditEntry.objects.get(verb="people.token_created")
    assert issued.secret not in str(entry.changes) + str(entry.context)


def test_two_tokens_never_share_a_secret() -> None:
    person = AgentFactory()

    secrets = {create_api_token(actor=person, user=person, name="t").secret for _ in range(5)}

    assert len(secrets) == 5


def test_a_blank_name_becomes_token_and_a_long_one_is_cut() -> None:
    person = AgentFactory()

    blank = create_api_token(actor=person, user=person, name="").token
    long = create_api_token(actor=person, user=person, name="n" * 500).token

    assert (blank.name, len(long.name)) == ("token", 100)


def test_only_admins_issue_tokens_for_someone_else() -> None:
    person = AgentFactory()

    with pytest.raises(NotPermitted):
        create_api_token(actor=AgentFactory(), user=person, name="sneaky")
    create_api_token(actor=AdminFactory(), user=person, name="provisioned")
    create_api_token(actor=SystemActor("cli"), user=person, name="from the command line")

    assert person.api_tokens.count() == 2


def test_a_valid_token_identifies_its_owner_and_notes_its_use() -> None:
    person = AgentFactory()
    issued = create_api_token(actor=person, user=person, name="t")

    assert user_for_token(issued.secret) == person
    issued.token.refresh_from_db()
    assert issued.token.last_used_at is not None


@pytest.mark.parametrize(
    "secret",
    ["", "lat_", "lat_nonsense", "Bearer lat_x", "x" * 500, "lat_" + "x" * 300, "lat_%", "lat_*"],
)
def test_unknown_or_malformed_secrets_identify_nobody(secret: str) -> None:
    person = AgentFactory()
    create_api_token(actor=person, user=person, name="t")

    assert user_for_token(secret) is None


def test_a_revoked_token_stops_working() -> None:
    person = AgentFactory()
    issued = create_api_token(actor=person, user=person, name="t")

    revoke_api_token(actor=person, token_id=issued.token.pk)
    revoke_api_token(actor=person, token_id=issued.token.pk)

    assert user_for_token(issued.secret) is None
    assert AuditEntry.objects.filter(verb="people.token_revoked").count() == 1


def test_an_expired_token_stops_working() -> None:
    person = AgentFactory()
    issued = create_api_token(
        actor=person, user=person, name="t", expires_at=timezone.now() - timedelta(seconds=1)
    )

    assert user_for_token(issued.secret) is None


def test_a_deactivated_persons_token_stops_working_at_once() -> None:
    person = AgentFactory()
    issued = create_api_token(actor=person, user=person, name="t")
    person.is_active = False
    person.save()

    assert user_for_token(issued.secret) is None


def test_someone_elses_token_cannot_be_revoked_or_even_found() -> None:
    person = AgentFactory()
    issued = create_api_token(actor=person, user=person, name="t")

    with pytest.raises(NotFound):
        revoke_api_token(actor=RequesterFactory(), token_id=issued.token.pk)
    with pytest.raises(NotFound):
        revoke_api_token(actor=person, token_id=issued.token.pk + 999)

    assert user_for_token(issued.secret) == person


def test_an_admin_revokes_anyones_token() -> None:
    person = AgentFactory()
    issued = create_api_token(actor=person, user=person, name="t")

    revoke_api_token(actor=AdminFactory(), token_id=issued.token.pk)

    assert user_for_token(issued.secret) is None
