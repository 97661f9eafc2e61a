"""Writing through the partner API: the auth matrix of SPEC §5, the workflow
rules, validation as field errors, 409 on referenced records, nothing partial
saved, and 308 for writes to an old slug."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from rest_framework.test import APIClient

from records import services
from records.models import Article, MemberState, Official, Organization, Status, Summit, Topic
from tests import factories
from tests.test_api_support import token_client

pytestmark = pytest.mark.django_db

NEW_RECORDS = {
    "organizations": {"slug": "new-body", "name": "New Body", "kind": "research"},
    "member-states": {"slug": "new-state", "name": "New State", "iso_code": "NEW", "membership": "observer"},
    "summits": {"slug": "new-summit", "title": "New Summit", "starts_on": "2025-08-31", "ends_on": "2025-09-01"},
    "officials": {"slug": "new-official", "name": "New Official"},
    "initiatives": {"slug": "new-initiative", "name": "New Initiative", "kind": "forum"},
    "articles": {"slug": "new-article", "title": "New Article", "language": "en"},
    "topics": {"slug": "new-topic", "name": "New Topic"},
}
FACTORIES = {
    "organizations": factories.OrganizationFactory,
    "member-states": factories.MemberStateFactory,
    "summits": factories.SummitFactory,
    "officials": factories.OfficialFactory,
    "initiatives": factories.InitiativeFactory,
    "articles": factories.ArticleFactory,
    "topics": factories.TopicFactory,
}


def unpublished(endpoint, **kwargs):
    if endpoint != "topics":
        kwargs.setdefault("status", Status.DRAFT)
    return FACTORIES[endpoint](**kwargs)


@pytest.mark.parametrize("endpoint", NEW_RECORDS)
def test_publishers_create_update_patch_and_delete_every_record_type(publisher, endpoint):
    client = token_client(publisher)
    created = client.post(f"/api/v1/{endpoint}/", NEW_RECORDS[endpoint], format="json")
    assert created.status_code == 201, created.content
    url = created.json()["url"]
    text = "description" if endpoint == "topics" else "summary"
    full = {**NEW_RECORDS[endpoint], text: "Replaced in full."}
    assert client.put(url, full, format="json").json()[text] == "Replaced in full."
    assert client.patch(url, {text: "Patched."}, format="json").json()[text] == "Patched."
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("endpoint", NEW_RECORDS)
def test_anonymous_writes_are_401(endpoint):
    record = FACTORIES[endpoint]()
    client = APIClient()
    assert client.post(f"/api/v1/{endpoint}/", NEW_RECORDS[endpoint], format="json").status_code == 401
    detail = f"/api/v1/{endpoint}/{record.slug}/"
    assert client.put(detail, NEW_RECORDS[endpoint], format="json").status_code == 401
    assert client.patch(detail, {"summary": "x"}, format="json").status_code == 401
    response = client.delete(detail)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("endpoint", NEW_RECORDS)
def test_tokens_without_permission_are_403(endpoint):
    record = FACTORIES[endpoint]()
    user = factories.UserFactory()
    model = record._meta.model_name
    user.user_permissions.add(Permission.objects.get(codename=f"view_{model}"))
    client = token_client(user)
    assert client.post(f"/api/v1/{endpoint}/", NEW_RECORDS[endpoint], format="json").status_code == 403
    assert client.patch(f"/api/v1/{endpoint}/{record.slug}/", {"summary": "x"}, format="json").status_code == 403
    assert client.delete(f"/api/v1/{endpoint}/{record.slug}/").status_code == 403


@pytest.mark.parametrize("role", ["editor", "partner"])
def test_editors_and_partners_create_drafts_and_edit_unpublished_records(request, role):
    client = token_client(request.getfixturevalue(role))
    created = client.post("/api/v1/officials/", {"slug": "draft-official", "name": "Draft"}, format="json")
    assert created.status_code == 201
    assert created.json()["status"] == "draft"
    response = client.patch("/api/v1/officials/draft-official/", {"status": "review"}, format="json")
    assert response.status_code == 200
    assert Official.objects.get(slug="draft-official").status == Status.REVIEW


@pytest.mark.parametrize("role", ["editor", "partner"])
@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"status": "published"}, "publish permission"),
        ({"status": "archived"}, "publish permission"),
        ({"publish_at": "2030-01-01T00:00:00Z"}, "publish_at"),
    ],
)
def test_editors_and_partners_may_not_publish_or_schedule(request, role, change, reason):
    client = token_client(request.getfixturevalue(role))
    response = client.post("/api/v1/officials/", {"slug": "eager", "name": "Eager", **change}, format="json")
    assert response.status_code == 403
    assert reason in response.json()["detail"]
    assert not Official.objects.filter(slug="eager").exists()
    factories.OfficialFactory(slug="drafted", status=Status.DRAFT)
    assert client.patch("/api/v1/officials/drafted/", change, format="json").status_code == 403
    assert Official.objects.get(slug="drafted").status == Status.DRAFT


@pytest.mark.parametrize("role", ["editor", "partner"])
def test_editors_and_partners_may_not_change_a_published_record_directly_nor_delete_it(request, role):
    client = token_client(request.getfixturevalue(role))
    factories.OfficialFactory(slug="live", name="Live")
    response = client.patch("/api/v1/officials/live/", {"name": "Changed"}, format="json")
    assert response.status_code == 202  # held for review (tests/test_pending_changes.py)
    unpublish = client.patch("/api/v1/officials/live/", {"status": "draft"}, format="json")
    assert unpublish.status_code == 403
    assert "publish permission" in unpublish.json()["detail"]
    assert client.delete("/api/v1/officials/live/").status_code == 403
    assert Official.objects.get(slug="live").name == "Live"


def test_publishers_publish_and_schedule(publisher):
    client = token_client(publisher)
    factories.SummitFactory(slug="draft-summit", status=Status.DRAFT)
    when = (timezone.now() + datetime.timedelta(days=2)).isoformat()
    response = client.patch("/api/v1/summits/draft-summit/", {"status": "published", "publish_at": when}, format="json")
    assert response.status_code == 200
    assert Summit.objects.get(slug="draft-summit").is_scheduled
    assert APIClient().get("/api/v1/summits/draft-summit/").status_code == 404


def test_superusers_write_everything(superuser):
    client = token_client(superuser)
    response = client.post("/api/v1/topics/", {"slug": "sport", "name": "Sport"}, format="json")
    assert response.status_code == 201
    assert client.delete("/api/v1/topics/sport/").status_code == 204


def test_related_records_are_written_by_slug_or_slug_object(publisher):
    client = token_client(publisher)
    factories.MemberStateFactory(slug="kazakhstan")
    factories.OfficialFactory(slug="tokayev")
    factories.OfficialFactory(slug="xi")
    body = {
        "slug": "astana",
        "title": "Astana",
        "starts_on": "2024-07-03",
        "host_state": "kazakhstan",
        "chair_state": {"slug": "kazakhstan", "name": "ignored", "url": "ignored"},
        "participants": ["tokayev", {"slug": "xi"}],
    }
    response = client.post("/api/v1/summits/", body, format="json")
    assert response.status_code == 201, response.content
    summit = Summit.objects.get(slug="astana")
    assert summit.host_state.slug == summit.chair_state.slug == "kazakhstan"
    assert sorted(summit.participants.values_list("slug", flat=True)) == ["tokayev", "xi"]


def test_a_get_body_can_be_sent_back_unchanged(publisher):
    client = token_client(publisher)
    state = factories.MemberStateFactory(slug="china")
    article = factories.ArticleFactory(slug="news")
    article.member_states.add(state)
    article.topics.add(factories.TopicFactory())
    body = client.get("/api/v1/articles/news/").json()
    response = client.put("/api/v1/articles/news/", body, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == body | {"updated_at": response.json()["updated_at"]}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"host_state": "atlantis"}, "host_state"),
        ({"host_state": 42}, "host_state"),
        ({"participants": ["nobody"]}, "participants"),
        ({"starts_on": "2024-02-30"}, "starts_on"),
        ({"starts_on": "2024-07-04", "ends_on": "2024-07-03"}, "non_field_errors"),
        ({"slug": "Not A Slug"}, "slug"),
        ({"slug": "feed"}, "slug"),
        ({"slug": "taken"}, "slug"),
        ({"council": "emperors"}, "council"),
        ({"title": "nul\x00byte"}, "title"),
        ({"title": ""}, "title"),
        ({"title": 12}, "title"),
        ({"host_state": ""}, "host_state"),
        ({"starts_on": "2024-13"}, "starts_on"),
    ],
)
def test_invalid_input_is_a_400_with_field_errors(publisher, body, field):
    factories.SummitFactory(slug="taken")
    client = token_client(publisher)
    data = {"slug": "fresh", "title": "Fresh", "starts_on": "2024-07-03", **body}
    response = client.post("/api/v1/summits/", data, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Summit.objects.filter(slug="fresh").exists()


def test_an_article_source_must_be_a_media_outlet(publisher):
    factories.OrganizationFactory(slug="sco", kind="intergovernmental")
    response = token_client(publisher).post(
        "/api/v1/articles/", {"slug": "a", "title": "A", "source": "sco"}, format="json"
    )
    assert response.status_code == 400
    assert "source" in response.json()


def test_rich_text_is_sanitized_on_save(publisher):
    client = token_client(publisher)
    body = {"slug": "a", "title": "A", "body": '<p onclick="x()">Hi<script>alert(1)</script></p>'}
    response = client.post("/api/v1/articles/", body, format="json")
    assert response.json()["body"] == "<p>Hi</p>"


def test_deleting_a_referenced_record_is_a_409_with_the_reason(publisher):
    state = factories.MemberStateFactory(slug="kazakhstan")
    factories.SummitFactory(title="Astana summit", host_state=state)
    response = token_client(publisher).delete("/api/v1/member-states/kazakhstan/")
    assert response.status_code == 409
    assert "Astana summit" in response.json()["detail"]
    assert MemberState.objects.filter(slug="kazakhstan").exists()


def test_nothing_partial_is_saved_when_a_write_fails(publisher, monkeypatch):
    factories.OfficialFactory(slug="xi")
    client = token_client(publisher)

    def fail(*args, **kwargs):
        raise RuntimeError("storage failed")

    # Fails after the summit and its participants are written, inside the request.
    monkeypatch.setattr("records.api.views.RecordViewSet.fresh", fail)
    client.raise_request_exception = False
    body = {"slug": "half", "title": "Half", "starts_on": "2024-07-03", "participants": ["xi"]}
    assert client.post("/api/v1/summits/", body, format="json").status_code == 500
    assert not Summit.objects.filter(slug="half").exists()


def test_membership_changes_and_appointments_are_read_only(publisher):
    client = token_client(publisher)
    factories.MemberStateFactory(slug="iran", membership="observer")
    payload = {"membership_changes": [{"membership": "member", "changed_on": "2023-07-04"}]}
    assert client.patch("/api/v1/member-states/iran/", payload, format="json").status_code == 200
    assert MemberState.objects.get(slug="iran").membership_changes.count() == 1


def test_writes_to_an_old_slug_answer_308(publisher):
    organization = factories.OrganizationFactory(slug="old-name")
    services.record_update(record=organization, fields={"slug": "new-name"})
    client = token_client(publisher)
    response = client.patch("/api/v1/organizations/old-name/", {"summary": "x"}, format="json")
    assert response.status_code == 308
    assert response["Location"] == "http://testserver/api/v1/organizations/new-name/"
    assert Organization.objects.get(slug="new-name").summary != "x"


def test_changing_a_slug_through_the_api_keeps_the_old_url_working(publisher):
    factories.ArticleFactory(slug="first")
    client = token_client(publisher)
    response = client.patch("/api/v1/articles/first/", {"slug": "second"}, format="json")
    assert response.json()["url"] == "http://testserver/api/v1/articles/second/"
    assert APIClient().get("/api/v1/articles/first/")["Location"].endswith("/api/v1/articles/second/")
    assert Article.objects.filter(slug="second").exists()
    assert Topic.objects.count() == 0
