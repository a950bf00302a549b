"""The standard latitude every new desk starts with; administrators edit or revoke it like any
other grant. Kept inline (not imported) so that later code changes do not rewrite history."""

import uuid

from django.db import migrations
from django.utils import timezone

EVERYDAY = ["ticket.resolve", "ticket.close", "ticket.reopen"]
ALL_TICKET = [
    "ticket.resolve", "ticket.close", "ticket.reopen", "ticket.set_priority",
    "ticket.transfer_team", "ticket.merge", "ticket.waive_sla", "request.approve",
    "ticket.goodwill",
]
NOT_P1 = {"fact": "priority", "op": "gte", "value": 2}

STANDARD = [
    ("Agents: resolve, close and reopen below P1", "agent", EVERYDAY, NOT_P1,
     "Agents close their own work; major incidents (P1) are decided with a team lead."),
    ("Agents: set priorities below P1", "agent", ["ticket.set_priority"],
     {"fact": "to", "op": "gte", "value": 2},
     "Declaring a major incident (raising to P1) is a team lead's call."),
    ("Agents: hand-offs and merges", "agent", ["ticket.transfer_team", "ticket.merge"],
     {"all": []}, "Routing work to the right team and folding duplicates needs no approval."),
    ("Agents: short SLA extensions on P3 and P4", "agent", ["ticket.waive_sla"],
     {"all": [{"fact": "priority", "op": "gte", "value": 3},
              {"fact": "extension_minutes", "op": "lte", "value": 120}]},
     "Up to two business hours when the requester asks for more time."),
    ("Team leads: major incidents and SLA exceptions", "lead",
     ["ticket.resolve", "ticket.close", "ticket.reopen", "ticket.set_priority",
      "ticket.transfer_team", "ticket.merge", "ticket.waive_sla"],
     {"all": []}, "Leads run major incidents and grant exceptions for their desks."),
    ("Administrators: every ticket decision", "admin", ALL_TICKET, {"all": []},
     "The last resort when nobody nearer holds a scope."),
    ("Team leads: grants within their teams", "lead", ["scope.edit"],
     {"fact": "holder_led_by_actor", "op": "eq", "value": True},
     "Leads shape the latitude of the teams they lead."),
    ("Administrators: edit scopes", "admin", ["scope.edit"], {"all": []},
     "Someone must always be able to change scopes."),
]  # fmt: skip


def seed(apps, schema_editor):
    Grant = apps.get_model("scopes", "Grant")
    GrantVersion = apps.get_model("scopes", "GrantVersion")
    GrantsRevision = apps.get_model("scopes", "GrantsRevision")
    if Grant.objects.exists():
        return
    now = timezone.now()
    for name, role, decisions, condition, rationale in STANDARD:
        grant = Grant.objects.create(name=name, current_version=1, created_at=now)
        GrantVersion.objects.create(
            grant=grant, version=1, holder_kind="role", holder_role=role, decisions=decisions,
            condition=condition, effect="decide", rationale=rationale, created_at=now,
        )  # fmt: skip
    token = uuid.uuid4().hex
    if not GrantsRevision.objects.filter(pk=1).update(token=token):
        GrantsRevision.objects.create(pk=1, token=token)


class Migration(migrations.Migration):
    dependencies = [("scopes", "0002_decision_records_and_requests")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
