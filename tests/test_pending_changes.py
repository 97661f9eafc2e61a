"""Changes to live records under review: an editor's edit of a published record
waits as a pending change; publishers approve it (applied as a new version
naming both) or reject it with a comment; a stale change is never applied
blindly; nothing live changes before approval."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from records import services
from records.models import Article, PendingChange, Status
from tests import factories
from tests.test_api_support import token_client
from tests.test_workflow import article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def live():
    return factories.ArticleFactory(slug="live", title="Live title", summary="Live summary.")


def propose(client, slug="live", **body):
    return client.patch(f"/api/v1/articles/{slug}/", body or {"title": "Edited title"}, format="json")


# --- API ----------------------------------------------------------------------


def test_an_editors_patch_of_a_live_record_is_held_for_review(editor, live):
    response = propose(token_client(editor))
    assert response.status_code == 202
    change = PendingChange.objects.get()
    assert response["Location"] == f"http://testserver/api/v1/changes/{change.pk}/"
    body = response.json()
    assert (body["state"], body["author"], body["proposed"]) == ("pending", "editor", {"title": "Edited title"})
    assert body["record"]["slug"] == "live"
    assert APIClient().get("/api/v1/articles/live/").json()["title"] == "Live title"


def test_publishers_see_every_pending_change_and_editors_their_own(editor, publisher, django_user_model, live):
    other = django_user_model.objects.create_user("other-editor")
    other.groups.set(editor.groups.all())
    editor_client = token_client(editor)
    propose(editor_client)
    propose(token_client(other), summary="Another summary.")
    assert token_client(publisher).get("/api/v1/changes/").json()["count"] == 2
    mine = editor_client.get("/api/v1/changes/").json()["results"]
    assert [change["author"] for change in mine] == ["editor"]
    assert APIClient().get("/api/v1/changes/").status_code == 401


def test_a_publisher_approves_and_the_change_is_a_version_naming_both(editor, publisher, live):
    url = propose(token_client(editor))["Location"]
    response = token_client(publisher).post(f"{url}approve/")
    assert response.status_code == 200
    assert response.json()["state"] == "approved"
    live.refresh_from_db()
    assert live.title == "Edited title"
    version = live.history.latest()
    assert version.history_user == publisher
    assert version.history_change_reason == "Proposed by editor, approved by publisher"


def test_a_publisher_rejects_with_a_comment_the_editor_reads(editor, publisher, live):
    editor_client = token_client(editor)
    url = propose(editor_client)["Location"]
    rejected = token_client(publisher).post(f"{url}reject/", {"comment": "Keep the original title."}, format="json")
    assert rejected.status_code == 200
    seen = editor_client.get(url).json()
    assert (seen["state"], seen["comment"], seen["reviewed_by"]) == (
        "rejected",
        "Keep the original title.",
        "publisher",
    )
    live.refresh_from_db()
    assert live.title == "Live title"


def test_a_stale_change_cannot_be_approved(editor, publisher, live):
    url = propose(token_client(editor))["Location"]
    publisher_client = token_client(publisher)
    assert (
        publisher_client.patch(
            "/api/v1/articles/live/", {"summary": "Fixed by a publisher."}, format="json"
        ).status_code
        == 200
    )
    assert publisher_client.get(url).json()["is_stale"] is True
    response = publisher_client.post(f"{url}approve/")
    assert response.status_code == 409
    live.refresh_from_db()
    assert (live.title, live.summary) == ("Live title", "Fixed by a publisher.")
    assert PendingChange.objects.get().state == "pending"


def test_editors_cannot_approve_and_a_change_is_reviewed_once(editor, publisher, live):
    editor_client = token_client(editor)
    url = propose(editor_client)["Location"]
    assert editor_client.post(f"{url}approve/").status_code == 403
    publisher_client = token_client(publisher)
    assert publisher_client.post(f"{url}approve/").status_code == 200
    again = publisher_client.post(f"{url}reject/")
    assert again.status_code == 403
    assert "already approved" in again.json()["detail"]


def test_a_bad_change_is_refused_at_once(editor, live):
    response = propose(token_client(editor), slug="live", original_url="not a url")
    assert response.status_code == 400
    assert not PendingChange.objects.exists()


def test_an_edit_that_changes_nothing_is_no_pending_change(editor, live):
    response = propose(token_client(editor), title="Live title")
    assert response.status_code == 200
    assert not PendingChange.objects.exists()


def test_linked_lists_are_part_of_the_change(editor, publisher, live):
    factories.TopicFactory(slug="ecology")
    url = propose(token_client(editor), topics=["ecology"])["Location"]
    assert list(live.topics.all()) == []
    token_client(publisher).post(f"{url}approve/")
    assert [topic.slug for topic in live.topics.all()] == ["ecology"]


# --- admin ----------------------------------------------------------------------


def admin_form(article, **overrides):
    """The form an editor posts: the publisher's fields (status, schedule) are read-only to them."""
    data = article_form(article, **overrides)
    del data["status"]
    return data


def test_the_admin_flow_from_edit_to_review_preview_and_approval(client, editor, publisher, live):
    client.force_login(editor)
    response = client.post(
        reverse("admin:records_article_change", args=[live.pk]), admin_form(live, title="Edited title")
    )
    assert response.status_code == 302
    change = PendingChange.objects.get()
    assert client.get("/articles/live/").context["object"].title == "Live title"
    assert "Edited title" in client.get(f"/articles/live/?change={change.pk}").content.decode()  # the author's preview
    assert "Edited title" not in APIClient().get(f"/articles/live/?change={change.pk}").content.decode()

    client.force_login(publisher)
    review = client.get(reverse("admin:records_pendingchange_change", args=[change.pk])).content.decode()
    assert "<del>Live</del> <ins>Edited</ins> title" in review
    assert f"/articles/live/?change={change.pk}" in review
    assert "Change to" in client.get(reverse("admin:index")).content.decode()
    approved = client.post(reverse("admin:records_pendingchange_change", args=[change.pk]), {"_approve": "1"})
    assert approved.status_code == 302
    assert Article.objects.get(pk=live.pk).title == "Edited title"


def test_a_publisher_rejects_in_the_admin_with_a_comment(client, editor, publisher, live):
    change = services.change_propose(record=live, fields={"summary": "Worse."}, user=editor)
    client.force_login(publisher)
    url = reverse("admin:records_pendingchange_change", args=[change.pk])
    client.post(url, {"_reject": "1", "comment": "The summary was right."})
    change.refresh_from_db()
    assert (change.state, change.comment) == ("rejected", "The summary was right.")
    assert Article.objects.get(pk=live.pk).summary == "Live summary."


def test_a_stale_change_is_flagged_in_the_admin_and_not_applied(client, editor, publisher, live):
    change = services.change_propose(record=live, fields={"title": "Edited title"}, user=editor)
    services.record_update(record=live, fields={"summary": "Newer."}, user=publisher)
    client.force_login(publisher)
    url = reverse("admin:records_pendingchange_change", args=[change.pk])
    response = client.post(url, {"_approve": "1"}, follow=True)
    assert any("changed since" in str(message) for message in response.context["messages"])
    assert Article.objects.get(pk=live.pk).title == "Live title"


def test_an_editor_cannot_change_the_status_of_a_live_record_through_a_change(editor, live):
    with pytest.raises(services.WorkflowDenied):
        services.change_propose(record=live, fields={"status": Status.DRAFT}, user=editor)


def test_the_review_queue_runs_the_same_queries_for_few_and_many_changes(client, editor, publisher):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queue_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("admin:records_pendingchange_changelist")).status_code == 200
            assert client.get(reverse("admin:index")).status_code == 200
        return len(queries)

    def propose_on_new_records(count):
        for article in factories.ArticleFactory.create_batch(count):
            services.change_propose(record=article, fields={"summary": "Better."}, user=editor)
        for state in factories.MemberStateFactory.create_batch(count):
            services.change_propose(record=state, fields={"capital": "Elsewhere"}, user=editor)

    client.force_login(publisher)
    propose_on_new_records(1)
    queue_queries()  # warm up: content types, permissions
    few = queue_queries()
    propose_on_new_records(4)
    assert queue_queries() == few
