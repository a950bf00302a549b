from django.db import migrations

from latitude.core.immutable_sql import protect

records = protect("scopes_decisionrecord", ("actor_id", "on_behalf_of_id", "team_id"))
reversals = protect("scopes_reversal")


class Migration(migrations.Migration):
    dependencies = [("scopes", "0003_standard_grants"), ("core", "0002_audit_entries_immutable_in_postgresql")]

    operations = [migrations.RunPython(*records), migrations.RunPython(*reversals)]
