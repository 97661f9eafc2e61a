"""Search in Russian and Chinese: on the /ru/ and /zh/ pages and with the API's
`lang`, a record is found by its translation (Russian with stemming, Chinese by
its characters) as well as by its English text."""

import pytest
from django.db import connection
from django.utils import translation

from records.models import MemberState, Organization, Summit
from records.search import _postgres_matches, search_queryset
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    kazakhstan = factories.MemberStateFactory(
        name="Kazakhstan", name_en="Kazakhstan", name_ru="Казахстан", name_zh_hans="哈萨克斯坦", slug="kazakhstan"
    )
    factories.MemberStateFactory(
        name="Belarus", name_en="Belarus", name_ru="Беларусь", name_zh_hans="白俄罗斯", slug="belarus"
    )
    sco = factories.OrganizationFactory(
        name="Shanghai Cooperation Organization",
        name_en="Shanghai Cooperation Organization",
        name_ru="Шанхайская организация сотрудничества",
        name_zh_hans="上海合作组织",
        summary_zh_hans="上合组织是一个政府间国际组织。",
        slug="sco",
    )
    summit = factories.SummitFactory(
        title="Astana summit",
        title_en="Astana summit",
        title_ru="Саммит в Астане",
        title_zh_hans="阿斯塔纳峰会",
        slug="astana-summit",
    )
    return kazakhstan, sco, summit


def found(queryset, query, language):
    with translation.override(language):
        return list(search_queryset(queryset, query).values_list("slug", flat=True))


def test_a_record_is_found_by_its_translation_in_the_active_language(records):
    assert found(MemberState.objects.all(), "Казахстан", "ru") == ["kazakhstan"]
    assert found(MemberState.objects.all(), "哈萨克斯坦", "zh-hans") == ["kazakhstan"]
    assert found(Summit.objects.all(), "Астане", "ru") == ["astana-summit"]
    # English everywhere; a translation only in its language.
    assert found(MemberState.objects.all(), "Kazakhstan", "ru") == ["kazakhstan"]
    assert found(MemberState.objects.all(), "Казахстан", "en") == []


def test_case_is_ignored_in_russian(records):
    assert found(MemberState.objects.all(), "КАЗАХСТАН", "ru") == ["kazakhstan"]


@pytest.mark.postgres
def test_russian_is_stemmed(records):
    assert found(MemberState.objects.all(), "Казахстана", "ru") == ["kazakhstan"]
    assert found(Organization.objects.all(), "организации сотрудничества", "ru") == ["sco"]
    assert found(Summit.objects.all(), "Астаной", "ru") == ["astana-summit"]


@pytest.mark.postgres
def test_chinese_is_found_by_its_characters(records):
    assert found(MemberState.objects.all(), "哈萨克", "zh-hans") == ["kazakhstan"]
    assert found(Organization.objects.all(), "上合组织", "zh-hans") == ["sco"]
    assert found(Summit.objects.all(), "峰会", "zh-hans") == ["astana-summit"]
    assert found(Summit.objects.all(), "阿斯塔纳 峰会", "zh-hans") == ["astana-summit"]
    assert found(Summit.objects.all(), "阿斯塔纳 比什凯克", "zh-hans") == []


@pytest.mark.postgres
def test_the_translations_have_their_own_indexes(records):
    # With sequential and plain index scans off, a match can only be found through bitmaps of the GIN indexes.
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
    try:
        # The matching itself (search_queryset then ranks the matches it finds this way).
        with translation.override("ru"):
            russian = _postgres_matches(MemberState.objects.order_by(), "Казахстан").explain()
        with translation.override("zh-hans"):
            chinese = _postgres_matches(MemberState.objects.order_by(), "哈萨克").explain()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = on")
            cursor.execute("SET enable_indexscan = on")
    assert "memberstate_search_ru_gin" in russian
    assert "memberstate_search_zh_trgm" in chinese


def test_the_search_page_and_the_api_search_in_their_language(client, records):
    assert "/ru/member-states/kazakhstan/" in client.get("/ru/search/?q=Казахстан").content.decode()
    assert "/zh/member-states/kazakhstan/" in client.get("/zh/search/?q=哈萨克斯坦").content.decode()
    assert "kazakhstan" not in client.get("/search/?q=Казахстан").content.decode()
    slugs = [item["slug"] for item in client.get("/api/v1/member-states/?search=Казахстан&lang=ru").json()["results"]]
    assert slugs == ["kazakhstan"]
    response = client.get("/api/v1/member-states/?search=哈萨克斯坦", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert [item["slug"] for item in response.json()["results"]] == ["kazakhstan"]
