from django.db import migrations

from latitude.core.immutable_sql import protect

forwards, backwards = protect("core_auditentry", ("actor_id", "on_behalf_of_id"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
