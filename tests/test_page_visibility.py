"""Nothing unpublished or scheduled reaches a visitor, on any surface; staff
preview; old slugs redirect."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from records import services
from records.models import Article, Initiative, Official, Summit
from tests.pages_data import HIDDEN_MARK, LIST_URLS, OTHER_URLS, build_world, public_detail_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def in_other_languages(urls):
    """The same pages in Russian and Chinese (/ru/…, /zh/…)."""
    return [f"{prefix}{url}" for prefix in ("/ru", "/zh") for url in urls]


def surfaces(world):
    return (
        in_other_languages(LIST_URLS + public_detail_urls(world) + ["/articles/feed/", "/summits/calendar.ics"])
        + LIST_URLS
        + OTHER_URLS
        + public_detail_urls(world)
        + [
            "/search/?q=summit&type=summits",
            "/search/?q=official",
            "/articles/?topic=ecology",
            "/initiatives/?topic=ecology",
            "/summits/?host_state=kazakhstan",
            "/open-summit/",
            reverse("summit-detail", args=["open-summit"]),
        ]
    )


def test_no_unpublished_or_scheduled_record_appears_on_any_public_surface(client, world):
    for url in surfaces(world):
        response = client.get(url)
        if url == "/open-summit/":
            assert response.status_code == 404
            continue
        assert response.status_code == 200, url
        content = response.content.decode().lower()
        assert HIDDEN_MARK not in content, (url, re.findall(rf".{{0,80}}{HIDDEN_MARK}.{{0,40}}", content)[:3])


def test_search_finds_no_unpublished_record(client, world):
    response = client.get(f"/search/?q={HIDDEN_MARK}")
    assert b"Nothing in the record matches" in response.content
    for prefix in ("articles", "summits", "member-states", "officials", "initiatives", "organizations"):
        response = client.get(f"/search/?q={HIDDEN_MARK}&type={prefix}")
        assert b"Nothing in the record matches" in response.content


def test_an_unpublished_or_scheduled_record_page_is_a_404_for_visitors(client, world):
    assert len(world.hidden) == 24
    for record in world.hidden:
        assert client.get(record.get_absolute_url()).status_code == 404, record.slug


def test_a_scheduled_record_appears_once_its_time_has_passed(client, world):
    scheduled = Article.objects.get(slug=f"{HIDDEN_MARK}-scheduled-article")
    Article.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(scheduled.get_absolute_url()).status_code == 200
    assert scheduled.title.encode() in client.get("/articles/").content
    assert scheduled.title.encode() in client.get(world.summit.get_absolute_url()).content


# --- preview and old slugs -------------------------------------------------------------


def test_staff_who_may_change_a_record_preview_it_with_a_banner(client, world, admin_client_logged_in):
    draft = Summit.objects.get(slug=f"{HIDDEN_MARK}-draft-summit")
    response = admin_client_logged_in.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert b"Not published." in response.content
    assert b'<meta name="robots" content="noindex">' in response.content


def test_an_editor_previews_a_scheduled_record_and_sees_when_it_goes_live(client, world, django_user_model):
    editor = django_user_model.objects.create_user("ed", password="pw-user-123")
    editor.user_permissions.add(Permission.objects.get(codename="change_article"))
    client.force_login(editor)
    scheduled = Article.objects.get(slug=f"{HIDDEN_MARK}-scheduled-article")
    response = client.get(scheduled.get_absolute_url())
    assert response.status_code == 200
    assert b"scheduled to go live" in response.content
    # The permission is per model: other drafts stay hidden.
    assert client.get(Summit.objects.get(slug=f"{HIDDEN_MARK}-draft-summit").get_absolute_url()).status_code == 404


def test_a_logged_in_user_without_the_change_permission_gets_a_404_on_a_draft(client, world, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="pw-user-123"))
    draft = Official.objects.get(slug=f"{HIDDEN_MARK}-draft-official")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_published_record_has_no_preview_banner(admin_client_logged_in, world):
    assert b"Not published." not in admin_client_logged_in.get(world.summit.get_absolute_url()).content


def test_an_old_slug_redirects_permanently_to_the_current_url(client, world):
    services.record_update(record=world.kazakhstan, fields={"slug": "kazakhstan-republic"})
    response = client.get("/member-states/kazakhstan/")
    assert response.status_code == 301
    assert response["Location"] == "/member-states/kazakhstan-republic/"
    assert client.get(response["Location"]).status_code == 200


def test_an_old_topic_slug_redirects_too(client, world):
    services.record_update(record=world.topic, fields={"slug": "environment"})
    response = client.get("/topics/ecology/")
    assert response.status_code == 301
    assert response["Location"] == "/topics/environment/"


def test_an_old_slug_of_an_unpublished_record_does_not_reveal_its_new_slug(client, world):
    draft = Initiative.objects.get(slug=f"{HIDDEN_MARK}-draft-initiative")
    services.record_update(record=draft, fields={"slug": f"{HIDDEN_MARK}-renamed"})
    assert client.get(f"/initiatives/{HIDDEN_MARK}-draft-initiative/").status_code == 404


def test_staff_follow_an_old_slug_of_a_draft_to_its_preview(admin_client_logged_in, world):
    draft = Initiative.objects.get(slug=f"{HIDDEN_MARK}-draft-initiative")
    services.record_update(record=draft, fields={"slug": f"{HIDDEN_MARK}-renamed"})
    response = admin_client_logged_in.get(f"/initiatives/{HIDDEN_MARK}-draft-initiative/")
    assert response.status_code == 301
    assert response["Location"] == f"/initiatives/{HIDDEN_MARK}-renamed/"
