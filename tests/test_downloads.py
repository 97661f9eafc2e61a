"""Lists as files: `?download=csv|json` on the list pages and the API lists gives
every matching record (not one page), with the list's filters, published
records only for the public, streamed in a fixed number of queries."""

import csv
import io
import json

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from records.models import Status, Summit
from tests import factories
from tests.test_api_support import token_client

pytestmark = pytest.mark.django_db


def content_of(response):
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode()


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(content_of(response).lstrip("\ufeff"))))


def json_rows(response):
    return json.loads(content_of(response))


@pytest.fixture
def articles():
    topic = factories.TopicFactory(slug="ecology")
    states = [factories.MemberStateFactory(slug=slug) for slug in ("china", "india")]
    made = []
    for number in range(25):
        article = factories.ArticleFactory(language="zh" if number % 2 else "en")
        article.topics.add(topic)
        article.member_states.add(*states)
        made.append(article)
    factories.ArticleFactory(status=Status.DRAFT, language="zh", slug="draft-article")
    return made


def test_an_api_download_holds_every_matching_row_not_one_page(articles):
    api = APIClient()
    count = api.get("/api/v1/articles/", {"language": "zh"}).json()["count"]
    assert count == 12
    as_csv = csv_rows(api.get("/api/v1/articles/", {"language": "zh", "download": "csv"}))
    as_json = json_rows(api.get("/api/v1/articles/", {"language": "zh", "download": "json"}))
    assert len(as_csv) == len(as_json) == count
    assert "draft-article" not in {row["slug"] for row in as_csv} | {row["slug"] for row in as_json}


def test_csv_columns_are_the_api_fields_with_linked_records_as_joined_slugs(articles):
    api = APIClient()
    listed = api.get("/api/v1/articles/", {"page_size": 1}).json()["results"][0]
    response = api.get("/api/v1/articles/", {"download": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="articles.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert list(rows[0]) == list(listed)
    row = next(row for row in rows if row["slug"] == listed["slug"])
    assert row["member_states"] == "china;india"
    assert row["topics"] == "ecology"
    assert row["source"] == listed["source"]["slug"]
    assert row["title"] == listed["title"]


def test_a_json_download_carries_the_api_representation(articles):
    api = APIClient()
    listed = api.get("/api/v1/articles/", {"page_size": 1}).json()["results"][0]
    rows = json_rows(api.get("/api/v1/articles/", {"download": "json"}))
    assert next(row for row in rows if row["slug"] == listed["slug"]) == listed


def test_a_page_download_keeps_the_page_filters_and_matches_the_api_count(client, articles):
    count = APIClient().get("/api/v1/articles/", {"language": "en"}).json()["count"]
    rows = csv_rows(client.get("/articles/", {"language": "en", "download": "csv"}))
    assert len(rows) == count == 13
    assert {row["language"] for row in rows} == {"en"}
    assert len(json_rows(client.get("/articles/", {"language": "en", "download": "json"}))) == count


@pytest.mark.parametrize(
    "path", ["/articles/", "/summits/", "/member-states/", "/officials/", "/initiatives/", "/organizations/"]
)
def test_every_list_page_links_to_its_downloads_keeping_the_filters(client, path):
    page = client.get(path).content.decode()
    assert 'href="?download=csv"' in page and 'href="?download=json"' in page
    assert client.get(path, {"download": "csv"}).status_code == 200


def test_the_topics_page_downloads_every_topic(client):
    factories.TopicFactory(slug="security", name="Security")
    factories.TopicFactory(slug="ecology", name="Ecology")
    assert 'href="?download=csv"' in client.get("/topics/").content.decode()
    rows = csv_rows(client.get("/topics/", {"download": "csv"}))
    assert [row["slug"] for row in rows] == ["ecology", "security"]
    assert client.get("/topics/", {"download": "pdf"}).status_code == 400


def test_the_download_links_keep_the_query_string_without_the_page(client, articles):
    page = client.get("/articles/", {"language": "zh", "page": "2"}).content.decode()
    assert 'href="?language=zh&amp;download=csv"' in page


def test_drafts_never_reach_a_page_download_even_for_staff(client, articles, publisher):
    client.force_login(publisher)
    slugs = {row["slug"] for row in json_rows(client.get("/articles/", {"download": "json"}))}
    assert "draft-article" not in slugs and len(slugs) == 25


def test_an_api_download_shows_what_the_caller_may_see(articles, publisher):
    slugs = {row["slug"] for row in json_rows(token_client(publisher).get("/api/v1/articles/", {"download": "json"}))}
    assert "draft-article" in slugs


def test_bad_filters_and_formats_are_a_400_as_on_the_list(client, articles):
    api = APIClient()
    assert api.get("/api/v1/articles/", {"language": "x" * 13, "download": "csv"}).status_code == 400
    assert api.get("/api/v1/articles/", {"download": "xlsx"}).status_code == 400
    assert client.get("/articles/", {"published_after": "not a date", "download": "csv"}).status_code == 400
    assert client.get("/articles/", {"download": "xlsx"}).status_code == 400


def test_a_download_refuses_bad_paging_values_as_a_page_would_and_ignores_good_ones(articles):
    api = APIClient()
    for params in ({"page_size": "0"}, {"page_size": "abc"}, {"cursor": "not-a-cursor"}):
        response = api.get("/api/v1/articles/", {**params, "download": "csv"})
        assert response.status_code == 400, params
        assert set(response.json()) == set(params)
    assert api.get("/api/v1/articles/", {"page": "-1", "download": "json"}).status_code == 404
    rows = json_rows(api.get("/api/v1/articles/", {"page": "2", "page_size": "5", "download": "json"}))
    assert len(rows) == 25


def test_the_api_document_describes_the_download_parameter_and_its_files():
    document = APIClient().get("/api/v1/schema/", {"format": "json"}).json()
    operation = document["paths"]["/api/v1/articles/"]["get"]
    (download,) = (p for p in operation["parameters"] if p["name"] == "download")
    assert download["schema"]["enum"] == ["csv", "json"]
    ok = operation["responses"]["200"]
    assert set(ok["content"]) == {"application/json", "text/csv"}
    page, whole = ok["content"]["application/json"]["schema"]["oneOf"]
    assert whole["type"] == "array" and whole["items"] == {"$ref": "#/components/schemas/Article"}
    assert "Content-Disposition" in ok["headers"]
    detail = document["paths"]["/api/v1/articles/{slug}/"]["get"]
    assert "download" not in {p["name"] for p in detail["parameters"]}


def test_summit_format_filter_and_the_download_parameter_work_together(client):
    factories.SummitFactory(slug="in-person", format=Summit.Format.IN_PERSON)
    factories.SummitFactory(slug="by-video", format=Summit.Format.VIDEO)
    rows = csv_rows(APIClient().get("/api/v1/summits/", {"download": "csv", "format": "video"}))
    assert [row["slug"] for row in rows] == ["by-video"]
    rows = csv_rows(client.get("/summits/", {"download": "csv", "format": "video"}))
    assert [row["slug"] for row in rows] == ["by-video"]


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_a_download_costs_the_same_queries_for_few_rows_as_for_many(client, settings, file_format):
    settings.RESPONSE_CACHE_SECONDS = 0
    state = factories.MemberStateFactory()

    def make(n):
        for _ in range(n):
            article = factories.ArticleFactory()
            article.member_states.add(state)
            article.topics.add(factories.TopicFactory())

    def queries_for(path):
        with CaptureQueriesContext(connection) as captured:
            content_of(client.get(path, {"download": file_format}))
        return len(captured)

    make(2)
    few = (queries_for("/articles/"), queries_for("/api/v1/articles/"))
    make(30)
    many = (queries_for("/articles/"), queries_for("/api/v1/articles/"))
    assert many == few
