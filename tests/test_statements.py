"""Statements compiled once per shape (records.statements): the same rows as
the queryset they were built from, for any ids and any time."""

import datetime

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from records import statements
from records.models import Article, Status
from records.models.base import visible_records
from records.statements import NotCompilable, statement
from tests import factories

pytestmark = pytest.mark.django_db


def build(ids, now):
    return visible_records(Article, None, now).filter(pk__in=ids).order_by("pk").values_list("pk", "slug")


def test_a_statement_gives_the_querysets_rows_for_other_ids_and_times():
    live = [factories.ArticleFactory(slug=f"live-{n}") for n in range(3)]
    later = timezone.now() + datetime.timedelta(days=2)
    scheduled = factories.ArticleFactory(slug="scheduled", status=Status.PUBLISHED, publish_at=later)
    draft = factories.ArticleFactory(slug="draft", status=Status.DRAFT)
    compiled = statement(("test", "articles"), 2, build)
    assert compiled.rows([live[0].pk, draft.pk], timezone.now()) == [(live[0].pk, "live-0")]
    assert compiled.rows([live[2].pk, scheduled.pk], timezone.now()) == [(live[2].pk, "live-2")]
    after = later + datetime.timedelta(hours=1)
    assert compiled.rows([live[2].pk, scheduled.pk], after) == list(build([live[2].pk, scheduled.pk], after))
    assert statement(("test", "articles"), 2, build) is compiled


def test_a_compiled_statement_is_one_query_and_is_not_built_again():
    article = factories.ArticleFactory()
    statement(("test", "once"), 1, build)

    def refuse(ids, now):
        raise AssertionError("built twice")

    with CaptureQueriesContext(connection) as queries:
        assert statement(("test", "once"), 1, refuse).rows([article.pk], timezone.now()) == [(article.pk, article.slug)]
    assert len(queries) == 1


def test_a_shape_whose_ids_do_not_reach_the_parameters_is_refused():
    with pytest.raises(NotCompilable):
        statement(("test", "lost ids"), 2, lambda ids, now: Article.objects.filter(pk=ids[0]).values_list("pk"))


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements")
        return dict(cursor.fetchall())


def test_placeholders_are_numbered_once_and_literal_percents_kept():
    sql = "SELECT %s, 'a%%b' WHERE x LIKE %s AND y = %s"
    assert statements.native_placeholders(sql) == "SELECT $1, 'a%b' WHERE x LIKE $2 AND y = $3"
    assert statements.django_placeholders(statements.native_placeholders(sql)) == sql


@pytest.mark.postgres
def test_on_postgresql_a_statement_is_prepared_once_and_runs_with_each_requests_values():
    live = [factories.ArticleFactory(slug=f"live-{n}") for n in range(8)]
    compiled = statement(("test", "prepared"), 1, build)
    before = prepared_statements().get(compiled.native_sql, 0)
    for article in live:  # past the server's first custom plans, onto the plan it keeps
        assert compiled.rows([article.pk], timezone.now()) == [(article.pk, article.slug)]
    assert prepared_statements()[compiled.native_sql] == before + len(live)
    with CaptureQueriesContext(connection) as queries:  # still one of the request's queries, values in place
        compiled.rows([live[0].pk], timezone.now())
    assert len(queries) == 1
    assert f'"records_article"."id" IN ({live[0].pk})' in queries[0]["sql"]


@pytest.mark.postgres
def test_only_the_compiled_statements_are_prepared(client):
    article = factories.ArticleFactory()
    article.topics.add(factories.TopicFactory())
    for _ in range(3):
        assert client.get(article.get_absolute_url()).status_code == 200
    compiled = {kept.native_sql for kept in statements._statements.values()}
    prepared = set(prepared_statements())
    assert prepared and prepared <= compiled  # Django's own queries bind on the client


@pytest.mark.postgres
def test_with_prepared_statements_turned_off_a_statement_runs_unprepared():
    article = factories.ArticleFactory()

    def build_unprepared(ids, now):  # a statement of its own, which no other test prepares
        return build(ids, now).values_list("pk", "slug", "title")

    compiled = statement(("test", "unprepared"), 1, build_unprepared)
    connection.ensure_connection()
    raw = connection.connection
    threshold, raw.prepare_threshold = raw.prepare_threshold, None  # DATABASE_PREPARED_STATEMENTS=0
    try:
        for _ in range(3):
            assert compiled.rows([article.pk], timezone.now()) == [(article.pk, article.slug, article.title)]
        assert compiled.native_sql not in prepared_statements()
    finally:
        raw.prepare_threshold = threshold


def build_by_title(ids, now):
    return (
        visible_records(Article, None, now)
        .filter(Q(title=statements.STANDIN_TEXT) | Q(title__contains=statements.STANDIN_TEXT))
        .order_by("pk")
        .values("slug", "title")
    )


def test_a_statement_built_with_the_stand_in_text_runs_with_other_words_escaped_in_patterns():
    factories.ArticleFactory(slug="half", title="A 50% cut")
    factories.ArticleFactory(slug="more", title="A 500 cut")
    factories.ArticleFactory(slug="underscore", title="snake_case")
    factories.ArticleFactory(slug="like", title="snakeXcase")
    compiled = statement(("test", "text"), 0, build_by_title)
    # `%` and `_` are the words' own letters in the LIKE pattern, not wildcards.
    assert compiled.rows([], timezone.now(), text="50%", named=True) == [{"slug": "half", "title": "A 50% cut"}]
    assert [row["slug"] for row in compiled.rows([], timezone.now(), text="e_c", named=True)] == ["underscore"]
    assert compiled.rows([], timezone.now(), text="snakeXcase") == [("like", "snakeXcase")]  # equal, not only within
    assert statement(("test", "text"), 0, build_by_title) is compiled
    with pytest.raises(ValueError):
        compiled.rows([], timezone.now())
    with pytest.raises(ValueError):
        statement(("test", "articles"), 1, build).rows([1], timezone.now(), text="words")
