"""The editorial workflow in the admin: roles, transitions, no lost edits, history and restore."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from records import services
from records.models import Article, PendingChange, Status
from records.services import latest_version_id, record_transition
from records.workflow import WorkflowDenied

from .factories import (
    ArticleFactory,
    InitiativeFactory,
    MemberStateFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def change_url(record):
    return reverse(f"admin:records_{record._meta.model_name}_change", args=[record.pk])


def changelist_url(model):
    return reverse(f"admin:records_{model._meta.model_name}_changelist")


def article_form(article, **overrides):
    """The article change form as the admin would post it."""
    data = {
        "title": article.title,
        "slug": article.slug,
        "source": article.source_id or "",
        "authors": article.authors,
        "original_url": article.original_url,
        "original_published_on": article.original_published_on.isoformat(),
        "language": article.language,
        "text_language": article.text_language,
        "summary": article.summary,
        "body": article.body,
        "status": article.status,
        "topics": [t.pk for t in article.topics.all()],
        "loaded_version": str(latest_version_id(article)),
    }
    if article.publish_at:
        data["publish_at_0"], data["publish_at_1"] = article.publish_at.strftime("%Y-%m-%d %H:%M:%S").split()
    data.update(overrides)
    return data


def run_action(client, model, action, records):
    return client.post(
        changelist_url(model),
        {"action": action, "_selected_action": [r.pk for r in records]},
        follow=True,
    )


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# --- who may do what -----------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    response = client.get(changelist_url(Article))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_editor_submits_a_draft_for_review(client, editor):
    draft = ArticleFactory(status=Status.DRAFT)
    client.force_login(editor)
    response = run_action(client, Article, "submit_for_review", [draft])
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert messages_of(response) == ["1 article submitted for review."]


def test_editor_is_not_offered_the_publishing_actions(client, editor):
    client.force_login(editor)
    actions = client.get(changelist_url(Article)).context["action_form"].fields["action"].choices
    names = {name for name, _ in actions}
    assert "submit_for_review" in names
    assert not names & {"publish", "unpublish", "archive"}


def test_editor_cannot_publish_by_posting_the_action_anyway(client, editor):
    article = ArticleFactory(status=Status.REVIEW)
    client.force_login(editor)
    run_action(client, Article, "publish", [article])
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_editor_cannot_publish_by_editing_the_status_field(client, editor):
    article = ArticleFactory(status=Status.DRAFT)
    client.force_login(editor)
    response = client.post(change_url(article), article_form(article, status="published"))
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    status_choices = [value for value, _ in response.context["adminform"].form.fields["status"].choices]
    assert status_choices == ["draft", "review"]


def test_an_editors_edit_of_a_published_record_waits_for_review(client, editor):
    article = ArticleFactory(status=Status.PUBLISHED, title="Live title")
    client.force_login(editor)
    response = client.post(change_url(article), article_form(article, title="Edited"), follow=True)
    assert response.status_code == 200
    assert "awaits review" in messages_of(response)[0]
    article.refresh_from_db()
    assert article.title == "Live title"
    assert PendingChange.objects.get().fields == {"title": "Edited"}


def test_editor_can_edit_a_draft(client, editor):
    article = ArticleFactory(status=Status.DRAFT)
    client.force_login(editor)
    response = client.post(change_url(article), article_form(article, title="Better title"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Better title"


def test_publisher_publishes_unpublishes_and_archives_with_counted_messages(client, publisher):
    first, second = ArticleFactory.create_batch(2, status=Status.REVIEW)
    client.force_login(publisher)
    published = run_action(client, Article, "publish", [first, second])
    assert messages_of(published) == ["2 articles published."]
    assert set(Article.objects.published().values_list("pk", flat=True)) == {first.pk, second.pk}

    unpublished = run_action(client, Article, "unpublish", [first])
    assert messages_of(unpublished) == ["1 article unpublished."]
    first.refresh_from_db()
    assert first.status == Status.DRAFT

    archived = run_action(client, Article, "archive", [first, second])
    assert messages_of(archived) == ["2 articles archived."]
    assert not Article.objects.published().exists()


def test_a_transition_that_does_not_apply_is_reported_not_forced(client, publisher):
    archived = ArticleFactory(status=Status.ARCHIVED)
    client.force_login(publisher)
    response = run_action(client, Article, "unpublish", [archived])
    assert messages_of(response) == [f"1 left unchanged — “{archived}”: it is archived."]
    archived.refresh_from_db()
    assert archived.status == Status.ARCHIVED


def test_publisher_schedules_a_record_that_goes_live_by_itself(client, publisher):
    article = ArticleFactory(status=Status.REVIEW)
    client.force_login(publisher)
    when = timezone.now() + datetime.timedelta(days=1)
    response = client.post(
        change_url(article),
        article_form(article, status="published", publish_at_0=f"{when:%Y-%m-%d}", publish_at_1=f"{when:%H:%M:%S}"),
    )
    assert response.status_code == 302
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert Article.objects.published(now=when + datetime.timedelta(minutes=1)).filter(pk=article.pk).exists()


def test_workflow_function_refuses_editors_with_a_reason(editor):
    article = ArticleFactory(status=Status.REVIEW)
    with pytest.raises(WorkflowDenied, match="publish permission"):
        record_transition(record=article, action="publish", user=editor)


def test_superuser_may_do_everything(superuser):
    article = ArticleFactory(status=Status.DRAFT)
    assert record_transition(record=article, action="publish", user=superuser)
    assert article.status == Status.PUBLISHED


# --- no lost edits --------------------------------------------------------


def test_second_of_two_concurrent_edits_is_refused_and_nothing_is_lost(client, editor, django_user_model):
    other = django_user_model.objects.create_user("second-editor", password="pw-user-123", is_staff=True)
    other.groups.set(editor.groups.all())
    article = ArticleFactory(status=Status.DRAFT, title="Original")
    opened_by_both = article_form(article)

    client.force_login(editor)
    first = client.post(change_url(article), {**opened_by_both, "title": "First editor's title"})
    assert first.status_code == 302

    client.force_login(other)
    second = client.post(change_url(article), {**opened_by_both, "title": "Second editor's title"})
    assert second.status_code == 200
    page = second.content.decode()
    assert "was changed by editor at" in page
    assert "Second editor&#x27;s title" in page  # the refused input stays in the form

    article.refresh_from_db()
    assert article.title == "First editor's title"


# --- history and restore ----------------------------------------------------


def test_each_change_is_a_version_with_its_author_and_links(client, editor):
    article = ArticleFactory(status=Status.DRAFT, title="First title")
    ecology = TopicFactory(name="Ecology", slug="ecology")
    client.force_login(editor)
    client.post(change_url(article), article_form(article, title="Second title", topics=[ecology.pk]))
    latest = article.history.order_by("-history_date", "-history_id").first()
    assert latest.title == "Second title"
    assert latest.history_user == editor
    assert [row.topic_id for row in latest.topics.all()] == [ecology.pk]

    history_page = client.get(reverse("admin:records_article_history", args=[article.pk])).content.decode()
    assert "<dt>Title</dt><dd><del>First</del> <ins>Second</ins> title</dd>" in history_page
    assert "<dt>Topics</dt><dd><ins>Ecology</ins></dd>" in history_page
    assert "Change reason" not in history_page and "None" not in history_page


def test_any_two_versions_compare_as_text_not_tags(client, publisher):
    article = ArticleFactory(status=Status.DRAFT, body="<p>The <strong>first</strong> body.</p>", title="One")
    first = article.history.latest()
    services.record_update(record=article, fields={"title": "Two"})
    services.record_update(record=article, fields={"body": "<p>The <em>second</em> body.</p>", "title": "Three"})
    last = article.history.latest()
    client.force_login(publisher)
    url = reverse("admin:records_article_history_compare", args=[article.pk])
    page = client.get(url, {"from": first.history_id, "to": last.history_id}).content.decode()
    assert "<del>One</del> <ins>Three</ins>" in page
    assert "The <del>first</del> <ins>second</ins> body." in page
    assert "&lt;strong&gt;" not in page and "<strong>first" not in page
    assert client.get(url, {"from": "x", "to": last.history_id}).status_code == 302


def test_restoring_a_version_brings_back_its_values_and_links_as_a_new_version(client, publisher):
    initiative = InitiativeFactory(name="Original title", status=Status.DRAFT)
    kept, dropped = MemberStateFactory.create_batch(2)
    initiative.participating_states.set([kept])
    initiative.name = "Changed title"
    initiative.save()
    initiative.participating_states.set([dropped])
    original = initiative.history.filter(name="Original title").order_by("-history_date", "-history_id").first()
    versions_before = initiative.history.count()

    client.force_login(publisher)
    revert_url = reverse("admin:records_initiative_simple_history", args=[initiative.pk, original.history_id])
    form = client.get(revert_url).context["adminform"].form
    assert form.initial["participating_states"] == [kept.pk]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["participating_states"] = [kept.pk]
    response = client.post(revert_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    initiative.refresh_from_db()
    assert initiative.name == "Original title"
    assert list(initiative.participating_states.all()) == [kept]
    assert initiative.history.count() > versions_before


def test_a_change_through_the_api_is_a_version_with_the_token_owner_as_author(partner):
    from .test_api_support import token_client

    article = ArticleFactory(status=Status.DRAFT, title="Before")
    response = token_client(partner).patch(
        f"/api/v1/articles/{article.slug}/", {"title": "After", "status": "review"}, format="json"
    )
    assert response.status_code == 200, response.json()
    latest = article.history.order_by("-history_date", "-history_id").first()
    assert (latest.title, latest.status, latest.history_user) == ("After", "review", partner)


# --- scheduling as an action ------------------------------------------------------


def test_a_publisher_schedules_selected_records_with_a_date_time_picker(client, publisher):
    first, second = ArticleFactory(status=Status.REVIEW), ArticleFactory(status=Status.DRAFT)
    client.force_login(publisher)
    selection = {"action": "schedule", "_selected_action": [first.pk, second.pk]}
    page = client.post(changelist_url(Article), selection)
    assert page.status_code == 200
    assert b'type="datetime-local"' in page.content and b"Time zone: UTC" in page.content
    when = timezone.now() + datetime.timedelta(days=2)
    past = client.post(changelist_url(Article), {**selection, "apply": "1", "publish_at": "2001-06-15T10:00"})
    assert b"Choose a time in the future." in past.content
    done = client.post(
        changelist_url(Article), {**selection, "apply": "1", "publish_at": f"{when:%Y-%m-%dT%H:%M}"}, follow=True
    )
    assert messages_of(done)[0].startswith("2 articles scheduled to go live on ")
    assert not Article.objects.published().exists()
    assert Article.objects.scheduled().count() == 2
    assert "Scheduled next" in client.get(reverse("admin:index")).content.decode()


def test_unscheduling_takes_a_record_off_the_schedule_and_names_what_was_not_scheduled(client, publisher):
    scheduled = ArticleFactory(publish_at=timezone.now() + datetime.timedelta(days=1), title="Scheduled")
    live = ArticleFactory(title="Live")
    client.force_login(publisher)
    response = run_action(client, Article, "unschedule", [scheduled, live])
    assert messages_of(response) == [
        "1 article taken off the schedule.",
        "1 left unchanged — “Live”: it is not scheduled.",
    ]
    scheduled.refresh_from_db()
    assert (scheduled.status, scheduled.publish_at) == (Status.REVIEW, None)


def test_editors_are_not_offered_scheduling(client, editor):
    ArticleFactory(status=Status.DRAFT)
    client.force_login(editor)
    actions = client.get(changelist_url(Article)).context["action_form"].fields["action"].choices
    assert "schedule" not in {name for name, _ in actions}
