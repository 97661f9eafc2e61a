"""Readable differences between two versions of a record: text, not tags,
compared word by word, for the review of pending changes and for history."""

import difflib

from django.db import models
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from records.children import proposed_children
from records.dates import PreciseDate, precise_date_fields
from records.languages import english_columns
from records.search import plain_text


def word_diff(old, new):
    """Safe HTML of `new` against `old`, word by word: removed words in <del>, added in <ins>."""
    before, after = plain_text(str(old or "")).split(), plain_text(str(new or "")).split()
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(escape(" ".join(before[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", " ".join(before[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", " ".join(after[j1:j2])))
    return mark_safe(" ".join(parts))  # noqa: S308 - every part is escaped above


def shown(value):
    """A field value as a reader sees it ("" when empty)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def field_rows(record, fields, relations):
    """(label, current, proposed) rows, readable, for the fields and linked lists a change sets."""
    opts = record._meta
    by_attname = {field.attname: field for field in opts.concrete_fields}
    rows = []
    for attname, value in fields.items():
        field = by_attname[attname]
        current = getattr(record, field.name)
        if field.is_relation:
            value = field.related_model._default_manager.filter(pk=value).first() if value is not None else None
        elif field.choices:
            value = dict(field.flatchoices).get(value, value)
            current = dict(field.flatchoices).get(current, current)
        rows.append((field.verbose_name, shown(current), shown(value)))
    for name, records in relations.items():
        current = [str(item) for item in getattr(record, name).all()]
        rows.append((opts.get_field(name).verbose_name, shown(current), shown([str(item) for item in records])))
    return [(label, word_diff(current, proposed)) for label, current, proposed in rows]


def child_rows(change, record):
    """(label, diff HTML) rows for the child records a change adds, changes and deletes:
    “Appointment added: Secretary-General, SCO Secretariat, 1 January 2022 – …”."""
    rows = []
    for proposed in proposed_children(change, record).values():
        name = proposed.model._meta.verbose_name.capitalize()
        rows += [(f"{name} added", format_html("<ins>{}</ins>", child.describe())) for child in proposed.added]
        for item in proposed.changed:
            after = item.proposed()
            lines = [
                (field.verbose_name.capitalize(), word_diff(child_value(item.stored, field), child_value(after, field)))
                for field in proposed.model._meta.concrete_fields
                if field.attname in item.fields
            ]
            rows.append(
                (f"{name} changed: {item.stored.describe()}", format_html_join(mark_safe("<br>"), "{}: {}", lines))
            )
        rows += [(f"{name} deleted", format_html("<del>{}</del>", child.describe())) for child in proposed.deleted]
    return rows


def child_value(child, field):
    """A child record's field as a reader sees it: names, not ids; dates at their precision."""
    value = getattr(child, field.name)
    if value is None:
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return gettext("yes") if value else gettext("no")
    precision = precise_date_fields(type(child)).get(field.name)
    if precision:
        return str(PreciseDate(value, getattr(child, precision) or "day"))
    return str(value)


# --- versions ---------------------------------------------------------------------

# Bookkeeping fields every version changes: not part of what a reader compares.
UNCOMPARED = ["created_at", "updated_at"]


def version_rows(newer, older):
    """(label, diff HTML) for each field that differs between two versions of a record."""
    model = newer.instance_type
    # The `_en` columns repeat the English values (records.languages).
    excluded = [*UNCOMPARED, *sorted(english_columns(model))]
    delta = newer.diff_against(older, excluded_fields=excluded, foreign_keys_are_objs=True)
    rows = []
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        if field.many_to_many:
            old, new = linked_names(field, change.old), linked_names(field, change.new)
        else:
            old, new = displayed(field, change.old), displayed(field, change.new)
        rows.append((field.verbose_name, word_diff(shown(old), shown(new))))
    return rows


def displayed(field, value):
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value


def linked_names(field, rows):
    """Names of the records in a version's linked list (rows of its through table)."""
    key = field.m2m_reverse_field_name()
    return sorted(str(row[key]) for row in rows or [])
