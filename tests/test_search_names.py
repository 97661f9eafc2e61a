"""Search offers what people type: topics and records named like the query above
the results, and "Did you mean …?" with the closest names (PostgreSQL trigram
similarity) when the words themselves find little."""

import pytest
from django.db import connection
from django.db.models import F, Q
from django.test.utils import CaptureQueriesContext

from records import search, statements
from records.models import Official, Status
from records.search import ContainsIgnoringCase, _closest_names, name_suggestions
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def names():
    ecology = factories.TopicFactory(name="Ecology", slug="ecology")
    for number in range(3):
        factories.ArticleFactory(title=f"Ecology forum {number}", summary="Green parks and ecology.")
    uzbekistan = factories.MemberStateFactory(name="Uzbekistan", slug="uzbekistan")
    # The official's name as the record spells it (fixtures/sco.json).
    mirziyoyev = factories.OfficialFactory(
        name="Shavkat Mirziyoyev", slug="shavkat-mirziyoyev", member_state=uzbekistan, current_title="President"
    )
    factories.OfficialFactory(name="Mirziyoev Draftname", slug="mirziyoev-draftname", status=Status.DRAFT)
    return {"ecology": ecology, "mirziyoyev": mirziyoyev}


def offered(response, key):
    return [offer["record"] for offer in response.context[key]]


def test_searching_a_topic_name_offers_the_topic_above_the_results(client, names):
    response = client.get("/search/?q=ecology")
    content = response.content.decode()
    assert names["ecology"] in offered(response, "name_offers")
    assert content.index('href="/topics/ecology/"') < content.index('id="results-articles"')


def test_a_name_found_by_its_letters_is_offered_on_every_database(client, names):
    response = client.get("/search/?q=mirziyoyev")
    assert names["mirziyoyev"] in offered(response, "did_you_mean") + offered(response, "name_offers")


@pytest.mark.postgres
def test_a_common_transliteration_finds_the_record_by_similarity(client, names):
    response = client.get("/search/?q=Mirziyoev")
    assert offered(response, "did_you_mean")[0] == names["mirziyoyev"]
    content = response.content.decode()
    assert "Did you mean" in content
    assert 'href="/officials/shavkat-mirziyoyev/">Shavkat Mirziyoyev</a>' in content


def test_drafts_are_never_offered_or_suggested(client, names):
    for query in ("Mirziyoev", "Draftname", "mirziyoev draftname"):
        response = client.get(f"/search/?q={query}")
        assert "/officials/mirziyoev-draftname/" not in response.content.decode()
    assert all(
        offer["record"].status == Status.PUBLISHED
        for offer in name_suggestions("Mirziyoev")
        if hasattr(offer["record"], "status")
    )


def test_short_queries_offer_no_names(client, names):
    assert name_suggestions("ec") == []


def test_a_query_with_no_similar_name_suggests_nothing(client, names):
    response = client.get("/search/?q=zzqxwv")
    assert response.context["did_you_mean"] == [] and response.context["name_offers"] == []
    assert "Did you mean" not in response.content.decode()


def test_name_suggestions_cost_the_same_queries_whatever_matches(client, names, settings):
    settings.RESPONSE_CACHE_SECONDS = 0
    factories.OfficialFactory(name="Ecology Officer")
    client.get("/search/?q=ecology")
    with CaptureQueriesContext(connection) as few:
        client.get("/search/?q=ecology")
    for number in range(10):
        factories.TopicFactory(name=f"Ecology {number}", slug=f"ecology-{number}")
        factories.OfficialFactory(name=f"Ecology Officer {number}")
    client.get("/search/?q=ecology")  # counts kept, as they were for the first
    with CaptureQueriesContext(connection) as many:
        client.get("/search/?q=ecology")
    assert len(many) == len(few)


@pytest.mark.postgres
def test_similar_names_are_found_through_the_trigram_index(names):
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
    try:
        # Both the similar words (`%>`) and the containing names (ILIKE) come from the index.
        condition = Q(name__trigram_word_similar="Mirziyoev") | Q(ContainsIgnoringCase(F("name"), "Mirziyoev"))
        plan = Official.objects.filter(condition).order_by().explain()
        assert [o.name for o in _closest_names(Official.objects.published(), "name", "Mirziyoev")[:3]] == [
            "Shavkat Mirziyoyev"
        ]
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = on")
    assert plan.count("Bitmap Index Scan on official_name_trgm") == 2
    assert "Index Cond: ((name)::text ~~* '%Mirziyoev%'::text)" in plan


@pytest.mark.postgres
def test_the_names_of_every_type_are_offered_from_one_query(names):
    with CaptureQueriesContext(connection) as queries:
        offers = name_suggestions("ecology")
    assert len(queries) == 1
    assert offers[0]["record"] == names["ecology"] and offers[0]["type"] == "topic"
    assert offers[0]["record"].get_absolute_url() == "/topics/ecology/"


@pytest.mark.postgres
def test_the_names_query_is_compiled_once_and_runs_with_each_searchs_words(names):
    name_suggestions("ecology")

    def refuse(*args, **kwargs):
        raise AssertionError("compiled again")

    statement = statements._statements[("names", "en", search.NAMES_PER_TYPE), 0]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "_closest_names", refuse)
        with CaptureQueriesContext(connection) as queries:
            offers = name_suggestions("Mirziyoev")
            percent = name_suggestions("Mirziy%ev")
    assert statements._statements[("names", "en", search.NAMES_PER_TYPE), 0] is statement
    assert [offer["record"] for offer in offers] == [names["mirziyoyev"]]  # the draft is not offered
    assert [offer["record"] for offer in percent] == [names["mirziyoyev"]]  # similar, though it contains no "%"
    # The query's "%" is a letter of the ILIKE pattern, not a wildcard.
    assert len(queries) == 2 and "E'%Mirziy\\\\%ev%'" in queries[1]["sql"]
