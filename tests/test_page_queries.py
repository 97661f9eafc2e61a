"""Each page runs a fixed number of SQL queries, whatever the number of
records it lists or links to."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.pages_data import (
    LIST_URLS,
    OTHER_URLS,
    build_world,
    link_both_ways,
    public_detail_urls,
    without_history,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def built_every_time(settings):
    """These tests count the queries of building a page, so no page comes from the cache."""
    settings.RESPONSE_CACHE_SECONDS = 0


@pytest.fixture
def world():
    return build_world()


@without_history
def add_related(world, count):
    """`count` more published records linked to the world's records in every direction."""
    for _ in range(count):
        image = factories.ImageFactory()
        state = factories.MemberStateFactory(organization=world.sco, flag=image)
        official = factories.OfficialFactory(member_state=world.kazakhstan, organization=world.sco, portrait=image)
        factories.AppointmentFactory(official=world.official, member_state=state)
        summit = factories.SummitFactory(
            host_state=world.kazakhstan, chair_state=state, organization=world.sco, photo=image
        )
        summit.participants.add(world.official, official)
        initiative = factories.InitiativeFactory(lead_state=world.kazakhstan, launched_at=world.summit)
        initiative.participating_states.add(world.kazakhstan, state)
        initiative.topics.add(world.topic)
        organization = factories.OrganizationFactory(parent=world.sco, emblem=image)
        article = factories.ArticleFactory(
            source=world.media, lead_image=image, body=f'<p>Text</p><img data-image="{image.pk}" alt="">'
        )
        link_both_ways(world, state, official, summit, initiative, organization, article)
        world.official.summits.add(summit)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_each_page_runs_the_same_number_of_queries_for_5_and_for_50_related_records(client, world):
    urls = LIST_URLS + OTHER_URLS + public_detail_urls(world)
    urls += ["/articles/?topic=ecology&member_state=kazakhstan", "/summits/?page=2", "/search/?q=summit&type=summits"]
    urls += ["/articles/?official=kassym-jomart-tokayev&summit=Astana Summit 2024", "/suggest/summits/?q=summit"]
    add_related(world, 5)
    few = {url: count_queries(client, url) for url in urls}
    add_related(world, 45)
    many = {url: count_queries(client, url) for url in urls}
    assert few == many


def test_a_detail_page_needs_few_queries(client, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(world.article.get_absolute_url())
    assert response.status_code == 200


def test_a_page_in_another_language_runs_as_many_queries_as_in_english(client, world):
    """Translated names and fallbacks to English are read with the records, not one by one."""
    urls = LIST_URLS + public_detail_urls(world) + ["/articles/feed/", "/summits/calendar.ics", "/about/", "/data/"]
    add_related(world, 5)
    # Some records translated, most not: both the translation and the fallback are read.
    type(world.kazakhstan).objects.filter(pk=world.kazakhstan.pk).update(name_ru="Казахстан")
    type(world.official).objects.filter(pk=world.official.pk).update(name_zh_hans="托卡耶夫")

    def warm_count_queries(url):
        # Asked twice: what is kept per language (a search's counts) is kept in each.
        client.get(url)
        return count_queries(client, url)

    english = {url: warm_count_queries(url) for url in urls}
    for prefix in ("/ru", "/zh"):
        assert {url: warm_count_queries(f"{prefix}{url}") for url in urls} == english, prefix
    add_related(world, 20)
    assert {url: warm_count_queries(f"/ru{url}") for url in urls} == english
