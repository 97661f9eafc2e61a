"""Names found by similarity (PostgreSQL): the `pg_trgm` extension and a GIN
trigram index on the name or title of each record type known by a name and of
topics (not articles, which the full-text search finds by their words), so that
"Mirziyoev" finds Shavkat Mirziyoyev through the index (the `%>` operator)
rather than by comparing every row. records.search.name_suggestions uses them.

Nothing happens on other databases (TrigramExtension and the indexes check the
vendor), so `makemigrations --check` stays clean and SQLite migrates as before.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# (model, the field it is named by), as records.registry.label_field finds it.
NAMED = (
    ("summit", "title"),
    ("memberstate", "name"),
    ("official", "name"),
    ("initiative", "name"),
    ("organization", "name"),
    ("topic", "name"),
)


def index_name(model_name):
    return f"{model_name}_name_trgm"


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for model_name, field in NAMED:
        table = quote(apps.get_model("records", model_name)._meta.db_table)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(index_name(model_name))} ON {table} USING gin ({quote(field)} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, _ in NAMED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(index_name(model_name))}")


class Migration(migrations.Migration):
    dependencies = [("records", "0012_pending_change_children")]

    operations = [TrigramExtension(), migrations.RunPython(add_indexes, drop_indexes)]
