"""Reading the partner API: lists, details, related records, visibility,
pagination, `fields`, `as_of`, `updated_since` and old-slug redirects."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from records import services
from records.models import Article, Status
from tests import factories
from tests.test_api_support import results, token_client

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "organizations": factories.OrganizationFactory,
    "member-states": factories.MemberStateFactory,
    "summits": factories.SummitFactory,
    "officials": factories.OfficialFactory,
    "initiatives": factories.InitiativeFactory,
    "articles": factories.ArticleFactory,
    "topics": factories.TopicFactory,
}
PUBLISHABLE = {name: factory for name, factory in ENDPOINTS.items() if name != "topics"}


@pytest.fixture
def anonymous():
    return APIClient()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_list_is_paginated_with_count(anonymous, endpoint):
    ENDPOINTS[endpoint].create_batch(3)
    body = anonymous.get(f"/api/v1/{endpoint}/", {"page_size": 2}).json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"] and body["previous"] is None


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_record_is_found_by_slug_with_its_urls(anonymous, endpoint):
    record = ENDPOINTS[endpoint].create()
    response = anonymous.get(f"/api/v1/{endpoint}/{record.slug}/")
    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == record.slug
    assert body["url"] == f"http://testserver/api/v1/{endpoint}/{record.slug}/"
    assert body["html_url"] == f"http://testserver{record.get_absolute_url()}"


@pytest.mark.parametrize("endpoint", PUBLISHABLE)
@pytest.mark.parametrize("hidden", [Status.DRAFT, Status.REVIEW, Status.ARCHIVED, "scheduled"])
def test_unpublished_records_are_invisible_to_anonymous_callers_and_plain_tokens(anonymous, endpoint, hidden):
    factory = PUBLISHABLE[endpoint]
    if hidden == "scheduled":
        record = factory(status=Status.PUBLISHED, publish_at=timezone.now() + datetime.timedelta(days=1))
    else:
        record = factory(status=hidden)
    plain_token = token_client(factories.UserFactory())
    for client in (anonymous, plain_token):
        assert results(client.get(f"/api/v1/{endpoint}/")) == []
        response = client.get(f"/api/v1/{endpoint}/{record.slug}/")
        assert response.status_code == 404
        assert "detail" in response.json()


@pytest.mark.parametrize("role", ["editor", "partner", "publisher", "superuser"])
def test_staff_tokens_see_every_status_and_filter_by_it(request, role):
    client = token_client(request.getfixturevalue(role))
    for status in Status.values:
        factories.SummitFactory(slug=f"summit-{status}", status=status)
    assert len(results(client.get("/api/v1/summits/"))) == 4
    assert results(client.get("/api/v1/summits/", {"status": "review"})) == ["summit-review"]
    assert client.get("/api/v1/summits/summit-draft/").status_code == 200


def test_anonymous_status_filter_never_reveals_drafts(anonymous):
    factories.SummitFactory(status=Status.DRAFT)
    assert results(anonymous.get("/api/v1/summits/", {"status": "draft"})) == []


def test_related_records_show_slug_name_or_title_and_url(anonymous):
    state = factories.MemberStateFactory(slug="kazakhstan", name="Kazakhstan")
    summit = factories.SummitFactory(slug="astana-2024", title="Astana summit", host_state=state)
    body = anonymous.get("/api/v1/summits/astana-2024/").json()
    assert body["host_state"] == {
        "slug": "kazakhstan",
        "name": "Kazakhstan",
        "url": "http://testserver/api/v1/member-states/kazakhstan/",
    }
    state_body = anonymous.get("/api/v1/member-states/kazakhstan/").json()
    assert state_body["summits_hosted"] == [
        {"slug": summit.slug, "title": "Astana summit", "url": "http://testserver/api/v1/summits/astana-2024/"}
    ]


def test_related_lists_and_links_leave_out_unpublished_records(anonymous, editor):
    state = factories.MemberStateFactory(slug="china", status=Status.DRAFT)
    official = factories.OfficialFactory(member_state=state)
    article = factories.ArticleFactory(status=Status.DRAFT)
    article.officials.add(official)
    body = anonymous.get(f"/api/v1/officials/{official.slug}/").json()
    assert body["member_state"] is None
    assert body["articles"] == []
    staff_body = token_client(editor).get(f"/api/v1/officials/{official.slug}/").json()
    assert staff_body["member_state"]["slug"] == "china"
    assert [item["slug"] for item in staff_body["articles"]] == [article.slug]


def test_appointments_are_nested_on_their_official(anonymous):
    appointment = factories.AppointmentFactory(title="Foreign Minister", ended_on=None)
    body = anonymous.get(f"/api/v1/officials/{appointment.official.slug}/").json()
    assert body["appointments"] == [
        {
            "title": "Foreign Minister",
            "organization": None,
            "member_state": {
                "slug": appointment.member_state.slug,
                "name": appointment.member_state.name,
                "url": f"http://testserver/api/v1/member-states/{appointment.member_state.slug}/",
            },
            "started_on": "2020-01-01",
            "started_on_precision": "day",
            "ended_on": None,
            "ended_on_precision": "day",
            "is_current": True,
        }
    ]


def test_membership_changes_are_nested_on_their_member_state(anonymous):
    state = factories.MemberStateFactory(membership="observer", membership_since=datetime.date(2005, 7, 5))
    factories.MembershipChangeFactory(member_state=state, membership="member", changed_on=datetime.date(2017, 6, 9))
    body = anonymous.get(f"/api/v1/member-states/{state.slug}/").json()
    assert [(c["membership"], c["changed_on"]) for c in body["membership_changes"]] == [
        ("observer", "2005-07-05"),
        ("member", "2017-06-09"),
    ]
    assert body["membership"] == "member"


def test_page_size_is_capped_at_100(anonymous):
    factories.TopicFactory.create_batch(105)
    body = anonymous.get("/api/v1/topics/", {"page_size": 500}).json()
    assert len(body["results"]) == 100
    assert body["count"] == 105


@pytest.mark.parametrize("page", ["99", "0", "abc", "-1", "9726666785434924467879936"])
def test_a_page_that_does_not_exist_is_a_json_404(anonymous, page):
    factories.TopicFactory()
    response = anonymous.get("/api/v1/topics/", {"page": page})
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Invalid page")


def test_a_page_number_with_a_null_character_is_a_400(anonymous):
    response = anonymous.get("/api/v1/topics/", {"page": "1\x00"})
    assert response.status_code == 400
    assert response.json() == {"page": ["Null characters are not allowed."]}


def test_an_unknown_path_under_the_api_is_a_json_404(anonymous):
    response = anonymous.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_fields_returns_exactly_the_named_top_level_fields(anonymous):
    factories.SummitFactory(slug="astana")
    body = anonymous.get("/api/v1/summits/", {"fields": "slug,title,url"}).json()
    assert set(body["results"][0]) == {"slug", "title", "url"}
    detail = anonymous.get("/api/v1/summits/astana/", {"fields": "host_state"}).json()
    assert set(detail) == {"host_state"}


@pytest.mark.parametrize("fields", ["slug,nonsense", "password", "slug\x00"])
def test_unknown_fields_are_a_400(anonymous, fields):
    factories.SummitFactory()
    response = anonymous.get("/api/v1/summits/", {"fields": fields})
    assert response.status_code == 400
    assert "fields" in response.json()


@pytest.fixture
def membership_history():
    """India: observer from 2005, member from 2017. Iran: observer from 2005. Belarus: only since 2024."""
    india = factories.MemberStateFactory(
        slug="india", membership="observer", membership_since=datetime.date(2005, 7, 5)
    )
    factories.MembershipChangeFactory(member_state=india, membership="member", changed_on=datetime.date(2017, 6, 9))
    factories.MemberStateFactory(slug="iran", membership="observer", membership_since=datetime.date(2005, 7, 5))
    factories.MemberStateFactory(slug="belarus", membership="member", membership_since=datetime.date(2024, 7, 4))


def as_of(client, day, **params):
    body = client.get("/api/v1/member-states/", {"as_of": day, **params}).json()
    return {item["slug"]: item["membership"] for item in body["results"]}


def test_as_of_answers_each_states_membership_on_that_date(anonymous, membership_history):
    assert as_of(anonymous, "2015-01-01") == {"india": "observer", "iran": "observer"}
    assert as_of(anonymous, "2018-01-01") == {"india": "member", "iran": "observer"}
    assert as_of(anonymous, "2025-01-01") == {"india": "member", "iran": "observer", "belarus": "member"}
    assert as_of(anonymous, "2000-01-01") == {}


def test_as_of_with_membership_filters_on_the_membership_of_that_date(anonymous, membership_history):
    assert as_of(anonymous, "2015-01-01", membership="member") == {}
    assert as_of(anonymous, "2018-01-01", membership="member") == {"india": "member"}


@pytest.mark.parametrize("day", ["2015-13-01", "yesterday", "2015-01-01\x00"])
def test_a_bad_as_of_date_is_a_400(anonymous, day):
    response = anonymous.get("/api/v1/member-states/", {"as_of": day})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("endpoint", "factory"), [("summits", factories.SummitFactory), ("topics", factories.TopicFactory)]
)
def test_updated_since_lists_records_changed_after_it(anonymous, endpoint, factory):
    now = timezone.now()
    older = factory(slug="older")
    type(older).objects.filter(pk=older.pk).update(updated_at=now - datetime.timedelta(days=2))
    factory(slug="newer")
    since = (now - datetime.timedelta(days=1)).isoformat()
    assert results(anonymous.get(f"/api/v1/{endpoint}/", {"updated_since": since})) == ["newer"]
    assert anonymous.get(f"/api/v1/{endpoint}/", {"updated_since": "not a time"}).status_code == 400


def test_updated_since_accepts_any_utc_offset(anonymous):
    factories.SummitFactory(slug="astana")
    assert results(anonymous.get("/api/v1/summits/", {"updated_since": "2000-01-01T00:00:00-19:59"})) == ["astana"]


def test_updated_since_includes_a_scheduled_record_once_it_goes_live(anonymous):
    now = timezone.now()
    article = factories.ArticleFactory(slug="scheduled", publish_at=now + datetime.timedelta(hours=1))
    Article.objects.filter(pk=article.pk).update(updated_at=now - datetime.timedelta(days=3))
    since = (now - datetime.timedelta(days=1)).isoformat()
    assert results(anonymous.get("/api/v1/articles/", {"updated_since": since})) == []
    # The publication time passes: the record goes live and counts as changed then.
    # (Kept responses expire by then: tests/test_freshness.py.)
    Article.objects.filter(pk=article.pk).update(publish_at=now - datetime.timedelta(minutes=1))
    cache.clear()
    assert results(anonymous.get("/api/v1/articles/", {"updated_since": since})) == ["scheduled"]


@pytest.mark.parametrize("value", ["last tuesday", "2024-02-30T00:00:00Z", "\x00", "9999-12-31T23:59:59-05:00"])
def test_a_bad_updated_since_is_a_400(anonymous, value):
    response = anonymous.get("/api/v1/articles/", {"updated_since": value})
    assert response.status_code == 400
    assert "updated_since" in response.json()


def test_an_old_slug_answers_301_to_the_new_url(anonymous):
    summit = factories.SummitFactory(slug="astana-summit")
    services.record_update(record=summit, fields={"slug": "2024-astana-heads-of-state"})
    response = anonymous.get("/api/v1/summits/astana-summit/?fields=slug")
    assert response.status_code == 301
    assert response["Location"] == "http://testserver/api/v1/summits/2024-astana-heads-of-state/?fields=slug"
    assert anonymous.head("/api/v1/summits/astana-summit/").status_code == 301


def test_an_old_topic_slug_answers_301_too(anonymous):
    topic = factories.TopicFactory(slug="ecology")
    services.record_update(record=topic, fields={"slug": "environment"})
    response = anonymous.get("/api/v1/topics/ecology/")
    assert response.status_code == 301
    assert response["Location"] == "http://testserver/api/v1/topics/environment/"


def test_an_old_slug_of_a_hidden_record_is_a_404(anonymous):
    summit = factories.SummitFactory(slug="astana-summit", status=Status.DRAFT)
    services.record_update(record=summit, fields={"slug": "astana-draft"})
    assert anonymous.get("/api/v1/summits/astana-summit/").status_code == 404
