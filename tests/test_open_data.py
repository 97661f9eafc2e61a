"""The open data at /data/: a data package whose tables hold the published
records and nothing else, a JSON-LD dump, and ETags that make a repeat request
a 304 until the data change."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from records.models import Article, MembershipChange, MemberState, Status
from tests import factories
from tests.pages_data import build_world

pytestmark = pytest.mark.django_db


def body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def table_rows(client, name):
    response = client.get(f"/data/{name}.csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(body(response))))


@pytest.fixture
def records():
    state = factories.MemberStateFactory(slug="kazakhstan")
    hidden_state = factories.MemberStateFactory(slug="hidden-state", status=Status.DRAFT)
    topic = factories.TopicFactory(slug="ecology")
    for number in range(3):
        article = factories.ArticleFactory(slug=f"news-{number}")
        article.member_states.add(state, hidden_state)
        article.topics.add(topic)
    draft = factories.ArticleFactory(slug="draft-news", status=Status.DRAFT)
    draft.member_states.add(state)
    factories.MembershipChangeFactory(member_state=state)
    factories.MembershipChangeFactory(member_state=hidden_state)


def test_the_descriptor_names_the_licence_and_a_resource_per_table(client, records, settings):
    package = json.loads(body(client.get("/data/datapackage.json")))
    assert package["profile"] == "tabular-data-package"
    assert package["licenses"][0]["name"] == settings.DATA_LICENCE["name"] == "CC-BY-4.0"
    names = {resource["name"] for resource in package["resources"]}
    assert {"articles", "member_states", "membership_changes", "appointments", "participations"} <= names
    assert {"article_topics", "article_member_states"} <= names
    for resource in package["resources"]:
        assert {"name", "path", "schema", "format"} <= set(resource)
        header = table_rows(client, resource["name"])[0]
        assert header == [f["name"] for f in resource["schema"]["fields"]], resource["name"]


def test_the_tables_hold_the_published_records_and_nothing_else(client, records):
    articles = table_rows(client, "articles")[1:]
    assert len(articles) == Article.objects.published().count() == 3
    assert "draft-news" not in {row[0] for row in articles}
    states = [row[0] for row in table_rows(client, "member_states")[1:]]
    assert states == list(MemberState.objects.published().values_list("slug", flat=True)) == ["kazakhstan"]
    links = table_rows(client, "article_member_states")[1:]
    assert sorted(links) == [[f"news-{n}", "kazakhstan"] for n in range(3)]
    changes = table_rows(client, "membership_changes")[1:]
    assert {row[1] for row in changes} == {"kazakhstan"}
    assert len(changes) == MembershipChange.objects.filter(member_state__slug="kazakhstan").count()
    assert MembershipChange.objects.filter(member_state__slug="hidden-state").exists()
    assert "hidden-state" not in body(client.get("/data/record.jsonld"))


def test_sources_are_those_published_records_cite_and_each_type_links_to_them(client):
    state = factories.MemberStateFactory(slug="kazakhstan")
    draft = factories.ArticleFactory(slug="draft-news", status=Status.DRAFT)
    cited, shared, hidden = (factories.SourceFactory(title=title) for title in ("Cited", "Shared", "Hidden"))
    state.sources.add(cited, shared)
    draft.sources.add(shared, hidden)

    sources = table_rows(client, "sources")
    rows = [dict(zip(sources[0], row, strict=True)) for row in sources[1:]]
    assert sorted(row["title"] for row in rows) == ["Cited", "Shared"]
    assert sorted(table_rows(client, "member_state_sources")[1:]) == sorted(
        [["kazakhstan", str(cited.pk)], ["kazakhstan", str(shared.pk)]]
    )
    assert table_rows(client, "article_sources")[1:] == []
    package = json.loads(body(client.get("/data/datapackage.json")))
    names = {resource["name"] for resource in package["resources"]}
    assert {f"{kind}_sources" for kind in ("article", "member_state", "summit", "official")} <= names


def test_the_package_validates_as_a_frictionless_data_package_and_its_counts_round_trip(client, tmp_path):
    from frictionless import Package, validate

    world = build_world()
    descriptor = json.loads(body(client.get("/data/datapackage.json")))
    for resource in descriptor["resources"]:
        local = tmp_path / f"{resource['name']}.csv"
        local.write_text(body(client.get(resource["path"])), encoding="utf-8")
        resource["path"] = local.name
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))

    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = Package(str(tmp_path / "datapackage.json"))
    rows = {resource.name: resource.read_rows() for resource in package.resources}
    assert len(rows["articles"]) == Article.objects.published().count() > 0
    assert len(rows["member_states"]) == MemberState.objects.published().count() > 0
    assert {row["slug"] for row in rows["articles"]} == set(Article.objects.published().values_list("slug", flat=True))
    assert world.article.slug in {row["article"] for row in rows["article_topics"]}


def test_an_unknown_table_is_a_404(client):
    assert client.get("/data/nothing.csv").status_code == 404


def test_a_repeat_request_is_a_304_until_the_data_change(client, records):
    for path in ("/data/datapackage.json", "/data/articles.csv", "/data/record.jsonld"):
        first = client.get(path)
        assert first.status_code == 200 and first["ETag"]
        assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    etag = client.get("/data/articles.csv")["ETag"]
    factories.ArticleFactory(slug="later-news")
    assert client.get("/data/articles.csv", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_json_ld_dump_describes_every_published_record(client, records):
    dump = json.loads(body(client.get("/data/record.jsonld")))
    assert dump["@context"] == "https://schema.org"
    urls = {item["url"] for item in dump["@graph"]}
    assert "http://testserver/articles/news-0/" in urls
    assert not any("draft-news" in url for url in urls)


def test_the_data_page_explains_the_tables_and_is_linked_from_the_footer(client, records):
    page = body(client.get("/data/"))
    assert "article_member_states.csv" in page and "membership_changes.csv" in page
    assert "CC-BY-4.0" in page
    assert 'href="/data/"' in body(client.get("/"))


@pytest.mark.parametrize("path", ["/data/articles.csv", "/data/article_member_states.csv", "/data/record.jsonld"])
def test_the_files_cost_the_same_queries_for_few_records_as_for_many(client, settings, path):
    settings.RESPONSE_CACHE_SECONDS = 0
    state = factories.MemberStateFactory()

    def make(n):
        for _ in range(n):
            article = factories.ArticleFactory()
            article.member_states.add(state)
            official = factories.OfficialFactory(member_state=state)
            factories.AppointmentFactory(official=official)
            summit = factories.SummitFactory(host_state=state)
            factories.ParticipationFactory(summit=summit, official=official)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            body(client.get(path))
        return len(captured)

    make(2)
    few = queries()
    make(10)
    assert queries() == few
