"""Create the Editors, Publishers and Partners groups with their permissions."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from records.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("records", "0002_slug_redirects"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
