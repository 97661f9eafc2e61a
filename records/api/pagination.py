"""Pagination of the API lists: `{"count", "next", "previous", "results"}`.

- `next` and `previous` are keyset links (`?cursor=`, records.api.keyset):
  the position after the page's last record, or before its first, in the
  list's order with the id as the last key. Walking a list by them sees every
  record once, even while records are added, and each page costs what the
  first does.
- `page=N` jumps (OFFSET: the deeper, the slower); the links of such a page
  are cursors too. `page_size` is capped at 100.
- `count` is exact: counted when the whole list fits in the page, otherwise
  counted once and kept per filter, caller visibility and data version
  (records.freshness `kept_count`), so walking or paging costs no COUNT.
- Search results (`?search=`) are ranked among a bounded set of candidates
  (records.search) and keep page-number links. Their count is the page's own
  when the page is the last, else counted once and kept like a list's.
"""

import contextlib
import math
from urllib import parse

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination, _positive_int
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from records import freshness
from records.languages import active
from records.models.base import may_change
from records.registry import RECORD_TYPES

from . import keyset

# Parameters that choose a page of a list, not which records it holds.
PAGE_PARAMETERS = {"page", "page_size", "cursor", "ordering", "fields", "format"}


class RecordPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    page_size_query_description = "Results per page (default 20, at most 100)."
    max_page_size = 100
    cursor_query_param = "cursor"
    cursor_query_description = (
        "A position in the list, as the `next` and `previous` links give it (opaque; made for one "
        "ordering of one list). Any other value is a 400."
    )

    def paginate_queryset(self, queryset, request, view=None):
        self.request, self.view = request, view
        self.size = self.get_page_size(request)
        self.count = None
        self.keys = self.keys_for(queryset, request)
        self.ranked = self.keys is None
        if self.ranked:
            self.queryset = queryset
            return self.numbered_page()
        self.queryset = keyset.ordered(queryset, self.keys)
        # A parameter sent empty counts as not sent.
        token = request.query_params.get(self.cursor_query_param)
        if token:
            return self.cursor_page(token)
        return self.numbered_page()

    def check_parameters(self, queryset, request):
        """The same 400 or 404 for a bad `page_size`, `cursor` or `page` as a page would give, for a request
        that reads no page (a download of the whole list)."""
        self.get_page_size(request)
        keys = self.keys_for(queryset, request)
        token = request.query_params.get(self.cursor_query_param)
        if token and keys is not None:
            self.decode(token, keys, queryset.model)
        raw = request.query_params.get(self.page_query_param)
        if raw and raw not in self.last_page_strings:
            self.page_number(raw)

    def keys_for(self, queryset, request):
        """The keys of the list's order, or None for a ranked search (which is paged by number only)."""
        if not request.query_params.get("search", "").strip():
            with contextlib.suppress(keyset.NotKeyed):
                return keyset.keys_of(queryset)
        if request.query_params.get(self.cursor_query_param):
            raise ValidationError({self.cursor_query_param: ["Search results are paged by number, not by cursor."]})
        return None

    def decode(self, token, keys, model):
        try:
            return keyset.decode(token, keys, model)
        except keyset.BadCursor as error:
            raise ValidationError({self.cursor_query_param: [str(error)]}) from None

    def page_number(self, raw):
        try:
            return _positive_int(raw, strict=True)
        except ValueError:
            raise NotFound(self.invalid_page_message) from None

    def cursor_page(self, token):
        position, self.backwards = self.decode(token, self.keys, self.queryset.model)
        self.position, self.number = position, None
        keys = [key.reversed() for key in self.keys] if self.backwards else self.keys
        rows = keyset.records_after(self.queryset, keys, position, self.size + 1)
        self.more = len(rows) > self.size
        rows = rows[: self.size]
        self.rows = rows[::-1] if self.backwards else rows
        return self.rows

    def numbered_page(self):
        raw = self.request.query_params.get(self.page_query_param) or "1"
        if raw in self.last_page_strings:
            number = max(1, math.ceil(self.count_all() / self.size))
        else:
            number = self.page_number(raw)
        offset = (number - 1) * self.size
        if offset + self.size >= 2**63:  # beyond any list, and beyond what the database can count to
            raise NotFound(self.invalid_page_message)
        rows = list(self.queryset[offset : offset + self.size + 1])
        if not rows and number != 1:
            raise NotFound(self.invalid_page_message)
        self.position, self.backwards, self.number = None, False, number
        self.more = len(rows) > self.size
        self.rows = rows[: self.size]
        if not self.more:
            self.count = offset + len(self.rows)  # the last page: nothing to count
        return self.rows

    def get_page_size(self, request):
        """A `page_size` that is not a whole number of at least 1 is a 400, not quietly the default;
        more than 100 gives 100."""
        value = request.query_params.get(self.page_size_query_param, "")
        if value == "":
            return self.page_size
        if not value.isascii() or not value.isdigit() or int(value) < 1:
            raise ValidationError(
                {self.page_size_query_param: ["Give a whole number of at least 1 (at most 100 are sent)."]}
            )
        return min(int(value), self.max_page_size)

    # count -------------------------------------------------------------------

    def count_all(self):
        if self.count is None:
            self.count = freshness.kept_count(self.count_description(), self.queryset.count)
        return self.count

    def count_description(self):
        """What is counted: the list, its filters, what the caller may see of each record type, and the
        language (a search matches translations too)."""
        params = sorted(
            (key, value)
            for key, values in self.request.query_params.lists()
            if key not in PAGE_PARAMETERS
            for value in values
        )
        user = self.request.user
        sees = "".join("1" if may_change(user, entry.model) else "0" for entry in RECORD_TYPES)
        return f"{self.queryset.model._meta.label}|{sees}|{active()}|{parse.urlencode(params)}"

    # links -------------------------------------------------------------------

    def get_paginated_response(self, data):
        return Response(
            {"count": self.count_all(), "next": self.next_link(), "previous": self.previous_link(), "results": data}
        )

    def next_link(self):
        if self.ranked:
            return self.number_link(self.number + 1) if self.more else None
        if self.backwards:
            return self.cursor_link(self.rows[-1] if self.rows else None, backwards=False)
        return self.cursor_link(self.rows[-1], backwards=False) if self.more else None

    def previous_link(self):
        if self.ranked:
            return self.number_link(self.number - 1) if self.number > 1 else None
        if self.backwards:
            return self.cursor_link(self.rows[0], backwards=True) if self.more else None
        if self.number == 1:
            return None
        return self.cursor_link(self.rows[0] if self.rows else None, backwards=True)

    def number_link(self, number):
        url = self.request.build_absolute_uri()
        if number == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, number)

    def cursor_link(self, record, backwards):
        values = keyset.position_of(record, self.keys) if record is not None else self.position
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, keyset.encode(self.keys, values, backwards))

    # schema ------------------------------------------------------------------

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["required"] = ["count", "next", "previous", "results"]
        properties = response["properties"]
        properties["count"]["description"] = (
            "How many records the list holds with these filters (exact; with `search`, at most 1,000 are "
            "ranked and counted, see the guide)."
        )
        properties["next"]["description"] = "The next page (a `cursor` link), or null on the last page."
        properties["next"]["example"] = "http://api.example.org/api/v1/articles/?cursor=eyJvIjoi"
        properties["previous"]["description"] = "The page before (a `cursor` link), or null on the first page."
        properties["previous"]["example"] = "http://api.example.org/api/v1/articles/?cursor=eyJvIjoi"
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        parameters.append(
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": self.cursor_query_description,
                "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]*$"},
            }
        )
        return parameters
