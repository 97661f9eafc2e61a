"""Move the tokens of rest_framework.authtoken (keys stored in clear) to
ApiToken (keys stored hashed), then drop the old table: every partner's key
keeps working, and no usable key is left in the database."""

import datetime
import hashlib

from django.db import migrations
from django.utils import timezone

OLD_TABLE = "authtoken_token"


def move_authtoken_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("access", "ApiToken")
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id, created FROM {OLD_TABLE}")  # noqa: S608 - a constant
        rows = cursor.fetchall()
    for key, user_id, created in rows:
        ApiToken.objects.get_or_create(
            key_hash=hashlib.sha256(key.encode()).hexdigest(),
            defaults={
                "user_id": user_id,
                "name": "Token from before hashing",
                "key_prefix": key[:8],
                "expires_at": now + datetime.timedelta(days=365),
            },
        )
    schema_editor.execute(f"DROP TABLE {OLD_TABLE}")
    schema_editor.execute("DELETE FROM django_migrations WHERE app = 'authtoken'")


class Migration(migrations.Migration):
    dependencies = [("access", "0001_api_tokens")]

    operations = [migrations.RunPython(move_authtoken_tokens, migrations.RunPython.noop)]
