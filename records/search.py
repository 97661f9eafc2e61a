"""Search across the record types, shared by the search page and the API's
`search` parameter.

On PostgreSQL it is full-text search: a weighted `tsvector` per record
(title > summary > body) in the `sco_search` text search configuration, which
runs `unaccent` before English stemming, so `turkiye` finds Türkiye. Migration
0004 creates that configuration; migration 0007 stores each record's vector
in a `search_vector` column that PostgreSQL computes from SEARCH_FIELDS (as
`search_vector()` here builds it), with a GIN index.

At scale, a common word matches tens of thousands of records. Only the first
`MAX_RANKED` matches in list order (the newest, for articles) are ranked and
returned, and `search_count()` counts up to one more than that, so that a page
can say "1,000+" without counting every match.

In Russian and Chinese (the page's or the API request's language), a record
also matches in its translation: Russian through a stored `search_vector_ru`
(the `sco_search_ru` configuration: unaccent, then Russian stemming), Chinese
through a stored `search_text_zh` whose trigram index finds each word of the
query as a substring (migration 0018). English is searched in every language.

On SQLite a simpler fallback compares case-folded, accent-stripped text
through a small SQL function registered on each connection (the active
language's columns beside the English ones).

Beside the full-text results, `name_suggestions()` offers the records and
topics whose name looks like the query: on PostgreSQL by trigram word
similarity (`pg_trgm`, GIN indexes from migration 0013), so that a common
transliteration ("Mirziyoev") finds the record's spelling (Shavkat
Mirziyoyev); on SQLite by the name containing the query.
"""

import html
import re
import unicodedata

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import NotSupportedError, connections
from django.db.backends.signals import connection_created
from django.db.models import Case, Expression, F, FloatField, Func, Q, TextField, Value, When
from django.db.models.functions import Concat
from django.db.models.lookups import IContains
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from records.languages import active, translation_column
from records.models import Status
from records.registry import RECORD_TYPES, TOPIC, label_field, translated_label
from records.statements import STANDIN_TEXT, statement

SEARCH_CONFIG = "sco_search"
RUSSIAN_CONFIG = "sco_search_ru"
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
# How many matches (the first in list order) are ranked; counts stop one above it.
MAX_RANKED = 1000

# Names offered beside the results: at most this many per record type, chosen
# among at most NAME_CANDIDATES matches found through the trigram index.
NAMES_PER_TYPE = 3
NAME_CANDIDATES = 100
MIN_NAME_QUERY = 3

# The text fields searched for each record type, by weight, from its registry entry.
SEARCH_FIELDS = {entry.model_name: entry.search_fields for entry in RECORD_TYPES}

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
    """The weighted vector of one record type, as its stored `search_vector` column holds it."""
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


def search_count(queryset, query):
    """How many records of `queryset` match `query`, counting at most MAX_RANKED + 1."""
    query = clean_query(query)
    if not query:
        return 0
    if is_postgres(queryset):
        return _postgres_matches(queryset, query)[: MAX_RANKED + 1].count()
    return _simple_search(queryset, query).count()


def count_label(count):
    """A search count for people: "1,000+" when it was capped (see `search_count`)."""
    return f"{MAX_RANKED:,}+" if count > MAX_RANKED else str(count)


def total_label(counts):
    """The sum of several search counts, with "+" when one of them was capped."""
    total = sum(min(count, MAX_RANKED) for count in counts)
    return f"{total:,}+" if any(count > MAX_RANKED for count in counts) else str(total)


def _postgres_matches(queryset, query):
    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    queryset = queryset.alias(search_document=StoredSearchVector())
    language = active()
    if language == "ru":
        russian = SearchQuery(query, search_type="websearch", config=RUSSIAN_CONFIG)
        queryset = queryset.alias(search_document_ru=StoredSearchVector("search_vector_ru"))
        return queryset.filter(Q(search_document=search_query) | Q(search_document_ru=russian))
    if language == "zh-hans":
        return queryset.alias(search_text_zh=StoredText("search_text_zh")).filter(
            Q(search_document=search_query) | _chinese_condition(query)
        )
    return queryset.filter(search_document=search_query)


def _chinese_condition(query):
    """Every word of `query` (its characters, as Chinese writes words without spaces) in the Chinese text."""
    condition = Q()
    for word in query.replace('"', " ").split():
        if word.lower() != "or" and not word.startswith("-"):
            condition &= Q(search_text_zh__contains=word)
    return condition if condition else Q(pk__in=[])


def _rank(query):
    """The rank of a match: its English vector's, plus its translation's in the active language."""
    rank = SearchRank(StoredSearchVector(), SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG))
    language = active()
    if language == "ru":
        russian = SearchQuery(query, search_type="websearch", config=RUSSIAN_CONFIG)
        rank = rank + SearchRank(StoredSearchVector("search_vector_ru"), russian)
    elif language == "zh-hans":
        found = Case(When(_chinese_condition(query), then=Value(0.5)), default=Value(0.0), output_field=FloatField())
        rank = rank + found
    return rank


def _postgres_search(queryset, query):
    # The candidates come from an index in list order (a common word) or the GIN
    # index (a rare one); only they are ranked, from their stored vectors. The
    # list order alone, without a tie-breaker, lets its index deliver them sorted.
    order = queryset.model._meta.ordering or ["-pk"]
    source = queryset
    if queryset.query.distinct:
        # DISTINCT (a filter across a many-to-many) would need the order's columns in the subquery.
        source = queryset.model._base_manager.filter(pk__in=queryset.values("pk"))
    candidates = _postgres_matches(source, query).order_by(*order).values("pk")[:MAX_RANKED]
    queryset = queryset.filter(pk__in=candidates)
    if active() == "zh-hans":
        queryset = queryset.alias(search_text_zh=StoredText("search_text_zh"))
    return queryset.annotate(search_rank=_rank(query)).order_by("-search_rank", "pk")


class StoredSearchVector(Expression):
    """A stored search column of the record's table, not a model field (PostgreSQL only):
    `search_vector` (migration 0010) or `search_vector_ru` (migration 0018)."""

    output_field = SearchVectorField()

    def __init__(self, column="search_vector"):
        super().__init__()
        self.column = column

    def __eq__(self, other):
        return type(self) is type(other) and self.column == other.column

    def __hash__(self):
        return hash((type(self), self.column))

    def as_sql(self, compiler, connection):
        table = compiler.query.base_table or compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(table)}.{self.column}", []


class StoredText(StoredSearchVector):
    """The stored `search_text_zh` column (migration 0018)."""

    output_field = TextField()


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
    # The active language's columns beside the English ones, weighted alike.
    fields = {
        group: [*names, *filter(None, (translation_column(queryset.model, name) for name in names))]
        for group, names in fields.items()
    }
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


# Records known by a name (topics, states, officials, summits, initiatives, organizations).
# Articles, known by their words, are what the full-text search itself finds; matching
# their titles by trigrams would cost a scan of the largest table on every search.
NAMED_TYPES = tuple(entry for entry in (TOPIC, *RECORD_TYPES) if entry.prefix != "articles")


def name_suggestions(query, per_type=NAMES_PER_TYPE):
    """Published records and topics whose name or title looks like `query`, the
    closest first: [{"record", "type", "similarity"}]. On PostgreSQL one query
    (a UNION of each type's closest names, compiled once per language and prepared
    on the server: records.statements), whatever the query; elsewhere one per
    type; nothing for under three letters. A record carries its slug, its name
    and what its link needs, not its other fields."""
    query = clean_query(query).replace('"', " ").strip()
    if len(query) < MIN_NAME_QUERY:
        return []
    if is_postgres(TOPIC.model.objects.all()):
        suggestions = _similar_names_of_every_type(query, per_type)
    else:
        suggestions = [
            {"record": record, "type": queryset.model._meta.verbose_name, "similarity": 1.0}
            for queryset in _named_querysets()
            for record in _containing_names(queryset, label_field(queryset.model), query, per_type)
        ]
    # Stable: among equals, topics first, then the registry's order.
    return sorted(suggestions, key=lambda suggestion: -suggestion["similarity"])


def _named_querysets(now=None):
    """The records that may be offered by name, one queryset per type of NAMED_TYPES."""
    return [
        (entry.model.objects.all() if entry.model is TOPIC.model else entry.model.objects.published(now))
        for entry in NAMED_TYPES
    ]


def _similar_names_of_every_type(query, limit):
    def build(ids, now):
        parts = [
            _closest_names(queryset, label_field(queryset.model), STANDIN_TEXT)
            .annotate(
                name_kind=Value(number),
                name_label=F(label_field(queryset.model)),
                name_translation=translated_label(queryset.model),
            )
            .values("name_kind", "pk", "slug", "name_label", "name_translation", "name_similarity")[:limit]
            for number, queryset in enumerate(_named_querysets(now))
        ]
        return parts[0].union(*parts[1:], all=True)

    # Compiled once per language and limit (records.statements), run with the query's words.
    rows = statement(("names", active(), limit), 0, build).rows([], timezone.now(), text=query, named=True)
    suggestions = []
    # UNION keeps no order between its parts: the registry's order, as the other databases give it.
    for row in sorted(rows, key=lambda row: row["name_kind"]):
        model = NAMED_TYPES[row["name_kind"]].model
        names = {label_field(model): row["name_label"]}
        translated = translation_column(model, label_field(model))
        if translated:
            names[translated] = row["name_translation"]
        record = model(pk=row["pk"], slug=row["slug"], **names)
        if hasattr(record, "status"):
            record.status = Status.PUBLISHED  # only published records are candidates
        suggestions.append({"record": record, "type": model._meta.verbose_name, "similarity": row["name_similarity"]})
    return suggestions


def _closest_names(queryset, field, query):
    # `%>` (word similarity above pg_trgm.word_similarity_threshold) and ILIKE both use
    # the GIN trigram index; only a bounded set of candidates is ranked.
    condition = Q(**{f"{field}__trigram_word_similar": query}) | Q(ContainsIgnoringCase(F(field), query))
    candidates = queryset.filter(condition).order_by().values("pk")[:NAME_CANDIDATES]
    return (
        queryset.model._base_manager.filter(pk__in=candidates)
        .annotate(name_similarity=TrigramWordSimilarity(query, field))
        .order_by("-name_similarity", field, "pk")
    )


class ContainsIgnoringCase(IContains):
    """`field ILIKE '%query%'` (PostgreSQL), which a trigram index on the column serves.

    Django's `icontains` compares `UPPER(field)`, an expression the index on the
    column does not hold, so a name search that used it read every row."""

    lookup_name = "contains_ignoring_case"

    def process_lhs(self, compiler, connection, lhs=None):
        return compiler.compile(self.lhs if lhs is None else lhs)

    def get_rhs_op(self, connection, rhs):
        return f"ILIKE {rhs}"

    def as_sql(self, compiler, connection):
        if connection.vendor != "postgresql":
            raise NotSupportedError("ILIKE is PostgreSQL's: use icontains elsewhere.")
        return super().as_sql(compiler, connection)


def _containing_names(queryset, field, query, limit):
    _register_sqlite_function(connections[queryset.db])
    wanted = normalize(query)
    matches = queryset.alias(normalized_name=Normalized(F(field))).filter(normalized_name__contains=wanted)
    return list(matches.order_by(field, "pk")[:limit])


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
