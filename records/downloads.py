"""Lists as files: every matching record of a filtered list, as CSV or JSON.

A download carries the API's list representation of each record (the same
serializer, the same columns), streamed from the database in chunks so that
a list of any length costs a fixed number of queries per chunk and little
memory. In CSV a linked record is its slug, a list of linked records their
slugs joined by `;`, and a list of other objects (sources, appointments,
membership changes, participations) its JSON text.
"""

import csv
import json

from django.http import StreamingHttpResponse
from django.utils.translation import gettext
from rest_framework.utils.encoders import JSONEncoder

# `?download=` names the file format; `format` already picks the API's renderer
# (and on summits filters by meeting format).
DOWNLOAD_PARAM = "download"
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
CHUNK_SIZE = 500
LIST_SEPARATOR = ";"


def requested_format(querydict):
    """The format asked for by `?download=`, "" when none; ValueError for an unknown one."""
    value = querydict.get(DOWNLOAD_PARAM, "")
    if value and value not in FORMATS:
        raise ValueError(gettext("Choose a download format from: %(formats)s.") % {"formats": ", ".join(FORMATS)})
    return value


def without_download(querydict):
    """A copy of `querydict` without `download` (what the filters read)."""
    data = querydict.copy()
    data.pop(DOWNLOAD_PARAM, None)
    return data


def representations(queryset, serializer, prepare=None):
    """Each record of `queryset` as `serializer` represents it, read in chunks;
    `prepare(records)` gives each chunk what it needs first (e.g. its linked lists)."""
    chunk = []
    for record in queryset.iterator(chunk_size=CHUNK_SIZE):
        chunk.append(record)
        if len(chunk) == CHUNK_SIZE:
            yield from represent(chunk, serializer, prepare)
            chunk = []
    yield from represent(chunk, serializer, prepare)


def represent(records, serializer, prepare):
    for record in prepare(records) if prepare and records else records:
        yield serializer.to_representation(record)


def cell(value):
    """One value of the representation as a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return str(value.get("slug") or value.get("url") or value.get("id") or "")
    if isinstance(value, list):
        if all(isinstance(item, dict) and "slug" in item for item in value):
            return LIST_SEPARATOR.join(item["slug"] for item in value)
        return json.dumps(value, cls=JSONEncoder, ensure_ascii=False)
    return str(value)


class Echo:
    """A file-like object that hands back what is written (for csv.writer in a stream)."""

    def write(self, value):
        return value


def csv_lines(columns, rows):
    writer = csv.writer(Echo())
    yield "\ufeff" + writer.writerow(columns)  # a BOM: spreadsheets then read UTF-8
    for row in rows:
        yield writer.writerow([cell(row.get(name)) for name in columns])


def json_chunks(rows):
    yield "["
    for index, row in enumerate(rows):
        yield ("," if index else "") + "\n" + json.dumps(row, cls=JSONEncoder, ensure_ascii=False)
    yield "\n]\n"


def download_response(*, queryset, serializer, file_format, filename, prepare=None):
    """A streamed file of every record of `queryset`, each as `serializer` represents it."""
    rows = representations(queryset, serializer, prepare)
    content = csv_lines(list(serializer.fields), rows) if file_format == "csv" else json_chunks(rows)
    response = StreamingHttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response
