"""The stored search vectors kept in the record's own row (PostgreSQL only).

A common word is searched by walking the list-order index and testing each
row's `search_vector` until enough matches are found (records.search). An
article's vector is about 2 KB, the largest value of its row, so PostgreSQL
moved it out to the TOAST table and every test fetched it from there. With
`STORAGE MAIN` the vectors (English and Russian) stay in the row, and the long
texts (body, description, in each language) are moved out instead, which only
the record's own page reads. Measured at 100,000 articles, the scan of a
common word's newest 1,000 matches takes half the time.

A new storage setting applies to rows as they are written, so the tables are
rewritten once (`VACUUM FULL`, which holds an exclusive lock on each table
while it runs: seconds at 100,000 articles). It cannot run inside a
transaction, so this migration is not atomic; each statement stands alone and
can be run again.
"""

from django.db import migrations

MODELS = ("article", "summit", "memberstate", "official", "initiative", "organization")
COLUMNS = ("search_vector", "search_vector_ru")


def storage(kind):
    def change(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        for model_name in MODELS:
            table = quote(apps.get_model("records", model_name)._meta.db_table)
            columns = ", ".join(f"ALTER COLUMN {column} SET STORAGE {kind}" for column in COLUMNS)
            schema_editor.execute(f"ALTER TABLE {table} {columns}")
            if kind == "MAIN":
                schema_editor.execute(f"VACUUM FULL {table}")

    return change


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("records", "0018_search_in_languages")]

    operations = [migrations.RunPython(storage("MAIN"), storage("EXTENDED"))]
