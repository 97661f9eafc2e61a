"""The public pages: every URL answers, nothing unpublished leaks, bad input
never breaks a page, previews, old slugs, metadata and query counts."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import OperationalError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from records.models import Article, Initiative, MemberState, Official, Organization, Summit
from tests import factories
from tests.pages_data import HIDDEN_MARK, build_world, without_history

pytestmark = pytest.mark.django_db

LIST_URLS = [
    "/",
    "/articles/",
    "/summits/",
    "/member-states/",
    "/officials/",
    "/initiatives/",
    "/organizations/",
    "/topics/",
    "/search/?q=astana",
]
OTHER_URLS = ["/articles/feed/", "/summits/calendar.ics", "/sitemap.xml", "/robots.txt", "/healthz"]


@pytest.fixture
def world():
    return build_world()


def public_detail_urls(world):
    records = [world.sco, world.media, world.kazakhstan, world.turkiye, world.summit, world.official]
    records += [world.initiative, world.article, world.topic]
    return [record.get_absolute_url() for record in records]


def test_every_public_page_of_the_specification_answers_200(client, world):
    for url in LIST_URLS + OTHER_URLS:
        assert client.get(url).status_code == 200, url


def test_every_public_record_page_answers_200(client, world):
    for url in public_detail_urls(world):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "prefix", ["articles", "summits", "member-states", "officials", "initiatives", "organizations", "topics"]
)
def test_an_unknown_slug_gets_the_sites_404_page(client, prefix):
    response = client.get(f"/{prefix}/no-such-record/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b'<html lang="en">' in response.content


BAD_PARAMETERS = [
    "/articles/?page=abc",
    "/articles/?page=99999",
    "/articles/?page=-1",
    "/articles/?year=notayear",
    "/articles/?year=99999999",
    "/articles/?member_state=%00",
    "/articles/?topic=ecology%00",
    "/articles/?language=e%00n",
    "/articles/?published_after=notadate",
    "/articles/?published_before=2024-13-45",
    "/articles/?source=Not+A+Slug",
    "/articles/?status=bogus",
    "/articles/?updated_since=yesterday",
    "/summits/?council=bogus",
    "/summits/?format=%00",
    "/summits/?year=1e9",
    "/summits/?host_state=%00%00",
    "/member-states/?membership=bogus",
    "/member-states/?founding_member=maybe",
    "/member-states/?as_of=notadate",
    "/officials/?current=perhaps",
    "/officials/?member_state=a,,b,%00",
    "/initiatives/?kind=bogus&stage=%00",
    "/initiatives/?launched_at=" + "x" * 5000,
    "/organizations/?kind=bogus&parent=%00",
    "/search/?q=%00",
    "/search/?q=astana%00kazakhstan",
    "/search/?q=" + "astana+" * 1500,
    "/search/?q=astana&type=bogus",
    "/search/?q=astana&type=summits&page=abc",
    "/search/?q=astana&type=summits&page=99999",
    "/search/?q=%22unbalanced",
    "/search/?q=-&q=or",
    "/search/?q=%F0%9F%92%A5+%E2%80%AE",
]


@pytest.fixture
def a_few_records():
    summit = factories.SummitFactory(title="Astana Summit 2024", slug="astana-2024")
    factories.ArticleFactory(title="Leaders meet in Astana").summits.add(summit)


@pytest.mark.parametrize("url", BAD_PARAMETERS)
def test_a_bad_query_parameter_never_gives_a_server_error(client, a_few_records, url):
    response = client.get(url)
    assert response.status_code in {200, 400}
    assert b"<h1" in response.content


def test_a_bad_filter_value_is_a_400_showing_the_form_error(client, a_few_records):
    response = client.get("/summits/?council=bogus")
    assert response.status_code == 400
    assert b"Select a valid choice" in response.content
    assert b"Astana Summit 2024" in response.content  # the valid filters still apply


def test_a_page_number_out_of_range_shows_the_last_page(client, a_few_records):
    response = client.get("/articles/?page=99999")
    assert response.status_code == 200
    assert b"Leaders meet in Astana" in response.content


def test_a_list_filter_narrows_the_list(client, world):
    other = factories.ArticleFactory(title="Tourism fair opens", original_published_on=datetime.date(2019, 5, 1))
    response = client.get("/articles/?year=2019")
    assert other.title.encode() in response.content
    assert b"Leaders meet in Astana" not in response.content
    response = client.get("/articles/?member_state=kazakhstan,turkiye")
    assert b"Leaders meet in Astana" in response.content
    assert other.title.encode() not in response.content


def test_articles_are_listed_newest_first_with_undated_ones_last(client, a_few_records):
    factories.ArticleFactory(title="Undated piece", original_published_on=None)
    factories.ArticleFactory(title="Newest piece", original_published_on=datetime.date(2025, 1, 1))
    content = client.get("/articles/").content.decode()
    assert content.index("Newest piece") < content.index("Leaders meet in Astana") < content.index("Undated piece")
    home = client.get("/").content.decode()
    assert home.index("Newest piece") < home.index("Undated piece")


def test_pagination_links_keep_the_filters(client, world):
    for number in range(25):
        factories.ArticleFactory(title=f"Ecology note {number}").topics.add(world.topic)
    response = client.get("/articles/?topic=ecology")
    assert b"topic=ecology&amp;page=2" in response.content


# --- nothing unpublished leaks ---------------------------------------------------


def surfaces(world):
    return (
        LIST_URLS
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
    world.kazakhstan.slug = "kazakhstan-republic"
    world.kazakhstan.save()
    response = client.get("/member-states/kazakhstan/")
    assert response.status_code == 301
    assert response["Location"] == "/member-states/kazakhstan-republic/"
    assert client.get(response["Location"]).status_code == 200


def test_an_old_slug_of_an_unpublished_record_does_not_reveal_its_new_slug(client, world):
    draft = Initiative.objects.get(slug=f"{HIDDEN_MARK}-draft-initiative")
    draft.slug = f"{HIDDEN_MARK}-renamed"
    draft.save()
    assert client.get(f"/initiatives/{HIDDEN_MARK}-draft-initiative/").status_code == 404


def test_staff_follow_an_old_slug_of_a_draft_to_its_preview(admin_client_logged_in, world):
    draft = Initiative.objects.get(slug=f"{HIDDEN_MARK}-draft-initiative")
    draft.slug = f"{HIDDEN_MARK}-renamed"
    draft.save()
    response = admin_client_logged_in.get(f"/initiatives/{HIDDEN_MARK}-draft-initiative/")
    assert response.status_code == 301
    assert response["Location"] == f"/initiatives/{HIDDEN_MARK}-renamed/"


# --- connected record ---------------------------------------------------------------------


def test_a_summit_page_shows_its_host_chair_participants_initiatives_and_articles(client, world):
    content = client.get(world.summit.get_absolute_url()).content.decode()
    assert 'href="/member-states/kazakhstan/"' in content
    assert "Kassym-Jomart Tokayev" in content
    assert "Year of Ecology" in content
    assert "Leaders meet in Astana" in content
    assert 'href="https://example.org/astana"' in content


def test_an_official_page_shows_appointments_summits_and_initiatives(client, world):
    content = client.get(world.official.get_absolute_url()).content.decode()
    assert "President" in content
    assert "Astana Summit 2024" in content
    assert "Year of Ecology" in content
    assert "Reported in" in content


def test_a_member_state_page_shows_history_officials_summits_and_initiatives(client, world):
    content = client.get(world.kazakhstan.get_absolute_url()).content.decode()
    assert "Membership history" in content
    assert "15 June 2001" in content
    assert "Kassym-Jomart Tokayev" in content
    assert "Summits hosted" in content and "Summits chaired" in content
    assert "Initiatives led" in content


def test_a_public_record_linked_to_an_unpublished_one_does_not_name_it(client, world):
    content = client.get(reverse("summit-detail", args=["open-summit"])).content.decode()
    assert "<dt>Host</dt>" not in content and "<dt>Chair</dt>" not in content
    assert HIDDEN_MARK not in content.lower()
    official = client.get(world.official.get_absolute_url()).content.decode()
    assert "Envoy" in official  # the appointment is shown, the unpublished state is not
    assert HIDDEN_MARK not in official.lower()


def test_the_member_states_page_groups_by_membership_and_draws_the_timeline(client, world):
    content = client.get("/member-states/").content.decode()
    assert "Member states <span" in content and "Dialogue partners <span" in content
    assert '<svg class="chart__svg"' in content
    assert 'role="img"' in content and '<title id="chart-title">' in content
    assert '<th scope="row">2013</th>' in content  # the text alternative


def test_the_home_page_shows_latest_articles_summits_states_and_initiatives(client, world):
    content = client.get("/").content.decode()
    assert "Leaders meet in Astana" in content
    assert "Future Summit" in content and "Astana Summit 2024" in content
    assert "Türkiye" in content
    assert "Year of Ecology" in content
    assert 'role="search"' in content


def test_the_topics_page_counts_only_public_records(client, world):
    content = client.get("/topics/").content.decode()
    assert "1 article," in content and "1 initiative" in content


# --- metadata and accessibility ---------------------------------------------------------------

JSONLD_TYPES = {
    "article": "NewsArticle",
    "summit": "Event",
    "official": "Person",
    "kazakhstan": "Country",
    "sco": "GovernmentOrganization",
}


def jsonld_of(content):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return json.loads(match.group(1)) if match else None


def test_a_record_page_describes_itself_in_json_ld(client, world):
    for name, schema_type in JSONLD_TYPES.items():
        record = getattr(world, name)
        data = jsonld_of(client.get(record.get_absolute_url()).content.decode())
        assert data["@type"] == schema_type
        assert data["url"] == f"http://testserver{record.get_absolute_url()}"


def test_json_ld_cannot_close_its_script_element(client, world):
    world.article.summary = "</script><script>alert(1)</script>"
    world.article.save()
    content = client.get(world.article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in content
    assert jsonld_of(content)["description"] == world.article.summary


def test_every_page_has_one_h1_a_title_lang_landmarks_and_a_skip_link(client, world):
    for url in LIST_URLS + public_detail_urls(world) + ["/no-such-page/"]:
        content = client.get(url).content.decode()
        assert content.count("<h1") == 1, url
        assert re.search(r"<title>[^<]+</title>", content), url
        assert '<html lang="en">' in content
        assert '<main id="main"' in content and "<header" in content and "<footer" in content
        assert 'href="#main"' in content
        assert 'name="viewport"' in content
        assert "style=" not in content, url  # the CSP forbids inline styles
        assert "<script>" not in content and "<script " not in content.replace(
            '<script type="application/ld+json">', ""
        ), url


def test_a_detail_page_has_description_canonical_url_and_open_graph_tags(client, world):
    content = client.get(world.summit.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://testserver{world.summit.get_absolute_url()}">' in content
    assert '<meta name="description" content="' in content
    assert '<meta property="og:title" content="Astana Summit 2024">' in content
    assert '<meta property="og:url"' in content


def test_form_fields_have_labels(client, world):
    for url in ["/articles/", "/summits/", "/member-states/", "/officials/", "/initiatives/", "/organizations/", "/"]:
        content = client.get(url).content.decode()
        for field_id in re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', content):
            assert f'for="{field_id}"' in content, (url, field_id)


def test_pages_send_a_content_security_policy_without_unsafe_inline(client, world):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_static_files_are_served_from_our_own_host(client, world):
    content = client.get("/").content.decode()
    for url in re.findall(r'(?:href|src)="([^"]+\.(?:css|js|svg))"', content):
        assert url.startswith("/static/"), url


# --- health and database failures ----------------------------------------------------


def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_reports_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db.backends.base.base import BaseDatabaseWrapper

    def unreachable(self, *args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


def test_a_page_answers_503_with_the_sites_page_when_the_database_is_unreachable(client, monkeypatch):
    from django.db.backends.base.base import BaseDatabaseWrapper

    def unreachable(self, *args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", unreachable)
    for url in ["/", "/summits/", "/summits/some-summit/", "/search/?q=astana"]:
        response = client.get(url)
        assert response.status_code == 503
        assert b"Temporarily unavailable" in response.content
        assert response["Retry-After"]


def test_the_500_page_renders_without_a_request_or_database(monkeypatch):
    from django.template import loader

    html = loader.get_template("500.html").render({})
    assert "Something went wrong" in html and "<h1>" in html


# --- constant number of queries ------------------------------------------------------


@without_history
def add_related(world, count):
    """`count` more published records linked to the world's records in every direction."""
    for _ in range(count):
        state = factories.MemberStateFactory(organization=world.sco)
        official = factories.OfficialFactory(member_state=world.kazakhstan, organization=world.sco)
        factories.AppointmentFactory(official=world.official, member_state=state)
        summit = factories.SummitFactory(host_state=world.kazakhstan, chair_state=state, organization=world.sco)
        summit.participants.add(world.official, official)
        initiative = factories.InitiativeFactory(lead_state=world.kazakhstan, launched_at=world.summit)
        initiative.participating_states.add(world.kazakhstan, state)
        initiative.topics.add(world.topic)
        organization = factories.OrganizationFactory(parent=world.sco)
        article = factories.ArticleFactory(source=world.media)
        article.topics.add(world.topic)
        article.summits.add(world.summit)
        article.officials.add(world.official)
        article.member_states.add(world.kazakhstan)
        article.initiatives.add(world.initiative)
        article.organizations.add(world.sco)
        world.summit.participants.add(official)
        world.initiative.participating_states.add(state)
        world.article.summits.add(summit)
        world.article.officials.add(official)
        world.article.member_states.add(state)
        world.article.initiatives.add(initiative)
        world.article.organizations.add(organization)
        world.official.summits.add(summit)


def count_queries(client, url):
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_each_page_runs_the_same_number_of_queries_for_5_and_for_50_related_records(client, world):
    urls = LIST_URLS + OTHER_URLS + public_detail_urls(world)
    urls += ["/articles/?topic=ecology&member_state=kazakhstan", "/summits/?page=2", "/search/?q=summit&type=summits"]
    add_related(world, 5)
    few = {url: count_queries(client, url) for url in urls}
    add_related(world, 45)
    many = {url: count_queries(client, url) for url in urls}
    assert few == many


def test_a_detail_page_needs_few_queries(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(world.article.get_absolute_url())


# --- the data set --------------------------------------------------------------------------


DATASET = Path(settings.BASE_DIR) / "fixtures" / "sco.json"


@pytest.mark.skipif(not DATASET.exists(), reason="the SCO data set (fixtures/sco.json) is not there yet")
def test_every_published_record_of_the_data_set_has_a_working_page(client):
    from django.core.management import call_command

    call_command("loaddata", "sco", verbosity=0)
    models = (Article, Summit, MemberState, Official, Initiative, Organization)
    records = [record for model in models for record in model.objects.published()]
    assert records
    for record in records:
        assert client.get(record.get_absolute_url()).status_code == 200, record.get_absolute_url()
    for url in LIST_URLS + OTHER_URLS:
        assert client.get(url).status_code == 200, url
