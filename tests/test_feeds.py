"""The machine-readable surfaces: RSS, iCalendar, sitemap, robots.txt, and the
membership timeline behind the chart."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from records import sitemaps
from records.calendar import escape_text, fold
from records.models import Membership, Status
from records.timeline import membership_timeline
from tests import factories
from tests.pages_data import HIDDEN_MARK, SITEMAP_NS, build_world, sitemap_locations

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_the_rss_feed_lists_published_articles_only(client, world):
    response = client.get("/articles/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Leaders meet in Astana"]
    assert items[0].findtext("link") == "http://testserver/articles/leaders-meet-in-astana/"
    assert items[0].findtext("category") == "Ecology"
    assert HIDDEN_MARK not in response.content.decode().lower()


def test_the_calendar_has_one_event_per_published_summit(client, world):
    response = client.get("/summits/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 3  # Astana, the future summit and the open summit
    assert "SUMMARY:Astana Summit 2024" in text
    assert "DTSTART;VALUE=DATE:20240703\r\nDTEND;VALUE=DATE:20240705" in text
    assert "LOCATION:Astana\\, Kazakhstan" in text
    assert HIDDEN_MARK not in text.lower()


def test_calendar_lines_are_folded_at_75_octets_with_crlf(client, world):
    world.summit.summary = "Ünïcödé summary, with; commas\nand lines " * 10
    world.summit.save()
    raw = client.get("/summits/calendar.ics").content
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        assert b"\n" not in line
    unfolded = raw.decode().replace("\r\n ", "")
    assert "DESCRIPTION:Ünïcödé summary\\, with\\; commas\\nand lines" in unfolded


def test_fold_never_splits_a_multibyte_character():
    folded = fold("SUMMARY:" + "ü" * 100)
    for part in folded.split("\r\n"):
        assert len(part.encode()) <= 75
        part.encode().decode()  # each line is valid UTF-8
    assert folded.replace("\r\n ", "") == "SUMMARY:" + "ü" * 100


def test_escape_text_follows_rfc_5545():
    assert escape_text("a\\b;c,d\r\ne") == "a\\\\b\\;c\\,d\\ne"


def test_the_sitemap_lists_every_public_page_and_nothing_else(client, world):
    locations = sitemap_locations(client)
    expected = {
        "http://testserver/",
        "http://testserver/articles/",
        "http://testserver/member-states/",
        "http://testserver/topics/",
        "http://testserver/topics/ecology/",
        "http://testserver/articles/leaders-meet-in-astana/",
        "http://testserver/summits/2024-astana-heads-of-state/",
        "http://testserver/member-states/turkiye/",
        "http://testserver/officials/kassym-jomart-tokayev/",
        "http://testserver/initiatives/year-of-ecology/",
        "http://testserver/organizations/sco/",
        "http://testserver/organizations/xinhua/",
    }
    assert expected <= locations
    assert not [location for location in locations if HIDDEN_MARK in location]
    assert all(client.get(location).status_code == 200 for location in locations)


def test_the_sitemap_index_cuts_long_sections_into_pages_and_dates_them(client, monkeypatch):
    monkeypatch.setattr(sitemaps.RecordSitemap, "limit", 2)
    articles = [factories.ArticleFactory(slug=f"news-{n}") for n in range(5)]
    factories.ArticleFactory(slug="draft-news", status=Status.DRAFT)
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [element.findtext("s:loc", namespaces=SITEMAP_NS) for element in index.findall("s:sitemap", SITEMAP_NS)]
    article_pages = [section for section in sections if "/sitemap-article.xml" in section]
    assert len(article_pages) == 3  # 5 published articles, 2 a page
    lastmods = {
        element.findtext("s:loc", namespaces=SITEMAP_NS): element.findtext("s:lastmod", namespaces=SITEMAP_NS)
        for element in index.findall("s:sitemap", SITEMAP_NS)
    }
    latest = max(article.updated_at for article in articles)
    assert datetime.datetime.fromisoformat(lastmods[article_pages[0]]) == latest
    locations = sitemap_locations(client)
    assert {f"http://testserver/articles/news-{n}/" for n in range(5)} <= locations
    assert "http://testserver/articles/draft-news/" not in locations
    assert client.get("/sitemap-article.xml", {"p": "9"}).status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_robots_txt_and_the_calendar_answer_head_requests(client):
    assert client.head("/robots.txt").status_code == 200
    assert client.head("/summits/calendar.ics").status_code == 200


def test_favicon_ico_points_at_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".svg")


def test_the_membership_timeline_counts_each_kind_at_the_end_of_each_year():
    factories.MemberStateFactory(membership_since=datetime.date(2001, 6, 15))
    india = factories.MemberStateFactory(membership=Membership.OBSERVER, membership_since=datetime.date(2005, 7, 5))
    factories.MembershipChangeFactory(
        member_state=india, membership=Membership.MEMBER, changed_on=datetime.date(2017, 6, 9)
    )
    factories.MemberStateFactory(
        membership=Membership.DIALOGUE_PARTNER, membership_since=datetime.date(2013, 4, 26), status="draft"
    )
    timeline = membership_timeline(today=datetime.date(2024, 7, 4))
    by_year = {year["year"]: year["counts"] for year in timeline["years"]}
    # Members, SCO partners, observers, dialogue partners.
    assert by_year[2001] == [1, 0, 0, 0]
    assert by_year[2005] == [1, 0, 1, 0]
    assert by_year[2016] == [1, 0, 1, 0]
    assert by_year[2017] == [2, 0, 0, 0]
    assert by_year[2024] == [2, 0, 0, 0]  # the draft partner is not counted
    assert timeline["first_year"] == 2001 and timeline["last_year"] == 2024


def test_the_membership_timeline_counts_a_change_from_the_day_it_took_effect():
    turkiye = factories.MemberStateFactory(membership=Membership.GUEST, membership_since=datetime.date(2010, 1, 1))
    factories.MembershipChangeFactory(
        member_state=turkiye,
        membership=Membership.DIALOGUE_PARTNER,
        changed_on=datetime.date(2012, 6, 7),
        effective_on=datetime.date(2013, 4, 26),
    )
    factories.MembershipChangeFactory(
        member_state=turkiye, membership=Membership.PARTNER, changed_on=datetime.date(2025, 9, 1)
    )
    by_year = {y["year"]: y["counts"] for y in membership_timeline(today=datetime.date(2026, 1, 1))["years"]}
    assert by_year[2012] == [0, 0, 0, 0]  # decided, not yet in effect: still a guest, not charted
    assert by_year[2013] == [0, 0, 0, 1]
    assert by_year[2025] == [0, 1, 0, 0]


def test_the_membership_timeline_is_empty_without_history():
    assert membership_timeline(today=timezone.localdate()) is None


def reader_visible(element):
    """What a feed reader shows for an RSS element: its text, read as HTML.

    Returns (text, tags) where tags are the HTML elements the reader would build."""
    from html.parser import HTMLParser

    text, tags = [], []

    class Reader(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append(tag)

        def handle_data(self, data):
            text.append(data)

    reader = Reader(convert_charrefs=True)
    reader.feed(element.text or "")
    reader.close()
    return "".join(text), tags


def test_the_rss_feed_delivers_title_summary_and_authors_as_plain_text(client):
    hostile = '<img src=x onerror="alert(1)"> & <b>bold</b>'
    factories.ArticleFactory(
        slug="hostile", title=f"Title {hostile}", summary=f"Summary {hostile}", authors=f"Author {hostile}"
    )
    item = ET.fromstring(client.get("/articles/feed/").content).find("channel/item")
    author = item.find("{http://purl.org/dc/elements/1.1/}creator")
    for element, expected in (
        (item.find("title"), f"Title {hostile}"),
        (item.find("description"), f"Summary {hostile}"),
        (author, f"Author {hostile}"),
    ):
        text, tags = reader_visible(element)
        assert tags == [], element.tag
        assert text == expected, element.tag


def test_the_rss_feed_shows_an_ampersand_in_a_title_once(client):
    factories.ArticleFactory(title="Trade & investment")
    item = ET.fromstring(client.get("/articles/feed/").content).find("channel/item")
    assert reader_visible(item.find("title")) == ("Trade & investment", [])
