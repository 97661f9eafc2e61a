"""Lists of articles embedded in other records: thousands at 100,000 articles.
A record's own endpoint gives the first 100 and their number; list endpoints
and downloads leave them out, and the articles' own filters give them all."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from records.api.serializers import SERIALIZERS
from records.models import Article, Status, Topic
from records.registry import CAPPED_LIST_SIZE, TOPIC, record_type
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic_with_articles():
    topic = factories.TopicFactory(slug="ecology")
    articles = [factories.ArticleFactory(slug=f"news-{n:03}") for n in range(CAPPED_LIST_SIZE + 5)]
    Article.topics.through.objects.bulk_create(
        [Article.topics.through(article=article, topic=topic) for article in articles]
    )
    draft = factories.ArticleFactory(slug="draft-news", status=Status.DRAFT)
    draft.topics.add(topic)
    return topic


def test_a_records_own_endpoint_gives_the_first_articles_and_their_number(topic_with_articles):
    body = APIClient().get("/api/v1/topics/ecology/").json()
    assert body["articles_count"] == CAPPED_LIST_SIZE + 5
    expected = list(Article.objects.published().filter(topics__slug="ecology").values_list("slug", flat=True))
    assert [article["slug"] for article in body["articles"]] == expected[:CAPPED_LIST_SIZE]
    assert "draft-news" not in {article["slug"] for article in body["articles"]}
    full = APIClient().get("/api/v1/articles/", {"topic": "ecology", "page_size": 100}).json()
    assert full["count"] == body["articles_count"]


def test_lists_and_downloads_leave_the_lists_of_articles_out(client, topic_with_articles):
    api = APIClient()
    listed = api.get("/api/v1/topics/").json()["results"][0]
    assert "articles" not in listed and "articles_count" not in listed
    assert listed["initiatives"] == []
    rows = api.get("/api/v1/topics/", {"download": "json"})
    assert b"news-000" not in b"".join(rows.streaming_content)
    page_rows = client.get("/topics/", {"download": "csv"})
    assert b"news-000" not in b"".join(page_rows.streaming_content)


def test_asking_a_list_for_them_is_a_400_that_says_where_they_are(topic_with_articles):
    response = APIClient().get("/api/v1/topics/", {"fields": "slug,articles"})
    assert response.status_code == 400
    assert "own endpoint" in response.json()["fields"][0]
    detail = APIClient().get("/api/v1/topics/ecology/", {"fields": "slug,articles_count"}).json()
    assert detail == {"slug": "ecology", "articles_count": CAPPED_LIST_SIZE + 5}


def test_every_list_of_articles_is_capped_and_counted_on_every_record_type():
    for model, serializer in SERIALIZERS.items():
        entry = record_type(model)
        names = serializer.field_names()
        for name in entry.capped_lists:
            assert entry.related_models()[name] is Article
            assert f"{name}_count" in names and name not in serializer.list_field_names()
    assert TOPIC.capped_lists == ("articles",)
    assert record_type(Topic) is TOPIC


def test_the_detail_costs_the_same_queries_for_few_articles_as_for_thousands(topic_with_articles, settings):
    settings.RESPONSE_CACHE_SECONDS = 0
    Article.objects.published().first().topics.add(factories.TopicFactory(slug="small"))
    api = APIClient()
    api.get("/api/v1/topics/small/")
    with CaptureQueriesContext(connection) as few:
        api.get("/api/v1/topics/small/")
    with CaptureQueriesContext(connection) as many:
        api.get("/api/v1/topics/ecology/")
    assert len(few) == len(many)


def test_the_document_lists_the_counts_and_lists_leave_them_out_of_fields():
    document = APIClient().get("/api/v1/schema/", {"format": "json"}).json()
    assert "articles_count" in document["components"]["schemas"]["Topic"]["properties"]
    operation = document["paths"]["/api/v1/topics/"]["get"]
    (fields,) = (p for p in operation["parameters"] if p["name"] == "fields")
    assert "articles" not in fields["schema"]["items"]["enum"]
    detail = document["paths"]["/api/v1/topics/{slug}/"]["get"]
    (fields,) = (p for p in detail["parameters"] if p["name"] == "fields")
    assert "articles_count" in fields["schema"]["items"]["enum"]
