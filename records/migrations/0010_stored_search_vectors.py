"""Full-text search at scale (PostgreSQL): each record type gets a stored
`search_vector` column that PostgreSQL computes itself whenever a row is
written (a generated column), with its own GIN index, replacing the GIN
index on an expression from migration 0004.

Ranking reads the stored vector instead of recomputing `to_tsvector` for
every match (seconds for a common word at 100,000 articles). The vector is
built in the `sco_search` configuration, whose `unaccent` is a dictionary of
the configuration: `to_tsvector(regconfig, text)` is IMMUTABLE, as a
generated column requires (calling the STABLE `unaccent()` function would not be).

The column is not a model field (SQLite has no tsvector): records.search
reads it through `StoredSearchVector`. Nothing happens on other databases,
so `makemigrations --check` stays clean. A test checks that the column
equals the vector built from records.search.SEARCH_FIELDS: a change there
needs a migration like this one.
"""

from django.db import migrations

CONFIG = "sco_search"

# The same fields and weights as records.search.SEARCH_FIELDS when this was written.
SEARCH_FIELDS = {
    "article": {"A": ("title",), "B": ("summary", "authors"), "C": ("body",)},
    "summit": {"A": ("title",), "B": ("summary", "city"), "C": ("description",)},
    "memberstate": {"A": ("name", "official_name"), "B": ("summary", "capital"), "C": ("description",)},
    "official": {"A": ("name",), "B": ("summary", "current_title"), "C": ("description",)},
    "initiative": {"A": ("name",), "B": ("summary", "location"), "C": ("description",)},
    "organization": {"A": ("name", "short_name"), "B": ("summary",), "C": ("description",)},
}


def vector_sql(fields, quote):
    parts = [
        f"setweight(to_tsvector('{CONFIG}'::regconfig, COALESCE({quote(field)}, '')), '{weight}')"
        for weight, names in fields.items()
        for field in names
    ]
    return " || ".join(parts)


def add_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for model_name, fields in SEARCH_FIELDS.items():
        table = quote(apps.get_model("records", model_name)._meta.db_table)
        index = quote(f"{model_name}_search_gin")
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        # Rows of up to 4,000 bytes stay whole in the table (PostgreSQL's default moves
        # anything past 2 kB to the TOAST table): deciding whether an article matches
        # then reads one page, not a pointer into the TOAST table (4x faster for a
        # common word checked row by row in list order). Longer rows are toasted as usual.
        schema_editor.execute(f"ALTER TABLE {table} SET (toast_tuple_target = 4000)")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector "
            f"GENERATED ALWAYS AS ({vector_sql(fields, quote)}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_vector)")


def drop_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for model_name, fields in SEARCH_FIELDS.items():
        table = quote(apps.get_model("records", model_name)._meta.db_table)
        index = quote(f"{model_name}_search_gin")
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")  # drops its index too
        schema_editor.execute(f"ALTER TABLE {table} RESET (toast_tuple_target)")
        # Back to migration 0004's index on the expression.
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (({vector_sql(fields, quote)}))")


class Migration(migrations.Migration):
    dependencies = [("records", "0009_record_complete_and_current")]

    operations = [migrations.RunPython(add_columns, drop_columns)]
