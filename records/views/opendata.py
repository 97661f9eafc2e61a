"""The open data pages: `/data/` explains the package, `/data/datapackage.json`
describes it, `/data/<table>.csv` are its tables and `/data/record.jsonld` is
every published record as schema.org JSON-LD.

Each answer carries an ETag tied to the data version (records.freshness) and
the next scheduled go-live, so a repeat request for unchanged data is a 304.
"""

import hashlib
import json

from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import condition, require_safe

from records import freshness, jsonld, opendata
from records.registry import RECORD_TYPES


def data_etag(request, *args, **kwargs):
    version = freshness.current_version()
    if version is None:
        return None
    go_live = freshness.next_go_live(version)
    key = f"{version}|{go_live}|{opendata.licence()['name']}|{request.build_absolute_uri(request.path)}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


@require_safe
def data_page(request):
    return render(request, "data/index.html", {"tables": opendata.all_tables(), "licence": opendata.licence()})


@require_safe
@condition(etag_func=data_etag)
def datapackage(request):
    return JsonResponse(opendata.descriptor(request), json_dumps_params={"indent": 2})


@require_safe
@condition(etag_func=data_etag)
def table_csv(request, name):
    table = opendata.table(name)
    if table is None:
        raise Http404(gettext("No such table."))
    response = StreamingHttpResponse(opendata.csv_lines(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.csv"'
    return response


def jsonld_lines(request):
    yield '{"@context": "https://schema.org", "license": ' + json.dumps(opendata.licence()["path"]) + ', "@graph": ['
    first = True
    for entry in RECORD_TYPES:
        for record in entry.model.objects.published().with_related().order_by("slug").iterator(chunk_size=500):
            description = jsonld.for_record(record, request)
            description.pop("@context", None)
            yield ("" if first else ",") + "\n" + json.dumps(description, ensure_ascii=False)
            first = False
    yield "\n]}\n"


@require_safe
@condition(etag_func=data_etag)
def record_jsonld(request):
    return StreamingHttpResponse(jsonld_lines(request), content_type="application/ld+json")
