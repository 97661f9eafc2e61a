"""Search: the page across the six record types and `search_queryset` for one."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from records import search
from records.models import Article, MemberState, Summit
from records.registry import RECORD_TYPES
from records.search import clean_query, mark_words, normalize, search_queryset
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    return {
        "title": factories.ArticleFactory(title="Green belt for Central Asia", summary="Trees.", body="<p>Plan.</p>"),
        "summary": factories.ArticleFactory(title="A plan", summary="A green corridor of parks.", body=""),
        "body": factories.ArticleFactory(title="Another plan", summary="Parks.", body="<p>It will be green.</p>"),
        # A fixed summary: the factory's random English sentence may contain "green".
        "turkiye": factories.MemberStateFactory(name="Türkiye", slug="turkiye", iso_code="TUR", summary="A state."),
        "summit": factories.SummitFactory(title="Green summit in Astana", slug="green-summit"),
        "draft": factories.ArticleFactory(title="Green draft", status="draft"),
    }


def test_search_queryset_finds_records_by_words_in_title_summary_and_body(records):
    found = set(search_queryset(Article.objects.published(), "green"))
    assert found == {records["title"], records["summary"], records["body"]}


def test_search_queryset_needs_every_word(records):
    assert list(search_queryset(Article.objects.published(), "green corridor")) == [records["summary"]]


def test_search_queryset_ignores_case_and_accents(records):
    for query in ("turkiye", "TÜRKIYE", "Türkiye"):
        assert list(search_queryset(MemberState.objects.published(), query)) == [records["turkiye"]], query


def test_search_queryset_of_an_empty_query_is_empty(records):
    assert not search_queryset(Article.objects.all(), "")
    assert not search_queryset(Article.objects.all(), "   \x00  ")


def test_search_queryset_survives_nul_bytes_and_huge_queries(records):
    assert list(search_queryset(Article.objects.published(), "gre\x00zz")) == []
    assert list(search_queryset(Article.objects.published(), "green\x00")) != []
    assert search_queryset(Article.objects.published(), "green " * 5000).count() == 3


def test_search_queryset_keeps_the_filters_it_is_given(records):
    assert list(search_queryset(Article.objects.filter(pk=records["body"].pk), "green")) == [records["body"]]


def test_search_queryset_ranks_title_matches_first(records):
    results = list(search_queryset(Article.objects.published(), "green"))
    assert results[0] == records["title"]
    assert results[-1] == records["body"]


def test_the_search_page_groups_results_by_type_with_counts(client, records):
    content = client.get("/search/?q=green").content.decode()
    assert 'id="results-articles">Articles <span class="count">(3)</span>' in content
    assert 'id="results-summits">Summits <span class="count">(1)</span>' in content
    assert "Green draft" not in content
    assert "4 results" in content


def test_the_search_page_marks_the_matching_words(client, records):
    content = client.get("/search/?q=corridor").content.decode()
    assert "<mark>corridor</mark>" in content


def test_the_search_page_lists_one_type_with_pagination(client, records):
    for number in range(25):
        factories.SummitFactory(title=f"Green meeting {number}")
    response = client.get("/search/?q=green&type=summits")
    content = response.content.decode()
    assert 'Summits <span class="count">(26)</span>' in content
    assert "Articles" not in content.split("<main")[1].split("</main>")[0].replace("All types", "")
    assert "type=summits&amp;page=2" in content or "q=green&amp;type=summits&amp;page=2" in content


def test_the_search_page_without_a_query_explains_itself(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert b"finds T\xc3\xbcrkiye" in response.content


def test_search_results_escape_stored_text(client):
    factories.ArticleFactory(title="<b>Bold</b> green claim", summary="<script>alert('green')</script>")
    content = client.get("/search/?q=green").content.decode()
    assert "<script>alert" not in content
    assert "&lt;b&gt;Bold&lt;/b&gt;" in content


def test_clean_query_drops_control_characters_and_limits_length():
    assert clean_query("a\x00b\tc") == "a b c"
    assert len(clean_query("word " * 1000)) <= 200
    assert clean_query(None) == ""


def test_normalize_folds_case_and_accents():
    assert normalize("Türkiye") == "turkiye"
    assert normalize("ÉCOLOGIE") == "ecologie"
    assert normalize("Straße") == "strasse"


def test_mark_words_escapes_and_marks():
    assert mark_words("<Türkiye> joins", "turkiye") == "&lt;<mark>Türkiye</mark>&gt; joins"


# --- PostgreSQL: full-text search ---------------------------------------------------


@pytest.mark.postgres
def test_postgres_search_finds_turkiye_by_turkiye_without_accent(records):
    assert list(search_queryset(MemberState.objects.published(), "turkiye")) == [records["turkiye"]]


@pytest.mark.postgres
def test_postgres_search_stems_words(records):
    factories.SummitFactory(title="Leaders meeting", summary="They met and signed agreements.")
    assert search_queryset(Summit.objects.published(), "agreement sign").count() == 1


@pytest.mark.postgres
def test_postgres_search_ranks_title_above_summary_above_body(records):
    results = list(search_queryset(Article.objects.published(), "green"))
    assert results == [records["title"], records["summary"], records["body"]]


@pytest.mark.postgres
def test_postgres_search_page_shows_highlighted_snippets(client, records):
    content = client.get("/search/?q=parks").content.decode()
    assert "<mark>parks</mark>" in content.lower()


@pytest.mark.postgres
def test_postgres_search_uses_the_gin_index(records):
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
    try:
        plan = search_queryset(Summit.objects.all(), "astana").explain()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = on")
    assert "summit_search_gin" in plan


@pytest.mark.postgres
def test_postgres_search_accepts_web_search_syntax(records):
    assert search_queryset(Article.objects.published(), '"green corridor"').count() == 1
    assert search_queryset(Article.objects.published(), "green -corridor").count() == 2
    assert search_queryset(Article.objects.published(), "corridor or belt").count() == 2


def test_a_snippet_shows_the_words_around_a_match_in_the_body(client):
    body = "<p>" + "filler " * 80 + "clean water &amp; sanitation for all</p><h2>Next</h2>"
    factories.ArticleFactory(title="Water", summary="Plain summary.", body=body)
    content = client.get("/search/?q=sanitation").content.decode()
    assert "<mark>sanitation</mark>" in content.lower()
    assert "water &amp; <mark>" in content.lower()
    assert "&amp;amp;" not in content


# --- At scale: stored vectors, bounded ranking, capped counts -----------------------


@pytest.fixture
def few_ranked(monkeypatch):
    monkeypatch.setattr(search, "MAX_RANKED", 3)


def test_counts_above_the_ranked_matches_are_shown_with_a_plus(client, few_ranked):
    for number in range(5):
        factories.SummitFactory(title=f"Water meeting {number}")
    factories.ArticleFactory(title="Water for all")
    content = client.get("/search/?q=water").content.decode()
    assert 'Summits <span class="count">(3+)</span>' in content
    assert 'Articles <span class="count">(1)</span>' in content
    assert "4+ results" in content


def count_statements(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, sum("COUNT(" in query["sql"].upper() for query in queries.captured_queries)


def test_the_search_page_counts_only_what_it_does_not_show_and_keeps_the_count(client):
    for number in range(7):
        factories.SummitFactory(title=f"Water meeting {number}")
    factories.ArticleFactory(title="Water for all")
    response, counted = count_statements(client, "/search/?q=water")
    content = response.content.decode()
    assert 'Summits <span class="count">(7)</span>' in content
    assert 'Articles <span class="count">(1)</span>' in content
    assert counted == 1  # the summits: more than a group shows
    assert count_statements(client, "/search/?q=water")[1] == 0
    response, counted = count_statements(client, "/search/?q=water&type=summits")
    assert counted == 0 and len(response.context["groups"][0]["results"]) == 7
    factories.SummitFactory(title="Water meeting 8")  # a write: counted again
    response, counted = count_statements(client, "/search/?q=water")
    assert counted == 1 and 'Summits <span class="count">(8)</span>' in response.content.decode()


def test_search_count_stops_one_past_the_ranked_matches(few_ranked):
    for number in range(5):
        factories.SummitFactory(title=f"Water meeting {number}")
    expected = 4 if connection.vendor == "postgresql" else 5
    assert search.search_count(Summit.objects.published(), "water") == expected
    assert search.search_count(Summit.objects.published(), "") == 0


def test_the_api_searches_within_a_many_to_many_filter(client):
    topic = factories.TopicFactory(slug="ecology")
    inside = factories.ArticleFactory(title="Green belt")
    inside.topics.add(topic, factories.TopicFactory())
    factories.ArticleFactory(title="Green elsewhere")
    response = client.get("/api/v1/articles/?topic=ecology&search=green")
    assert response.status_code == 200
    assert [record["slug"] for record in response.json()["results"]] == [inside.slug]


@pytest.mark.postgres
def test_postgres_search_ranks_only_the_first_matches_in_list_order(few_ranked):
    for day in range(1, 6):
        factories.ArticleFactory(title=f"Water {day}", original_published_on=datetime.date(2024, 1, day))
    found = search_queryset(Article.objects.published(), "water")
    assert sorted(article.title for article in found) == ["Water 3", "Water 4", "Water 5"]
    assert found.count() == 3


@pytest.mark.postgres
def test_postgres_stored_vectors_are_built_from_search_fields(records):
    """A change to SEARCH_FIELDS needs a migration that regenerates the `search_vector` columns."""
    factories.OfficialFactory(name="Zhang Ming", current_title="Minister", description="<p>Bio</p>")
    factories.InitiativeFactory(location="Astana")
    factories.OrganizationFactory(short_name="SCO")
    for model in (entry.model for entry in RECORD_TYPES):
        name = model._meta.model_name
        rows = model.objects.annotate(stored=search.StoredSearchVector(), built=search.search_vector(name))
        rows = list(rows.values_list("stored", "built"))
        assert rows, name
        assert all(stored == built for stored, built in rows), name


@pytest.mark.postgres
def test_postgres_stored_vectors_stay_in_the_records_row():
    """A common word is searched by testing each row's vector in list order: the
    vectors are stored in the row (STORAGE MAIN), not fetched from TOAST (migration 0019)."""
    tables = [entry.model._meta.db_table for entry in RECORD_TYPES]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attrelid::regclass::text, attname, attstorage FROM pg_attribute "
            "WHERE attrelid = ANY(%s::regclass[]) AND attname IN ('search_vector', 'search_vector_ru', 'body')",
            [tables],
        )
        storage = {(table, column): kind for table, column, kind in cursor.fetchall()}
    for table in tables:
        assert storage[(table, "search_vector")] == "m", table
        assert storage[(table, "search_vector_ru")] == "m", table
    assert storage[("records_article", "body")] == "x"  # the long text is what moves out


@pytest.mark.parametrize("prefix", ["", "/ru"])
def test_search_cards_do_not_read_the_long_texts(client, prefix):
    factories.ArticleFactory(title="Water for all", body="<p>Rivers and water in the long text.</p>")
    with CaptureQueriesContext(connection) as queries:
        content = client.get(f"{prefix}/search/?q=water").content.decode()
    assert "Water for all" in content
    english_snippet_on_sqlite = prefix == "" and connection.vendor != "postgresql"
    if not english_snippet_on_sqlite:
        selected = [query["sql"].split(" FROM ")[0] for query in queries.captured_queries]
        assert not any('"records_article"."body_ru"' in columns for columns in selected)
