"""Linked records on record pages: compact lists with their public counts, the
first ten, and a link to the list page filtered on the record when there are
more; the summit timeline a row per year; "last updated" and sources on every
record page."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from records.models import MemberState, Status
from records.registry import RECORD_TYPES, TOPIC, record_type, related_model
from records.related_pages import SHOWN, page_lists
from records.statements import as_datetime
from tests import factories
from tests.pages_data import HIDDEN_MARK, build_world, without_history

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def built_every_time(settings):
    """Pages are built for each request (no response cache), so that counts and queries are the page's own."""
    settings.RESPONSE_CACHE_SECONDS = 0


def section(content, section_id):
    """The HTML of the related list `section_id` of a page."""
    match = re.search(
        rf'<section class="related related--compact[^"]*" aria-labelledby="{section_id}">(.*?)</section>', content, re.S
    )
    assert match, f"no section {section_id}"
    return match.group(1)


def links_in(html):
    return re.findall(r'<li><a href="([^"]+)">', html)


def result_count(client, url):
    """The count a list page states for its results ("12 articles match")."""
    content = client.get(url).content.decode()
    match = re.search(r'<h2 id="results-heading" class="results__count">(\d+) ', content)
    assert match, url
    return int(match.group(1))


@without_history
def state_with_articles(count, drafts=0, slug="kazakhstan"):
    state = factories.MemberStateFactory(name="Kazakhstan", slug=slug)
    media = factories.MediaFactory()
    for number in range(count):
        article = factories.ArticleFactory(
            title=f"Report {number:02d}",
            source=media,
            original_published_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
        )
        article.member_states.add(state)
    for number in range(drafts):
        article = factories.ArticleFactory(title=f"Xyzzy draft {number}", source=media, status=Status.DRAFT)
        article.member_states.add(state)
    return state


def test_a_long_list_shows_its_public_count_the_first_ten_and_a_link_to_all(client):
    state = state_with_articles(12, drafts=2)
    content = client.get(state.get_absolute_url()).content.decode()
    reported = section(content, "articles")
    assert 'Reported in <span class="count">(12)</span>' in reported
    links = links_in(reported)
    assert len(links) == SHOWN
    # Newest first, as the articles list orders them: the two oldest are left for the full list.
    assert "Report 11" in reported and "Report 02" in reported and "Report 01" not in reported
    assert HIDDEN_MARK not in content.lower()
    assert '<a href="/articles/?member_state=kazakhstan">All 12 articles →</a>' in reported
    assert result_count(client, "/articles/?member_state=kazakhstan") == 12


def test_a_row_is_a_plain_link_with_a_date_not_a_card(client):
    state = state_with_articles(1)
    reported = section(client.get(state.get_absolute_url()).content.decode(), "articles")
    assert '<ul class="compact-list">' in reported and "card" not in reported
    assert re.search(r'<a href="/articles/article-\d+/">Report 00</a>', reported)
    assert '<time datetime="2024-01-01">1 January 2024</time>' in reported


def test_a_short_list_has_no_link_to_all(client):
    state = state_with_articles(3, drafts=1)
    reported = section(client.get(state.get_absolute_url()).content.decode(), "articles")
    assert 'Reported in <span class="count">(3)</span>' in reported
    assert len(links_in(reported)) == 3
    assert "All 3" not in reported and "?member_state=" not in reported


@without_history
def test_a_long_list_no_list_page_can_filter_says_it_shows_the_first_ten(client):
    official = factories.OfficialFactory(slug="envoy")
    for number in range(12):
        factories.SummitFactory(title=f"Meeting {number:02d}").participants.add(official)
    attended = section(client.get(official.get_absolute_url()).content.decode(), "summits")
    assert 'Summits attended <span class="count">(12)</span>' in attended
    assert len(links_in(attended)) == SHOWN
    assert "The first 10 of 12." in attended and "All 12" not in attended


def test_a_list_with_only_unpublished_records_is_left_out_and_reported_in_says_none(client):
    state = state_with_articles(0, drafts=2)
    factories.SummitFactory(title="Xyzzy summit", host_state=state, status=Status.DRAFT)
    content = client.get(state.get_absolute_url()).content.decode()
    assert "Summits hosted" not in content
    assert 'Reported in <span class="count">(0)</span>' in content
    assert "No article in the record reports on this yet." in content


def test_staff_see_the_public_lists(client):
    state = state_with_articles(2, drafts=1)
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    content = client.get(state.get_absolute_url()).content.decode()
    assert 'Reported in <span class="count">(2)</span>' in content and HIDDEN_MARK not in content.lower()


def test_the_lists_as_staff_see_them_count_unpublished_records_too():
    """Built for one user rather than from the public's statement: the same lists, with what staff may see."""
    state = state_with_articles(11, drafts=2)
    entry = record_type(MemberState)
    staff = factories.UserFactory(is_superuser=True, is_staff=True)
    public = entry.related_page_values(state, limits={"articles": SHOWN})
    seen = entry.related_page_values(state, staff, limits={"articles": SHOWN})
    assert public["articles"][0] == 11 and seen["articles"][0] == 13
    assert len(public["articles"][1]) == len(seen["articles"][1]) == SHOWN
    assert public["articles"][1][0][1] == "Report 10"
    assert {row[1] for row in seen["articles"][1][:2]} == {"Xyzzy draft 0", "Xyzzy draft 1"}  # the newest
    assert public["officials"] == seen["officials"] == (0, [])


def every_list_with_a_filter(world):
    """(record, RecordType, RelatedList) of the world's records, for each list a list page can filter."""
    records = [world.article, world.summit, world.kazakhstan, world.official, world.initiative, world.sco]
    records += [world.media, world.topic]
    by_model = {entry.model: entry for entry in (*RECORD_TYPES, TOPIC)}
    for record in records:
        entry = by_model[type(record)]
        for item in entry.related:
            if item.list_filter:
                yield record, entry, item


def test_each_filter_link_lists_exactly_the_records_counted(client):
    world = build_world()
    checked = set()
    for record, entry, item in every_list_with_a_filter(world):
        (listed,) = [found for found in page_lists(entry, record)[0] if found.name == item.name]
        model = related_model(entry.model, item.name)
        url = f"{reverse(f'{model._meta.model_name}-list')}?{item.list_filter}={record.slug}"
        assert result_count(client, url) == listed.count, (record, item.name)
        checked.add((entry.model, item.name))
    # Every list that names a filter was checked, and most of them count something.
    named = {(entry.model, item.name) for entry in (*RECORD_TYPES, TOPIC) for item in entry.related if item.list_filter}
    assert checked == named


def test_every_list_the_api_carries_gives_the_same_records_on_the_page(client):
    """The page's lists are the API's lists, first ten of them."""
    world = build_world()
    for record in (world.article, world.kazakhstan):
        entry = record_type(type(record))
        api = client.get(f"/api/v1/{entry.prefix}/{record.slug}/").json()
        for listed in page_lists(entry, record)[0]:
            assert [row.slug for row in listed.rows] == [value["slug"] for value in api[listed.name]][:SHOWN]
            assert listed.count == len(api[listed.name])


# --- a fixed number of queries -----------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_a_member_state_page_runs_as_many_queries_for_3_as_for_40_articles(client, django_assert_num_queries):
    few = state_with_articles(3, slug="few")
    many = state_with_articles(40, slug="many")
    expected = count_queries(client, few.get_absolute_url())
    with django_assert_num_queries(expected):
        response = client.get(many.get_absolute_url())
    assert "All 40 articles →" in response.content.decode()


@without_history
def test_an_article_page_runs_as_many_queries_for_3_as_for_40_linked_records(client, django_assert_num_queries):
    media = factories.MediaFactory()
    few = factories.ArticleFactory(source=media)
    many = factories.ArticleFactory(source=media)
    for article, count in ((few, 3), (many, 40)):
        for _ in range(count):
            article.officials.add(factories.OfficialFactory())
            article.topics.add(factories.TopicFactory())
        article.summits.add(*(factories.SummitFactory() for _ in range(count)))
    expected = count_queries(client, few.get_absolute_url())
    with django_assert_num_queries(expected):
        response = client.get(many.get_absolute_url())
    content = response.content.decode()
    assert 'Officials mentioned <span class="count">(40)</span>' in content
    assert len(links_in(section(content, "officials"))) == SHOWN


@without_history
def test_a_topic_page_runs_as_many_queries_for_3_as_for_40_articles(client, django_assert_num_queries):
    media = factories.MediaFactory()
    few, many = factories.TopicFactory(slug="few"), factories.TopicFactory(slug="many")
    for topic, count in ((few, 3), (many, 40)):
        for _ in range(count):
            factories.ArticleFactory(source=media).topics.add(topic)
    expected = count_queries(client, few.get_absolute_url())
    with django_assert_num_queries(expected):
        response = client.get(many.get_absolute_url())
    content = response.content.decode()
    assert '<a href="/articles/?topic=many">All 40 articles →</a>' in content
    assert len(links_in(section(content, "articles"))) == SHOWN
    assert result_count(client, "/articles/?topic=many") == 40


# --- the summit timeline ---------------------------------------------------------------------------


def test_the_summit_list_is_a_row_per_year_with_a_line_per_meeting(client):
    for title, starts_on, city in (
        ("Astana 2024", datetime.date(2024, 7, 3), "Astana"),
        ("Ministers 2024", datetime.date(2024, 5, 20), "Almaty"),
        ("Samarkand 2022", datetime.date(2022, 9, 15), "Samarkand"),
        ("Video summit 2020", datetime.date(2020, 11, 10), ""),
    ):
        factories.SummitFactory(title=title, starts_on=starts_on, ends_on=None, city=city, format="video")
    factories.SummitFactory(title="Xyzzy summit", starts_on=datetime.date(2021, 6, 1), status=Status.DRAFT)
    content = client.get("/summits/").content.decode()
    years = re.findall(
        r'<li class="summit-timeline__year">\s*<h3 class="summit-timeline__label" id="year-(\d+)">', content
    )
    assert years == ["2024", "2022", "2020"]
    assert content.count('<li class="summit-row">') == 4
    assert 'class="card' not in content
    row = re.search(r'<li class="summit-row">(.*?)</li>', content, re.S).group(1)
    assert ">Astana 2024</a>" in row and "<span>Astana</span>" in row
    assert '<time datetime="2024-07-03">3 July 2024</time>' in row and "<span>Video conference</span>" in row


def test_summits_hosted_on_a_state_page_are_a_compact_list(client):
    state = factories.MemberStateFactory(slug="kazakhstan")
    factories.SummitFactory(title="Astana 2024", city="Astana", host_state=state, starts_on=datetime.date(2024, 7, 3))
    hosted = section(client.get(state.get_absolute_url()).content.decode(), "summits-hosted")
    assert '<ul class="compact-list">' in hosted
    assert '<time datetime="2024-07-03">3 July 2024</time> · Astana' in hosted


# --- last updated and sources ------------------------------------------------------------------------


def test_every_record_page_says_when_it_was_last_updated_and_lists_its_sources(client):
    world = build_world()
    for record in (world.article, world.summit, world.kazakhstan, world.official, world.initiative, world.sco):
        record.refresh_from_db()
        content = client.get(record.get_absolute_url()).content.decode()
        day = timezone.localtime(record.updated_at).date()
        assert f'<dt>Last updated</dt><dd><time datetime="{day.isoformat()}">' in content, record
        assert '<h2 id="sources">Sources</h2>' in content, record
        for source in record.sources.all():
            assert source.title in content
    world.topic.refresh_from_db()
    content = client.get(world.topic.get_absolute_url()).content.decode()
    assert f'Last updated <time datetime="{timezone.localtime(world.topic.updated_at).date().isoformat()}">' in content


def test_an_article_page_names_its_topics_as_links(client):
    world = build_world()
    content = client.get(world.article.get_absolute_url()).content.decode()
    assert '<dt>Topics</dt><dd><ul class="inline-list"><li><a href="/topics/ecology/">Ecology</a></li></ul>' in content


def test_a_time_read_from_a_statement_is_aware_however_the_database_gives_it():
    """SQLite gives a plain column's time as a naive datetime, an expression's as text; both are UTC."""
    expected = datetime.datetime(2024, 7, 3, 10, 30, tzinfo=datetime.UTC)
    assert as_datetime(datetime.datetime(2024, 7, 3, 10, 30)) == expected
    assert as_datetime("2024-07-03 10:30:00") == expected
    assert as_datetime(expected) == expected and as_datetime(None) is None


def test_a_page_citing_a_scheduled_article_does_not_name_it(client):
    """The source is listed; the article it is, not yet public, is not linked ("our summary")."""
    state = factories.MemberStateFactory(slug="kazakhstan")
    later = timezone.now() + datetime.timedelta(days=2)
    article = factories.ArticleFactory(title="Xyzzy later", status=Status.PUBLISHED, publish_at=later)
    state.sources.add(factories.SourceFactory(title="Astana Declaration", article=article))
    content = client.get(state.get_absolute_url()).content.decode()
    assert "Astana Declaration" in content and "our summary" not in content
