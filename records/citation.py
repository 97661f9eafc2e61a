"""How to cite a record: a line of text, BibTeX and CSL-JSON, each naming the
record's permanent URL (its canonical page), the date it was last updated and
the licence of the data (settings.DATA_LICENCE)."""

import re

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext

PUBLISHER = "SCO Records"
BIBTEX_SPECIAL = re.compile(r"([&%$#_{}~^\\])")
BIBTEX_ESCAPES = {"~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}


def permanent_url(record, request):
    return request.build_absolute_uri(record.get_absolute_url())


def updated_on(record):
    return timezone.localdate(record.updated_at)


def citation_id(record):
    return f"sco-records-{record._meta.model_name}-{record.slug}"


def text(record, request):
    """The citation as a line of text, in the page's language."""
    return gettext("%(publisher)s. “%(title)s” (%(kind)s). Last updated %(date)s. %(url)s. Licence: %(licence)s.") % {
        "publisher": PUBLISHER,
        "title": record,
        "kind": record._meta.verbose_name,
        "date": formats.date_format(updated_on(record), "DATE_FORMAT"),
        "url": permanent_url(record, request),
        "licence": settings.DATA_LICENCE["title"],
    }


def bibtex_escape(value):
    return BIBTEX_SPECIAL.sub(lambda match: BIBTEX_ESCAPES.get(match.group(1), "\\" + match.group(1)), str(value))


def bibtex(record, request):
    updated = updated_on(record)
    fields = [
        ("title", bibtex_escape(record)),
        ("author", "{" + PUBLISHER + "}"),
        ("organization", PUBLISHER),
        ("year", str(updated.year)),
        ("month", f"{updated:%b}".lower()),
        ("url", permanent_url(record, request)),
        ("note", f"{bibtex_escape(record._meta.verbose_name).capitalize()}; last updated {updated.isoformat()}"),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{citation_id(record)},\n{body}\n}}"


def csl_json(record, request):
    updated = updated_on(record)
    return {
        "id": citation_id(record),
        "type": "webpage",
        "title": str(record),
        "author": [{"literal": PUBLISHER}],
        "container-title": PUBLISHER,
        "publisher": PUBLISHER,
        "genre": str(record._meta.verbose_name),
        "URL": permanent_url(record, request),
        "issued": {"date-parts": [[updated.year, updated.month, updated.day]]},
        "license": settings.DATA_LICENCE["path"],
    }


def for_record(record, request):
    """Every form of the citation, for the record's page."""
    return {"text": text(record, request), "bibtex": bibtex(record, request), "csl": csl_json(record, request)}
