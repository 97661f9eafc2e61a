"""Full-text search on PostgreSQL: the `unaccent` extension, the `sco_search`
text search configuration (unaccent, then English stemming) and one GIN index
per record type on the weighted vector that records.search builds; and the
list-order indexes with undated records last.

Nothing happens on other databases (SQLite uses a simpler search), so the
migration state is unchanged and `makemigrations --check` stays clean.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
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

CREATE_CONFIG = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = english);
        ALTER TEXT SEARCH CONFIGURATION {CONFIG}
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
    END IF;
END
$$;
"""


# Lists show the newest first and undated records last; PostgreSQL's default
# DESC order puts NULLs first, so the model's own indexes do not serve it.
LIST_INDEXES = {
    "article_published_nulls_last_idx": ("records_article", "original_published_on DESC NULLS LAST, title"),
    "initiative_starts_nulls_last_idx": ("records_initiative", "starts_on DESC NULLS LAST, name"),
}


def search_index(model_name):
    vector = None
    for weight, fields in SEARCH_FIELDS[model_name].items():
        for field in fields:
            part = SearchVector(field, weight=weight, config=CONFIG)
            vector = part if vector is None else vector + part
    return GinIndex(vector, name=f"{model_name}_search_gin")


def create_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_CONFIG)
    for model_name in SEARCH_FIELDS:
        schema_editor.add_index(apps.get_model("records", model_name), search_index(model_name))
    for name, (table, columns) in LIST_INDEXES.items():
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({columns})')


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in [*LIST_INDEXES, *(f"{model_name}_search_gin" for model_name in SEARCH_FIELDS)]:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [("records", "0003_roles")]

    operations = [migrations.RunPython(create_search, drop_search)]
