"""Odd and hostile requests get a clear 4xx, never a 500: conflicting history,
OPTIONS with a writer's token, deep JSON, `%` in filters, huge related lists,
and slugs of hidden records."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from records.api.fields import MAX_RELATED
from records.models import Status
from tests import factories
from tests.test_api_support import results, token_client

pytestmark = pytest.mark.django_db


def test_a_membership_that_would_clash_with_the_history_is_a_400(publisher):
    state = factories.MemberStateFactory(
        slug="turkmenistan", membership="guest", membership_since=datetime.date(2007, 8, 16)
    )
    client = token_client(publisher)
    response = client.patch("/api/v1/member-states/turkmenistan/", {"membership": "observer"}, format="json")
    assert response.status_code == 400
    assert "already has a membership change on 2007-08-16" in response.json()["membership_since"][0]
    state.refresh_from_db()
    assert state.membership == "guest"
    dated = client.patch(
        "/api/v1/member-states/turkmenistan/",
        {"membership": "observer", "membership_since": "2024-07-04"},
        format="json",
    )
    assert dated.status_code == 200
    assert [change["membership"] for change in dated.json()["membership_changes"]] == ["guest", "observer"]


def test_options_on_a_record_with_a_writers_token_describes_it(editor):
    factories.SummitFactory(slug="astana")
    response = token_client(editor).options("/api/v1/summits/astana/")
    assert response.status_code == 200
    assert response.json()["name"]


def test_deeply_nested_json_is_a_400(publisher):
    body = "[" * 5000 + "]" * 5000
    client = token_client(publisher)
    response = client.generic("POST", "/api/v1/articles/", body, content_type="application/json")
    assert response.status_code == 400
    assert "nest" in response.json()["detail"]
    modest = {"slug": "fine", "title": "Fine", "topics": [{"slug": "x"}]}
    assert client.post("/api/v1/articles/", modest, format="json").json() == {"topics": ["No topic with the slug “x”."]}


@pytest.mark.parametrize("value", ["a%b", "%(x)s", "100%", "a,%"])
def test_a_percent_sign_in_a_slug_filter_is_a_400(value):
    response = APIClient().get("/api/v1/officials/", {"organization": value})
    assert response.status_code == 400
    assert "is not a valid slug" in response.json()["organization"][0]


def test_a_related_list_longer_than_the_limit_is_a_400(publisher):
    slugs = [f"topic-{n}" for n in range(MAX_RELATED + 1)]
    body = {"slug": "long", "title": "Long", "topics": slugs}
    with CaptureQueriesContext(connection) as queries:
        response = token_client(publisher).post("/api/v1/articles/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["topics"] == [f"Give at most {MAX_RELATED} records."]
    assert len(queries) < 15


def test_a_related_list_is_resolved_in_one_query_whatever_its_length(publisher):
    topics = [factory.slug for factory in factories.TopicFactory.create_batch(40)]
    client = token_client(publisher)

    def queries_for(slugs, slug):
        with CaptureQueriesContext(connection) as queries:
            response = client.post("/api/v1/articles/", {"slug": slug, "title": slug, "topics": slugs}, format="json")
        assert response.status_code == 201, response.json()
        return [q["sql"] for q in queries if 'FROM "records_topic"' in q["sql"] and "WHERE" in q["sql"]]

    few, many = queries_for(topics[:2], "few"), queries_for(topics, "many")
    assert len(few) == len(many)


def test_unknown_slugs_in_a_related_list_are_named(publisher):
    factories.TopicFactory(slug="ecology")
    body = {"slug": "x", "title": "X", "topics": ["ecology", "nothing", "nowhere"]}
    response = token_client(publisher).post("/api/v1/articles/", body, format="json")
    assert response.status_code == 400
    assert "nothing, nowhere" in response.json()["topics"][0]


# --- a hidden record's slug is an unknown slug ------------------------------------------


def test_filtering_by_a_hidden_records_slug_finds_nothing(editor):
    draft = factories.OfficialFactory(slug="secret-envoy", status=Status.DRAFT)
    article = factories.ArticleFactory(slug="public-report")
    article.officials.add(draft)
    assert results(APIClient().get("/api/v1/articles/", {"official": "secret-envoy"})) == []
    assert results(APIClient().get("/api/v1/articles/", {"official": "no-such-official"})) == []
    # Those who may see the draft find what mentions it.
    assert results(token_client(editor).get("/api/v1/articles/", {"official": "secret-envoy"})) == ["public-report"]


def test_the_pages_filter_by_a_hidden_records_slug_like_an_unknown_one(client):
    draft = factories.MemberStateFactory(slug="secret-state", status=Status.DRAFT)
    initiative = factories.InitiativeFactory(name="Open initiative", lead_state=draft)
    initiative.participating_states.add(draft)
    hidden = client.get("/initiatives/", {"member_state": "secret-state"}).content
    unknown = client.get("/initiatives/", {"member_state": "no-such-state"}).content
    assert b"Open initiative" not in hidden
    assert b"Open initiative" not in unknown


def test_a_hidden_record_cannot_be_linked_by_its_slug(django_user_model):
    from django.contrib.auth.models import Permission

    writer = django_user_model.objects.create_user("article-writer")
    writer.user_permissions.set(Permission.objects.filter(codename__in=["add_article", "change_article"]))
    factories.OfficialFactory(slug="secret-envoy", status=Status.DRAFT)
    body = {"slug": "x", "title": "X", "officials": ["secret-envoy"]}
    response = token_client(writer).post("/api/v1/articles/", body, format="json")
    assert response.status_code == 400
    assert "No official with the slug “secret-envoy”" in response.json()["officials"][0]
