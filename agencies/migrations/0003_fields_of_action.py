from django.db import migrations

from agencies.fields_of_action import ensure_fields_of_action


def create_fields(apps, schema_editor):
    ensure_fields_of_action(apps.get_model("agencies", "FieldOfAction"))


class Migration(migrations.Migration):
    dependencies = [("agencies", "0002_initial")]

    operations = [migrations.RunPython(create_fields, migrations.RunPython.noop)]
