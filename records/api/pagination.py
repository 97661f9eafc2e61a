"""Page-number pagination: `page` and `page_size` (capped at 100), `count` always present."""

from rest_framework.pagination import PageNumberPagination


class RecordPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    page_size_query_description = "Results per page (default 20, at most 100)."
    max_page_size = 100
