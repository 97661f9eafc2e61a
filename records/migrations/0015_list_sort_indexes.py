"""Indexes for the orders the list pages offer (`?sort=`, records.registry):
articles by title, initiatives by name, summits oldest first, and, on
PostgreSQL, articles and initiatives oldest first with undated records last
(PostgreSQL's default ascending order already puts NULLs last, but the
descending indexes read backwards would put them first and reverse the
second key)."""

from django.db import migrations, models

# Oldest first, undated last: the mirror of 0004's newest-first indexes.
ASCENDING_INDEXES = {
    "article_published_asc_idx": ("records_article", "original_published_on ASC NULLS LAST, title"),
    "initiative_starts_asc_idx": ("records_initiative", "starts_on ASC NULLS LAST, name"),
}


def create_ascending_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, columns) in ASCENDING_INDEXES.items():
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({columns})')


def drop_ascending_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in ASCENDING_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0014_public_ids_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["title"], name="article_title_idx"),
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(fields=["name"], name="initiative_name_idx"),
        ),
        migrations.AddIndex(
            model_name="summit",
            index=models.Index(fields=["starts_on", "title"], name="summit_starts_asc_idx"),
        ),
        migrations.RunPython(create_ascending_indexes, drop_ascending_indexes),
    ]
