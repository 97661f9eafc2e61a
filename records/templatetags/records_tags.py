"""Template helpers of the public pages."""

import json
from functools import lru_cache

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from records.dates import PreciseDate
from records.models.base import can_see
from records.registry import RECORD_TYPES, TOPIC
from records.sanitize import sanitize_html

register = template.Library()

# The escapes of django.utils.html.json_script: nothing in the data can close the <script>.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def jsonld(data):
    """A schema.org JSON-LD block (data, not script: allowed by the CSP)."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@lru_cache(maxsize=256)
def _sanitized(html):
    return mark_safe(sanitize_html(html))  # noqa: S308 - the allow-list's output


@register.filter
def rich_text(html):
    """Stored rich text, run through the sanitizer again as it is shown.

    `save()` sanitizes, but `loaddata`, a restored dump, `QuerySet.update()` or
    SQL store text without it; sanitizing at render makes every path safe.
    Records are rendered far more often than they change, so results are
    kept per process (keyed by the text itself, so an edit is never stale)."""
    if not html:
        return ""
    return _sanitized(str(html))


@register.filter
def public(record):
    """The record if the public may see it, else None (for foreign keys)."""
    return record if can_see(None, record) else None


@register.simple_tag
def navigation():
    """(label, URL) of each section of the site, in the registry's order."""
    return [(entry.nav_label, reverse(f"{entry.model_name}-list")) for entry in (*RECORD_TYPES, TOPIC)]


@register.filter
def model_name(record):
    return record._meta.model_name


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The absolute URL of this page, without filters (the page number kept)."""
    request = context.get("request")
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    page = context.get("page_obj")
    if page is not None and page.number > 1:
        url = f"{url}?page={page.number}"
    return url


@register.filter
def card_template(record):
    """The card partial of a record's type."""
    return f"includes/cards/{record._meta.model_name}.html"


def _time(value):
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), str(value))


@register.simple_tag
def precise_date(record, field):
    """`record.<field>` at its precision: “4 July 2024”, “July 2024” or “2019”
    in a <time> element; empty when there is no date."""
    value = PreciseDate.of(record, field)
    return _time(value) if value is not None else ""


@register.simple_tag
def precise_range(record, start_field, end_field):
    """A period at the precision of each end: “2019 – July 2024”."""
    start, end = PreciseDate.of(record, start_field), PreciseDate.of(record, end_field)
    if start is None:
        return _time(end) if end is not None else ""
    if end is None or end == start:
        return _time(start)
    return format_html("{} – {}", _time(start), _time(end))
