"""The write service: topics need the publish permission, bulk actions take each
record on its own, restoring a version cannot schedule, one save is one
version, and a change reaches partners through every record that shows it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from records import services
from records.models import Article, Status, Topic
from tests import factories
from tests.test_api_support import results, token_client

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# --- topics -------------------------------------------------------------------


@pytest.mark.parametrize("role", ["editor", "partner"])
def test_editors_and_partners_cannot_create_rename_or_delete_topics_through_the_api(request, role):
    topic = factories.TopicFactory(slug="ecology", name="Ecology")
    client = token_client(request.getfixturevalue(role))
    assert client.post("/api/v1/topics/", {"slug": "new", "name": "New"}, format="json").status_code == 403
    assert client.patch("/api/v1/topics/ecology/", {"name": "Environment"}, format="json").status_code == 403
    assert client.delete("/api/v1/topics/ecology/").status_code == 403
    assert list(Topic.objects.values_list("slug", "name")) == [(topic.slug, "Ecology")]


def test_editors_attach_existing_topics_to_their_drafts(editor):
    factories.TopicFactory(slug="ecology")
    article = factories.ArticleFactory(status=Status.DRAFT)
    response = token_client(editor).patch(f"/api/v1/articles/{article.slug}/", {"topics": ["ecology"]}, format="json")
    assert response.status_code == 200, response.json()
    assert [topic["slug"] for topic in response.json()["topics"]] == ["ecology"]


def test_editors_see_topics_read_only_in_the_admin(client, editor):
    topic = factories.TopicFactory()
    client.force_login(editor)
    assert client.get(reverse("admin:records_topic_add")).status_code == 403
    assert client.post(reverse("admin:records_topic_delete", args=[topic.pk]), {"post": "yes"}).status_code == 403
    assert b'name="name"' not in client.get(reverse("admin:records_topic_change", args=[topic.pk])).content
    assert Topic.objects.filter(pk=topic.pk).exists()


def test_publishers_create_and_rename_topics(publisher):
    client = token_client(publisher)
    assert client.post("/api/v1/topics/", {"slug": "ecology", "name": "Ecology"}, format="json").status_code == 201
    assert client.patch("/api/v1/topics/ecology/", {"slug": "environment"}, format="json").status_code == 200
    assert client.get("/api/v1/topics/ecology/").status_code == 301


# --- bulk actions -----------------------------------------------------------


def test_a_bulk_submit_moves_every_draft_and_names_each_record_it_skips(client, editor):
    first = factories.ArticleFactory(status=Status.DRAFT, title="First draft")
    live = factories.ArticleFactory(status=Status.PUBLISHED, title="Live article")
    third = factories.ArticleFactory(status=Status.DRAFT, title="Third draft")
    client.force_login(editor)
    response = client.post(
        reverse("admin:records_article_changelist"),
        {"action": "submit_for_review", "_selected_action": [first.pk, live.pk, third.pk]},
        follow=True,
    )
    assert response.status_code == 200
    statuses = dict(Article.objects.values_list("title", "status"))
    assert statuses == {"First draft": "review", "Live article": "published", "Third draft": "review"}
    changed, skipped = messages_of(response)
    assert changed == "2 articles submitted for review."
    assert skipped.startswith("1 left unchanged — “Live article”: ")


def test_a_record_that_fails_validation_is_skipped_with_its_error(client, publisher):
    valid = factories.ArticleFactory(status=Status.REVIEW, title="Valid")
    broken = factories.ArticleFactory(status=Status.REVIEW, title="Broken")
    Article.objects.filter(pk=broken.pk).update(slug="feed")  # stored before slugs were checked
    client.force_login(publisher)
    response = client.post(
        reverse("admin:records_article_changelist"),
        {"action": "publish", "_selected_action": [valid.pk, broken.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert dict(Article.objects.values_list("title", "status")) == {"Valid": "published", "Broken": "review"}
    assert any("“Broken”" in message and "reserved word" in message for message in messages_of(response))


# --- restore ------------------------------------------------------------------


def test_restoring_a_version_cannot_let_an_editor_schedule(client, editor):
    when = timezone.now() + datetime.timedelta(days=3)
    article = factories.ArticleFactory(status=Status.DRAFT, publish_at=when)
    scheduled_version = article.history.latest()
    services.record_update(record=article, fields={"publish_at": None})
    client.force_login(editor)
    url = reverse("admin:records_article_simple_history", args=[article.pk, scheduled_version.history_id])
    form = client.get(url).context["adminform"].form
    assert "publish_at" not in form.fields
    data = {name: form[name].value() for name in form.fields}
    data = {name: ("" if value is None else value) for name, value in data.items()}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.publish_at is None


# --- versions -----------------------------------------------------------------


def test_one_save_with_linked_lists_is_one_version(publisher):
    topics = factories.TopicFactory.create_batch(2)
    officials = factories.OfficialFactory.create_batch(2)
    body = {
        "slug": "one-version",
        "title": "One version",
        "topics": [topic.slug for topic in topics],
        "officials": [official.slug for official in officials],
    }
    client = token_client(publisher)
    assert client.post("/api/v1/articles/", body, format="json").status_code == 201
    article = Article.objects.get(slug="one-version")
    assert article.history.count() == 1
    version = article.history.get()
    assert (version.history_type, version.history_user) == ("+", publisher)
    assert sorted(row.topic_id for row in version.topics.all()) == sorted(topic.pk for topic in topics)
    client.patch("/api/v1/articles/one-version/", {"summary": "New", "topics": []}, format="json")
    assert article.history.count() == 2


# --- what partners who sync see -----------------------------------------------------


def updated_since(client, endpoint, since):
    return sorted(results(client.get(f"/api/v1/{endpoint}/", {"updated_since": since.isoformat()})))


def test_renaming_a_record_reports_every_record_that_shows_it(api_client_anonymous=None):
    from rest_framework.test import APIClient

    state = factories.MemberStateFactory(slug="kazakhstan", name="Kazakhstan")
    article = factories.ArticleFactory(slug="report")
    article.member_states.add(state)
    summit = factories.SummitFactory(slug="astana", host_state=state)
    factories.ArticleFactory(slug="unrelated")
    since = timezone.now()
    services.record_update(record=state, fields={"name": "Republic of Kazakhstan"})
    client = APIClient()
    assert updated_since(client, "articles", since) == ["report"]
    assert updated_since(client, "summits", since) == [summit.slug]


def test_linking_records_reports_both_ends(publisher):
    official = factories.OfficialFactory(slug="zhang-ming")
    factories.OfficialFactory(slug="someone-else")
    article = factories.ArticleFactory(slug="report")
    since = timezone.now()
    client = token_client(publisher)
    assert client.patch("/api/v1/articles/report/", {"officials": ["zhang-ming"]}, format="json").status_code == 200
    assert updated_since(client, "officials", since) == [official.slug]
    assert updated_since(client, "articles", since) == [article.slug]


def test_publishing_a_record_reports_the_records_that_now_list_it(publisher):
    state = factories.MemberStateFactory(slug="kazakhstan")
    draft = factories.ArticleFactory(status=Status.REVIEW)
    draft.member_states.add(state)
    since = timezone.now()
    services.record_transition(record=draft, action="publish", user=publisher)
    assert updated_since(token_client(publisher), "member-states", since) == ["kazakhstan"]


def test_a_record_going_live_on_schedule_reports_the_records_that_list_it(publisher):
    state = factories.MemberStateFactory(slug="kazakhstan")
    factories.MemberStateFactory(slug="china")
    scheduled = factories.ArticleFactory(publish_at=timezone.now() + datetime.timedelta(days=1))
    scheduled.member_states.add(state)
    since = timezone.now()
    client = token_client(publisher)
    assert updated_since(client, "member-states", since) == []
    # No write happens when the time comes: the schedule simply passes.
    Article.objects.filter(pk=scheduled.pk).update(publish_at=since + datetime.timedelta(microseconds=1))
    assert updated_since(client, "member-states", since) == ["kazakhstan"]
