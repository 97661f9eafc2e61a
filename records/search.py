"""Search across the record types, shared by the search page and the API's
`search` parameter."""

from django.db.models import Q

# The text fields searched for each record type, most important first.
SEARCH_FIELDS = {
    "article": ("title", "summary", "body", "authors"),
    "summit": ("title", "summary", "description", "city"),
    "memberstate": ("name", "official_name", "summary", "description", "capital"),
    "official": ("name", "current_title", "summary", "description"),
    "initiative": ("name", "summary", "description", "location"),
    "organization": ("name", "short_name", "summary", "description"),
}


def search_queryset(queryset, query):
    """Records of `queryset` matching `query` (case-insensitive words, all required)."""
    fields = SEARCH_FIELDS[queryset.model._meta.model_name]
    for word in query.split():
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset
