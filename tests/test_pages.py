"""The public pages: every URL answers, bad input never breaks a page, records
are connected both ways, metadata and accessibility, and the 503/500 pages.

(What the public must not see is in test_page_visibility.py; query counts in
test_page_queries.py.)"""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError
from django.urls import reverse

from records.models import Article, Initiative, MemberState, Official, Organization, Summit
from tests import factories
from tests.pages_data import HIDDEN_MARK, LIST_URLS, OTHER_URLS, build_world, public_detail_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


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


@pytest.mark.parametrize("url", ["/member-states/?founding_member=maybe", "/officials/?current=perhaps"])
def test_a_yes_or_no_filter_with_another_value_is_a_400_not_ignored(client, a_few_records, url):
    response = client.get(url)
    assert response.status_code == 400
    assert b"Use true or false." in response.content


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


# --- connected record ---------------------------------------------------------------------


def test_a_summit_page_shows_its_host_chair_participants_initiatives_and_articles(client, world):
    content = client.get(world.summit.get_absolute_url()).content.decode()
    assert 'href="/member-states/kazakhstan/"' in content
    assert "Kassym-Jomart Tokayev" in content
    assert "Year of Ecology" in content
    assert "Leaders meet in Astana" in content
    assert f'href="{world.article.get_absolute_url()}"' in content


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
    # The same chart twice, a column per year and a row per year (the stylesheet shows the one that fits).
    assert '<svg class="chart__svg chart__svg--columns"' in content
    assert '<svg class="chart__svg chart__svg--rows"' in content
    assert 'role="img"' in content and '<title id="chart-title">' in content
    assert '<title id="chart-rows-title">' in content
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
        # No inline script (the CSP forbids it): only JSON-LD data and our static files.
        content = re.sub(r'<script src="/static/[^"]+\.js" defer></script>', "", content)
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
    assert response.json() == {"status": "ok", "database": "ok", "cache": "up"}


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


def test_the_api_answers_503_in_json_when_the_database_is_unreachable(client, monkeypatch):
    from django.db.backends.base.base import BaseDatabaseWrapper

    def unreachable(self, *args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", unreachable)
    response = client.get("/api/v1/summits/")
    assert response.status_code == 503
    assert "detail" in response.json()


def test_the_500_page_renders_without_a_request_or_database(monkeypatch):
    from django.template import loader

    html = loader.get_template("500.html").render({})
    assert "Something went wrong" in html and "<h1>" in html


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


def test_home_shows_the_numbered_council_meeting_when_side_events_share_its_day(client):
    day = datetime.date(2024, 7, 4)
    factories.SummitFactory(slug="sco-plus", title="SCO Plus", number=None, starts_on=day, ends_on=None)
    factories.SummitFactory(slug="astana-24", title="24th summit", number=24, starts_on=day, ends_on=None)
    factories.SummitFactory(slug="sco-plus-2", title="SCO Plus again", number=None, starts_on=day, ends_on=None)
    assert client.get("/").context["latest_summit"].slug == "astana-24"
