"""The whole public record as open data: a Frictionless Data Package.

One table per record type (and topics), one per kind of child record
(membership changes, appointments, participations, sources) and one per list
of linked records (e.g. `article_topics`). Only published records appear;
a link to an unpublished record is left empty (or, in a link table, left out).
Records are named by slug wherever one table points into another.
"""

import csv

from django.conf import settings
from django.db import models

from records.languages import english, english_name, record_fields, translation_of
from records.models import Appointment, MembershipChange, Participation, Source
from records.registry import RECORD_TYPES, TOPIC

CHILD_MODELS = (MembershipChange, Appointment, Participation, Source)
FIELD_TYPES = (
    (models.BooleanField, "boolean"),
    (models.DateTimeField, "datetime"),
    (models.DateField, "date"),
    (models.IntegerField, "integer"),
    (models.DecimalField, "number"),
    (models.FloatField, "number"),
)
# Workflow fields: every row is published, so they say nothing.
SKIPPED_FIELDS = {"status", "publish_at"}


def has_slug(model):
    return any(f.name == "slug" for f in model._meta.fields)


def published_slugs(model):
    if model is TOPIC.model:
        return set(model.objects.values_list("slug", flat=True))
    return set(model.objects.published().values_list("slug", flat=True))


class Table:
    """One CSV of the package: its columns (name, type, description, lookup) and rows."""

    def __init__(self, name, model, columns, title, description):
        self.name, self.model, self.columns, self.title, self.description = name, model, columns, title, description

    def schema(self):
        fields = [{"name": name, "type": kind, "description": text} for name, kind, text, _ in self.columns]
        schema = {"fields": fields}
        if self.columns[0][0] == "slug":
            schema["primaryKey"] = "slug"
        return schema

    def rows(self, slugs):
        """Rows as lists of cells; `slugs(model)` gives the published slugs of a model."""
        lookups = [lookup for _, _, _, lookup in self.columns]
        checks = [
            (index, slugs(model))
            for index, (_, _, _, lookup) in enumerate(self.columns)
            if (model := lookup_model(self.model, lookup))
        ]
        for values in self.queryset().values_list(*lookups).iterator(chunk_size=2000):
            values = list(values)
            if self.is_link and any(values[i] not in allowed for i, allowed in checks):
                continue
            for index, allowed in checks:
                if values[index] is not None and values[index] not in allowed:
                    values[index] = None
            if not self.is_link and self.parent_column is not None and values[self.parent_column] is None:
                continue
            yield [cell(value) for value in values]

    is_link = False
    parent_column = None

    def queryset(self):
        manager = self.model._default_manager
        if has_slug(self.model) and self.model is not TOPIC.model:
            return manager.published().order_by("slug")
        return manager.order_by("pk")


def lookup_model(model, lookup):
    """The record model a `<fk>__slug` lookup points into, else None."""
    if not lookup.endswith("__slug"):
        return None
    return model._meta.get_field(lookup.removesuffix("__slug")).related_model


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if hasattr(value, "isoformat") else value


def field_columns(model):
    """The model's own columns; a translated field's `_ru`/`_zh_hans` columns come last,
    its `_en` column not at all (the field's own column is the English text)."""
    columns = []
    translations = []
    for f in record_fields(model):
        if translation := translation_of(model, f.name):
            original, language = translation
            text = str(model._meta.get_field(original).verbose_name)
            translations.append(
                (f.name, "string", f"The {text} in {english_name(language)}; empty where not yet translated.", f.name)
            )
            continue
        if f.primary_key and not has_slug(model):
            columns.append(("id", "integer", "Row number.", "pk"))
            continue
        if f.primary_key or f.name in SKIPPED_FIELDS:
            continue
        text = str(f.help_text or f.verbose_name).strip()
        if f.is_relation:
            if has_slug(f.related_model):
                columns.append(
                    (f.name, "string", f"Slug of the {f.related_model._meta.verbose_name}. {text}", f"{f.name}__slug")
                )
            continue
        kind = next((name for cls, name in FIELD_TYPES if isinstance(f, cls)), "string")
        if kind == "string" and not isinstance(f, models.CharField | models.TextField):
            continue  # e.g. a search vector: derived, not data
        columns.append((f.name, kind, text, f.name))
    if has_slug(model):
        columns.sort(key=lambda column: column[0] != "slug")
    return columns + translations


def table_name(model):
    return model._meta.verbose_name_plural.replace(" ", "_").replace("-", "_").lower()


def row_name(model):
    """What one row of the model's table is called in column and table names, e.g. `member_state`."""
    return model._meta.verbose_name.replace(" ", "_").replace("-", "_").lower()


def link_table(model, m2m):
    """The links of a list of linked records (`article_topics`), or of the sources
    records cite (`article_sources`): a record by its slug, a source (which has none)
    by its row number in the sources table."""
    target = m2m.related_model
    source_fk = m2m.m2m_field_name()
    target_fk = m2m.m2m_reverse_field_name()
    if has_slug(target):
        linked = (m2m.name, "string", f"Slug of the {target._meta.verbose_name}.", f"{target_fk}__slug")
    else:
        linked = (row_name(target), "integer", f"Row number in the {table_name(target)} table.", target_fk)
    table = Table(
        f"{row_name(model)}_{m2m.name}",
        m2m.remote_field.through,
        [(row_name(model), "string", f"Slug of the {model._meta.verbose_name}.", f"{source_fk}__slug"), linked],
        f"{model._meta.verbose_name_plural.capitalize()}: {m2m.verbose_name}",
        f"Links between {model._meta.verbose_name_plural} and their {m2m.verbose_name}.",
    )
    table.is_link = True
    return table


class SourcesTable(Table):
    """Sources, but only those a published record cites: a source is shown
    with the records that cite it, never on its own."""

    def queryset(self):
        cited = models.Q()
        for entry in RECORD_TYPES:
            m2m = entry.model._meta.get_field("sources")
            links = m2m.remote_field.through.objects.filter(
                **{f"{m2m.m2m_field_name()}__in": entry.model.objects.published().values("pk")}
            )
            cited |= models.Q(pk__in=links.values(m2m.m2m_reverse_field_name()))
        return self.model._default_manager.filter(cited).order_by("pk")


def tables():
    """Every table of the package, in order: record types, child records, links; its
    names and descriptions are English whatever the request's language."""
    with english():
        return english_tables()


def english_tables():
    result = []
    for entry in (*RECORD_TYPES, TOPIC):
        model = entry.model
        doc = (model.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        result.append(
            Table(
                table_name(model), model, field_columns(model), str(model._meta.verbose_name_plural).capitalize(), doc
            )
        )
    for model in CHILD_MODELS:
        columns = field_columns(model)
        table = (SourcesTable if model is Source else Table)(
            table_name(model),
            model,
            columns,
            str(model._meta.verbose_name_plural).capitalize(),
            (model.__doc__ or "").strip().split("\n\n")[0].replace("\n", " "),
        )
        parent = getattr(model, "parent_field", None)
        if parent:
            table.parent_column = next(i for i, column in enumerate(columns) if column[0] == parent)
        result.append(table)
    for entry in RECORD_TYPES:
        for m2m in entry.model._meta.many_to_many:
            if m2m.related_model in {e.model for e in (*RECORD_TYPES, TOPIC)} or m2m.related_model is Source:
                result.append(link_table(entry.model, m2m))
    return result


TABLES = {}


def table(name):
    if not TABLES:
        TABLES.update({t.name: t for t in tables()})
    return TABLES.get(name)


def all_tables():
    table("")
    return list(TABLES.values())


def licence():
    return settings.DATA_LICENCE


def descriptor(request):
    """The datapackage.json descriptor."""
    base = request.build_absolute_uri("/data/")
    return {
        "profile": "tabular-data-package",
        "name": "sco-records",
        "title": "SCO Records: the public record of the Shanghai Cooperation Organization",
        "homepage": request.build_absolute_uri("/"),
        "licenses": [licence()],
        "resources": [
            {
                "name": t.name,
                "title": t.title,
                "description": t.description,
                "path": f"{base}{t.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": t.schema(),
            }
            for t in all_tables()
        ],
    }


class Echo:
    def write(self, value):
        return value


def csv_lines(t):
    """The table `t` as CSV lines (header first)."""
    writer = csv.writer(Echo())
    cache = {}

    def slugs(model):
        if model not in cache:
            cache[model] = published_slugs(model)
        return cache[model]

    yield writer.writerow([name for name, _, _, _ in t.columns])
    for row in t.rows(slugs):
        yield writer.writerow(row)
