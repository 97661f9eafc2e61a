"""Restore an `export_records` file into an empty, migrated database.

Objects are saved raw, as `loaddata` saves them, but without the history
rows that simple-history would add while setting many-to-many relations
(those made `loaddata` of a dump fail on duplicate history ids): the history
comes from the file. Sequences are reset afterwards, so new records and new
versions get fresh ids.
"""

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction

from .export_records import by_primary_key_models


def database_is_empty():
    """No accounts and no rows in any exported table (what `migrate` leaves)."""
    return not get_user_model().objects.exists() and not any(
        model._default_manager.exists() for model in by_primary_key_models()
    )


class Command(BaseCommand):
    help = "Restore a file written by export_records into an empty database (run `migrate` first)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The export file.")

    def handle(self, *args, path, **options):
        if not database_is_empty():
            raise CommandError(
                "The database already holds accounts or records: import_records restores into an empty "
                "database only (create one and run `manage.py migrate` first)."
            )
        try:
            with open(path, encoding="utf-8") as file:
                text = file.read()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        models, count = set(), 0
        try:
            with transaction.atomic(), connection.constraint_checks_disabled():
                for deserialized in serializers.deserialize("json", text, handle_forward_references=True):
                    deserialized.object.skip_history_when_saving = True
                    deserialized.save()
                    models.add(type(deserialized.object))
                    count += 1
                connection.check_constraints(table_names=[model._meta.db_table for model in models])
                with connection.cursor() as cursor:
                    for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
                        cursor.execute(sql)
        except (serializers.base.DeserializationError, ValueError) as error:
            raise CommandError(f"{path} is not a valid export: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Restored {count} objects from {path}."))
