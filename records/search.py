"""Search across the record types, shared by the search page and the API's
`search` parameter.

On PostgreSQL it is full-text search: a weighted `tsvector` per record
(title > summary > body) in the `sco_search` text search configuration, which
runs `unaccent` before English stemming, so `turkiye` finds Türkiye. Migration
0004 creates that configuration and a GIN index on the very expression built
by `search_vector()` here, so the two must stay in step.

On SQLite a simpler fallback compares case-folded, accent-stripped text
through a small SQL function registered on each connection.
"""

import html
import re
import unicodedata

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models import Case, F, FloatField, Func, Q, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

SEARCH_CONFIG = "sco_search"
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12

# The text fields searched for each record type, by weight: A (names and
# titles), B (summary and short facts), C (the long text).
SEARCH_FIELDS = {
    "article": {"A": ("title",), "B": ("summary", "authors"), "C": ("body",)},
    "summit": {"A": ("title",), "B": ("summary", "city"), "C": ("description",)},
    "memberstate": {"A": ("name", "official_name"), "B": ("summary", "capital"), "C": ("description",)},
    "official": {"A": ("name",), "B": ("summary", "current_title"), "C": ("description",)},
    "initiative": {"A": ("name",), "B": ("summary", "location"), "C": ("description",)},
    "organization": {"A": ("name", "short_name"), "B": ("summary",), "C": ("description",)},
}

# Headlines: sentinels that cannot come from stored text, swapped for <mark>
# after the rest of the snippet has been stripped of tags and escaped.
_START, _STOP = "\u2063\u2063[", "]\u2063\u2063"
_SPACES = re.compile(r"\s+")
_TAGS = re.compile(r"<[^<>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_query(query):
    """A query safe to send to the database: no NUL or control characters,
    at most MAX_QUERY_LENGTH characters and MAX_WORDS words."""
    query = _CONTROL.sub(" ", str(query or ""))[: MAX_QUERY_LENGTH * 2]
    words = _SPACES.sub(" ", query).strip().split(" ")[:MAX_WORDS]
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


def normalize(text):
    """Case-folded text without accents: `Türkiye` → `turkiye`."""
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def is_postgres(queryset):
    return connections[queryset.db].vendor == "postgresql"


def search_vector(model_name):
    """The weighted vector of one record type (the GIN index is built on it)."""
    vector = None
    for weight, fields in SEARCH_FIELDS[model_name].items():
        for field in fields:
            part = SearchVector(field, weight=weight, config=SEARCH_CONFIG)
            vector = part if vector is None else vector + part
    return vector


def search_queryset(queryset, query):
    """Records of `queryset` matching `query`, best first (annotated `search_rank`).

    Works for any one record type's queryset; an empty query matches nothing.
    """
    query = clean_query(query)
    if not query:
        return queryset.none()
    if is_postgres(queryset):
        return _postgres_search(queryset, query)
    return _simple_search(queryset, query)


def _postgres_search(queryset, query):
    model_name = queryset.model._meta.model_name
    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    vector = search_vector(model_name)
    return (
        queryset.annotate(search_document=vector)
        .filter(search_document=search_query)
        .annotate(search_rank=SearchRank(vector, search_query))
        .order_by("-search_rank", "pk")
    )


class Normalized(Func):
    """`sco_normalize(field)`: the SQLite fallback's case- and accent-free text."""

    function = "SCO_NORMALIZE"
    output_field = TextField()


def _register_sqlite_function(connection, **kwargs):
    if connection.vendor == "sqlite" and connection.connection is not None:
        connection.connection.create_function("SCO_NORMALIZE", 1, normalize, deterministic=True)


connection_created.connect(_register_sqlite_function, dispatch_uid="records.search.sqlite_normalize")


def _simple_search(queryset, query):
    _register_sqlite_function(connections[queryset.db])
    fields = SEARCH_FIELDS[queryset.model._meta.model_name]
    words = [normalize(word).strip("\"'") for word in query.split()]
    words = [word for word in words if word and word not in {"or", "-"}]
    if not words:
        return queryset.none()
    all_fields = [field for group in fields.values() for field in group]
    queryset = queryset.alias(**{f"normalized_{field}": Normalized(F(field)) for field in all_fields})
    for word in words:
        condition = Q()
        for field in all_fields:
            condition |= Q(**{f"normalized_{field}__contains": word})
        queryset = queryset.filter(condition)

    def matches_all(group):
        condition = Q()
        for word in words:
            per_word = Q()
            for field in fields[group]:
                per_word |= Q(**{f"normalized_{field}__contains": word})
            condition &= per_word
        return condition

    rank = Case(
        When(matches_all("A"), then=Value(1.0)),
        When(matches_all("B"), then=Value(0.4)),
        default=Value(0.2),
        output_field=FloatField(),
    )
    return queryset.annotate(search_rank=rank).order_by("-search_rank", "pk")


def with_headline(queryset, query):
    """Annotate `search_headline` (PostgreSQL): a snippet with the matches marked."""
    query = clean_query(query)
    if not query or not is_postgres(queryset):
        return queryset
    fields = SEARCH_FIELDS[queryset.model._meta.model_name]
    # The summary, then the long text: where a match is most likely readable.
    text = Concat(F(fields["B"][0]), Value(" "), F(fields["C"][0]), output_field=TextField())
    return queryset.annotate(
        search_headline=SearchHeadline(
            text,
            SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG),
            config=SEARCH_CONFIG,
            start_sel=_START,
            stop_sel=_STOP,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
    )


def snippet(record, query):
    """Safe HTML of a record's search snippet: the database's headline on
    PostgreSQL, else its summary with the query's words marked."""
    headline = getattr(record, "search_headline", None)
    if headline:
        text = escape(plain_text(headline))
        return mark_safe(text.replace(escape(_START), "<mark>").replace(escape(_STOP), "</mark>"))  # noqa: S308
    long_text = getattr(record, "body", None) or getattr(record, "description", "") or ""
    return mark_words(excerpt(f"{record.summary} {plain_text(long_text)}", query), query)


def plain_text(html_text):
    """Text of an HTML fragment: tags become spaces, entities characters."""
    return _SPACES.sub(" ", html.unescape(_TAGS.sub(" ", html_text or ""))).strip()


def excerpt(text, query, before=12, length=40):
    """About `length` words of `text` around the first word matching `query`."""
    words = _SPACES.sub(" ", text).strip().split(" ")
    wanted = [normalize(word) for word in clean_query(query).split() if len(word) > 1]
    first = next((i for i, word in enumerate(words) if any(w in normalize(word) for w in wanted)), 0)
    start = max(0, first - before) if first >= length - before else 0
    chosen = " ".join(words[start : start + length])
    return ("… " if start else "") + chosen + (" …" if start + length < len(words) else "")


def mark_words(text, query):
    """Escape `text` and wrap the words of `query` in <mark>, ignoring case and accents."""
    words = {normalize(word) for word in clean_query(query).split() if len(word) > 1}
    if not words:
        return escape(text)
    parts = []
    for token in re.split(r"(\w+)", text):
        normalized = normalize(token)
        if normalized in words or any(normalized.startswith(word) for word in words if len(word) > 3):
            parts.append(f"<mark>{escape(token)}</mark>")
        else:
            parts.append(escape(token))
    return mark_safe("".join(parts))  # noqa: S308
