"""Extend the standard latitude with the decisions that undo others (issue #3): revoking an
approval or a goodwill credit, and undoing a merge. Inline like 0003, so later code changes do
not rewrite history; a desk that already has a grant of the same name keeps its own."""

import uuid

from django.db import migrations
from django.utils import timezone

UNDOING = ["request.revoke_approval", "ticket.revoke_goodwill", "ticket.unmerge"]

STANDARD = [
    ("Agents: undo their own merges", "agent", ["ticket.unmerge"],
     {"fact": "own_merge", "op": "eq", "value": True},
     "Whoever folded a ticket in by mistake may take it out again."),
    ("Team leads: undo merges", "lead", ["ticket.unmerge"], {"all": []},
     "Leads sort out duplicates on their desks, whoever merged them."),
    ("Administrators: undo approvals, goodwill and merges", "admin", UNDOING, {"all": []},
     "Overturning an approval or a credit is rare and stays with the administrators."),
]  # fmt: skip


def seed(apps, schema_editor):
    Grant = apps.get_model("scopes", "Grant")
    GrantVersion = apps.get_model("scopes", "GrantVersion")
    GrantsRevision = apps.get_model("scopes", "GrantsRevision")
    now = timezone.now()
    for name, role, decisions, condition, rationale in STANDARD:
        if Grant.objects.filter(name=name).exists():
            continue
        grant = Grant.objects.create(name=name, current_version=1, created_at=now)
        GrantVersion.objects.create(
            grant=grant, version=1, holder_kind="role", holder_role=role, decisions=decisions,
            condition=condition, effect="decide", rationale=rationale, created_at=now,
        )  # fmt: skip
    token = uuid.uuid4().hex
    if not GrantsRevision.objects.filter(pk=1).update(token=token):
        GrantsRevision.objects.create(pk=1, token=token)


class Migration(migrations.Migration):
    dependencies = [("scopes", "0004_decision_records_immutable_in_postgresql")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
