"""The lists of linked records on a record's page, as compact lists.

Each list shows how many public records it holds, its first ten as one line
each (a link and a short fact: a date, a city, a stage…) and, when there are
more, a link to the list page of those records filtered on this one
("All 50 articles →"). The lists are fetched as plain values, every list of
the page in one query whatever their length (records.registry
`related_page_values`), and their links built from a prefix reversed once.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from records.api.fields import UrlFormat
from records.dates import DatePrecision, PreciseDate
from records.registry import BY_MODEL

# How many records of each list a page shows.
SHOWN = 10


@dataclass
class Row:
    slug: str
    label: str
    url: str
    date: PreciseDate | None = None
    text: str = ""


@dataclass
class RelatedSection:
    """One list of linked records on a page."""

    id: str
    name: str
    title: str
    help_text: str
    count: int
    rows: list = field(default_factory=list)
    # The filtered list page of the whole list ("" when no filter lists exactly them).
    all_url: str = ""
    noun: str = ""

    @property
    def more(self):
        """Whether the page shows only some of them (and links to all)."""
        return self.count > len(self.rows)


def page_lists(entry, record, user=None, whole=(), leave_out=()):
    """(sections, sources) of `record`'s page: a RelatedSection per linked list of
    `entry` (RecordType), in its order, but those in `leave_out`, as `user` may
    see them (None: as the public does), the first SHOWN of each (all of those
    in `whole`); and the record's sources (Source instances, [] when its type
    cites none)."""
    related = [item for item in entry.related if item.name not in leave_out]
    limits = {item.name: None if item.name in whole else SHOWN for item in related}
    only = {*limits, "sources"}
    values = entry.related_page_values(record, user, only=only, limits=limits)
    models = entry.related_models()
    sections = []
    for item in related:
        model = models[item.name]
        count, items = values[item.name]
        rows = rows_of(model, items)
        all_url = ""
        if item.list_filter and count > len(rows):
            query = urlencode({item.list_filter: record.slug})
            all_url = f"{reverse(f'{model._meta.model_name}-list')}?{query}"
        sections.append(
            RelatedSection(
                id=item.name.replace("_", "-"),
                name=item.name,
                title=item.title,
                help_text=item.help_text,
                count=count,
                rows=rows,
                all_url=all_url,
                noun=str(model._meta.verbose_name_plural),
            )
        )
    return sections, values.get("sources", [])


def rows_of(model, items):
    """Rows of `model`'s records from (slug, label, date, precision, text) values."""
    urls = UrlFormat(None, model.detail_url_name)
    text_field = text_field_of(model)
    choices = dict(text_field.flatchoices) if text_field is not None and text_field.choices else None
    rows = []
    for slug, label, date, precision, text in items:
        if choices is not None:
            text = choices.get(text, text)
        rows.append(
            Row(
                slug=slug,
                label=label,
                url=urls.url(slug),
                date=PreciseDate(date, precision or DatePrecision.DAY) if date is not None else None,
                text=str(text or ""),
            )
        )
    return rows


def text_field_of(model):
    """The field of `model` whose value a row shows as its text, or None."""
    entry = BY_MODEL.get(model)
    return model._meta.get_field(entry.row_text) if entry and entry.row_text else None
