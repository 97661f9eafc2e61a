"""Search in Russian and Chinese (PostgreSQL): beside the English `search_vector`,
each record type gets

- `search_vector_ru`: its Russian columns in the `sco_search_ru` configuration
  (`unaccent`, which also folds ё into е, then Russian stemming, so that
  "Казахстана" finds Казахстан), weighted as the English vector, with a GIN index;
- `search_text_zh`: its Chinese columns as one text, with a trigram GIN index
  (`pg_trgm`, migration 0013): Chinese has no spaces between words, so a query's
  characters are found as a substring ("哈萨克" finds 哈萨克斯坦), which the
  trigram index serves for three characters and more.

Both are generated columns that PostgreSQL keeps up to date; neither is a model
field (records.search reads them). Nothing happens on other databases.
"""

from django.db import migrations

CONFIG = "sco_search_ru"

# The translated fields among records.search.SEARCH_FIELDS when this was written, by weight.
SEARCH_FIELDS = {
    "article": {"A": ("title",), "B": ("summary",), "C": ("body",)},
    "summit": {"A": ("title",), "B": ("summary", "city"), "C": ("description",)},
    "memberstate": {"A": ("name", "official_name"), "B": ("summary", "capital"), "C": ("description",)},
    "official": {"A": ("name",), "B": ("summary", "current_title"), "C": ("description",)},
    "initiative": {"A": ("name",), "B": ("summary", "location"), "C": ("description",)},
    "organization": {"A": ("name", "short_name"), "B": ("summary",), "C": ("description",)},
}

CREATE_CONFIG = f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = russian);
        ALTER TEXT SEARCH CONFIGURATION {CONFIG}
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, russian_stem;
    END IF;
END
$$;
"""


def russian_vector_sql(fields, quote):
    return " || ".join(
        f"setweight(to_tsvector('{CONFIG}'::regconfig, COALESCE({quote(field + '_ru')}, '')), '{weight}')"
        for weight, names in fields.items()
        for field in names
    )


def chinese_text_sql(fields, quote):
    return " || ' ' || ".join(
        f"COALESCE({quote(field + '_zh_hans')}, '')" for names in fields.values() for field in names
    )


def add_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_CONFIG)
    quote = schema_editor.quote_name
    for model_name, fields in SEARCH_FIELDS.items():
        table = quote(apps.get_model("records", model_name)._meta.db_table)
        schema_editor.execute(
            f"ALTER TABLE {table} "
            f"ADD COLUMN search_vector_ru tsvector GENERATED ALWAYS AS ({russian_vector_sql(fields, quote)}) STORED, "
            f"ADD COLUMN search_text_zh text GENERATED ALWAYS AS ({chinese_text_sql(fields, quote)}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX {quote(model_name + '_search_ru_gin')} ON {table} USING gin (search_vector_ru)"
        )
        schema_editor.execute(
            f"CREATE INDEX {quote(model_name + '_search_zh_trgm')} ON {table} USING gin (search_text_zh gin_trgm_ops)"
        )


def drop_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for model_name in SEARCH_FIELDS:
        table = quote(apps.get_model("records", model_name)._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_vector_ru, DROP COLUMN search_text_zh")
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [("records", "0017_languages")]

    operations = [migrations.RunPython(add_columns, drop_columns)]
