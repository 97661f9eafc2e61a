"""Filter backends of the API lists: search, ordering with an allow-list, and
the checks every query parameter passes first."""

from django.utils.translation import gettext
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.settings import api_settings

from records.search import MAX_QUERY_LENGTH, SEARCH_FIELDS, search_queryset

SLUG_LIST_PATTERN = r"^\s*[a-z0-9]+(-[a-z0-9]+)*\s*(,\s*[a-z0-9]+(-[a-z0-9]+)*\s*)*$"


def check_query_params(request):
    """Reject what no parameter may hold (NUL bytes: PostgreSQL cannot store or compare them)."""
    bad = sorted(
        {key.replace("\x00", "") for key, value in request.query_params.lists() if "\x00" in key + "".join(value)}
    )
    if bad:
        raise ValidationError({name or "query": [gettext("Null characters are not allowed.")] for name in bad})


def csv_values(request, param):
    """`a,b` → ["a", "b"]; an empty value → []. Parts are kept as sent, so `a,,b` names an empty one."""
    value = request.query_params.get(param, "")
    return value.split(",") if value else []


# Query parameters that are not filters of the FilterSets.
NOT_FILTERS = {"page", "page_size", "cursor", "ordering", "search", "fields"}


class RecordFilterBackend(DjangoFilterBackend):
    """The shared FilterSets, with `format=json|api` left to content negotiation."""

    def filter_queryset(self, request, queryset, view):
        # Without a filter parameter a FilterSet changes nothing: skip building its form.
        params = set(request.query_params) - NOT_FILTERS
        if request.query_params.get(api_settings.URL_FORMAT_OVERRIDE) in renderer_formats(view):
            params.discard(api_settings.URL_FORMAT_OVERRIDE)
        if not params:
            return queryset
        return super().filter_queryset(request, queryset, view)

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        data = kwargs["data"].copy()
        if data.get(api_settings.URL_FORMAT_OVERRIDE) in renderer_formats(view):
            data.pop(api_settings.URL_FORMAT_OVERRIDE)
        kwargs["data"] = data
        return kwargs


def renderer_formats(view):
    return {renderer.format for renderer in view.get_renderers()}


class RecordContentNegotiation(DefaultContentNegotiation):
    """`?format=json` or `?format=api` picks a renderer; any other `format` is a filter
    (a summit's meeting format), not a request for an unknown renderer."""

    def select_renderer(self, request, renderers, format_suffix=None):
        requested = request.query_params.get(api_settings.URL_FORMAT_OVERRIDE)
        if requested and requested not in {renderer.format for renderer in renderers}:
            self.settings = FormatParameterIgnored()
        return super().select_renderer(request, renderers, format_suffix)


class FormatParameterIgnored:
    """DRF's settings with the `format` override switched off."""

    URL_FORMAT_OVERRIDE = None

    def __getattr__(self, name):
        return getattr(api_settings, name)


class RecordSearchFilter(filters.BaseFilterBackend):
    """`?search=`: the site's search (records.search), accent- and case-tolerant where supported."""

    search_param = "search"
    max_length = MAX_QUERY_LENGTH

    def filter_queryset(self, request, queryset, view):
        query = request.query_params.get(self.search_param, "").strip()
        if not query:
            return queryset
        if len(query) > self.max_length:
            raise ValidationError(
                {self.search_param: [gettext("Use at most %(count)d characters.") % {"count": self.max_length}]}
            )
        if queryset.model._meta.model_name in SEARCH_FIELDS:
            return search_queryset(queryset, query)
        # Topics are a short plain taxonomy: part of a name is enough ("eco" finds ecology).
        for word in query.split():
            queryset = queryset.filter(name__icontains=word)
        return queryset

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.search_param,
                "required": False,
                "in": "query",
                "description": "Words to search for; every word must match (case and accents are ignored).",
                "schema": {"type": "string", "maxLength": self.max_length},
            }
        ]


class AllowListOrderingFilter(filters.OrderingFilter):
    """`?ordering=name,-updated_at` on the view's `ordering_fields` only; anything else is a 400."""

    def get_ordering(self, request, queryset, view):
        requested = csv_values(request, self.ordering_param)
        if not requested:
            return self.get_default_ordering(view)
        allowed = set(view.ordering_fields)
        unknown = [term or "''" for term in requested if term.lstrip("-") not in allowed]
        if unknown:
            raise ValidationError(
                {
                    self.ordering_param: [
                        gettext("Cannot order by %(unknown)s. Choose from: %(allowed)s.")
                        % {"unknown": ", ".join(unknown)[:200], "allowed": ", ".join(sorted(allowed))}
                    ]
                }
            )
        # A unique last key keeps pages stable.
        return [*requested, "slug"] if "slug" not in {term.lstrip("-") for term in requested} else requested

    def get_schema_operation_parameters(self, view):
        choices = [prefix + name for name in view.ordering_fields for prefix in ("", "-")]
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Comma-separated sort keys; a leading `-` sorts descending.",
                "schema": {"type": "array", "items": {"type": "string", "enum": choices}},
                "style": "form",
                "explode": False,
            }
        ]
