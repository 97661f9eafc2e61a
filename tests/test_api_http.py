"""HTTP behaviour of the partner API: conditional requests, throttling, CORS,
the documentation pages under our CSP, the browsable API, and a constant
number of SQL queries per list request."""

from collections import defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from rest_framework.test import APIClient

from records import services
from records.models import Article, Initiative, Summit
from tests import factories
from tests.test_api_support import token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


@pytest.mark.parametrize("path", ["/api/v1/summits/", "/api/v1/summits/astana/"])
def test_reads_carry_an_etag_and_answer_304_while_it_is_current(api, path):
    summit = factories.SummitFactory(slug="astana")
    first = api.get(path)
    etag = first["ETag"]
    assert etag.startswith('"')
    assert "no-cache" in first["Cache-Control"]
    repeat = api.get(path, HTTP_IF_NONE_MATCH=etag)
    assert repeat.status_code == 304
    assert repeat["ETag"] == etag
    services.record_update(record=summit, fields={"title": "Renamed"})
    assert api.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_etag_changes_when_a_related_record_changes(api):
    state = factories.MemberStateFactory(name="Kazakhstan")
    factories.SummitFactory(slug="astana", host_state=state)
    etag = api.get("/api/v1/summits/astana/")["ETag"]
    services.record_update(record=state, fields={"name": "Republic of Kazakhstan"})
    assert api.get("/api/v1/summits/astana/")["ETag"] != etag


def test_etags_differ_between_callers_who_see_different_things(api, editor):
    factories.SummitFactory(status="draft")
    assert api.get("/api/v1/summits/")["ETag"] != token_client(editor).get("/api/v1/summits/")["ETag"]


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_a_stale_if_match_is_412_and_changes_nothing(publisher, method):
    factories.SummitFactory(slug="astana", title="Astana")
    client = token_client(publisher)
    body = client.get("/api/v1/summits/astana/").json()
    response = getattr(client, method)(
        "/api/v1/summits/astana/", {**body, "title": "Changed"}, format="json", HTTP_IF_MATCH='"stale"'
    )
    assert response.status_code == 412
    assert "detail" in response.json()
    assert Summit.objects.get(slug="astana").title == "Astana"


def test_a_current_if_match_lets_the_write_through(publisher):
    factories.SummitFactory(slug="astana", title="Astana")
    client = token_client(publisher)
    etag = client.get("/api/v1/summits/astana/")["ETag"]
    response = client.patch("/api/v1/summits/astana/", {"title": "Changed"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200
    # The ETag moved on: the old one no longer matches.
    again = client.patch("/api/v1/summits/astana/", {"title": "Again"}, format="json", HTTP_IF_MATCH=etag)
    assert again.status_code == 412
    assert Summit.objects.get(slug="astana").title == "Changed"
    assert client.delete("/api/v1/summits/astana/", HTTP_IF_MATCH="*").status_code == 204


@override_settings(API_THROTTLE_ANON="3/min", API_THROTTLE_USER="4/min")
def test_anonymous_callers_are_throttled_with_retry_after(api):
    for _ in range(3):
        assert api.get("/api/v1/topics/").status_code == 200
    response = api.get("/api/v1/topics/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "detail" in response.json()


@override_settings(API_THROTTLE_ANON="1/min", API_THROTTLE_USER="2/min")
def test_token_callers_are_throttled_per_user(editor):
    client = token_client(editor)
    assert [client.get("/api/v1/topics/").status_code for _ in range(3)] == [200, 200, 429]


def test_cors_allows_reads_from_any_origin_and_the_conditional_headers(api):
    response = api.get("/api/v1/topics/", HTTP_ORIGIN="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "etag" in response["Access-Control-Expose-Headers"].lower()
    preflight = api.options(
        "/api/v1/topics/",
        HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="PUT",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-match, authorization",
    )
    allowed = preflight["Access-Control-Allow-Headers"].lower()
    assert "if-match" in allowed and "authorization" in allowed


def test_the_schema_is_served_as_yaml_and_json(api):
    assert b"openapi: 3" in api.get("/api/v1/schema/").content
    assert api.get("/api/v1/schema/", {"format": "json"}).json()["openapi"].startswith("3.")


def test_the_docs_page_loads_local_assets_and_runs_no_inline_script(api):
    response = api.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn" not in html.lower()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "<script>" not in html  # every script has a src
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    script = api.get("/api/v1/docs/", {"script": ""})
    assert script.status_code == 200
    assert "/api/v1/schema/" in script.content.decode()


def test_other_pages_keep_the_strict_style_policy(api):
    assert "'unsafe-inline'" not in api.get("/api/v1/topics/")["Content-Security-Policy"]


def test_the_browsable_api_renders_for_people(publisher):
    factories.SummitFactory(slug="astana")
    client = APIClient()
    client.force_login(publisher)
    response = client.get("/api/v1/summits/astana/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"astana" in response.content
    assert client.get("/api/v1/", HTTP_ACCEPT="text/html").status_code == 200


def test_format_json_still_picks_the_json_renderer_on_summits(api):
    factories.SummitFactory(format="video")
    response = api.get("/api/v1/summits/", {"format": "json"}, HTTP_ACCEPT="text/html,*/*;q=0.8")
    assert response["Content-Type"] == "application/json"
    assert response.json()["count"] == 1


def build_connected_records(count):
    """`count` of each record type, each linked to several others (links bulk-created: fast)."""
    media, parent = factories.MediaFactory(), factories.OrganizationFactory()
    topics = factories.TopicFactory.create_batch(3)
    # Pictures on every record with an image field: lists must stay at a fixed number of queries.
    images = factories.ImageFactory.create_batch(3)
    links = defaultdict(list)
    for n in range(count):
        image = images[n % len(images)]
        factories.OrganizationFactory(parent=parent, emblem=image)
        state = factories.MemberStateFactory(organization=parent, flag=image)
        official = factories.OfficialFactory(member_state=state, portrait=image)
        factories.AppointmentFactory(official=official, member_state=state)
        summit = factories.SummitFactory(host_state=state, chair_state=state, photo=image)
        initiative = factories.InitiativeFactory(lead_state=state, launched_at=summit, proposed_by=official)
        article = factories.ArticleFactory(source=media, lead_image=image)
        links[Summit.participants].append({"summit": summit, "official": official})
        links[Initiative.participating_states].append({"initiative": initiative, "memberstate": state})
        links[Initiative.topics] += [{"initiative": initiative, "topic": topic} for topic in topics]
        links[Article.topics] += [{"article": article, "topic": topic} for topic in topics]
        links[Article.officials].append({"article": article, "official": official})
        links[Article.member_states].append({"article": article, "memberstate": state})
        links[Article.summits].append({"article": article, "summit": summit})
        links[Article.initiatives].append({"article": article, "initiative": initiative})
        links[Article.organizations] += [{"article": article, "organization": org} for org in (media, parent)]
        source = factories.SourceFactory(article=article)
        for record in (state, official, summit, initiative, article, parent):
            name = record._meta.model_name
            links[type(record).sources].append({name: record, "source": source})
        factories.ParticipationFactory(summit=summit, member_state=state)
    for descriptor, rows in links.items():
        through = descriptor.through
        through.objects.bulk_create([through(**row) for row in rows])


def queries_for(client, path, page_size):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, {"page_size": page_size})
    assert response.status_code == 200
    assert len(response.json()["results"]) == page_size
    return len(captured)


def test_queries_per_list_request_do_not_grow_with_page_size(editor, settings):
    settings.RESPONSE_CACHE_SECONDS = 0  # count the queries of building each response
    build_connected_records(100)
    factories.TopicFactory.create_batch(100)
    clients = (APIClient(), token_client(editor))
    for endpoint in ("organizations", "member-states", "summits", "officials", "initiatives", "articles", "topics"):
        for client in clients:
            path = f"/api/v1/{endpoint}/"
            queries_for(client, path, 5)  # warm up: permission caches, content types
            assert queries_for(client, path, 5) == queries_for(client, path, 100), endpoint
