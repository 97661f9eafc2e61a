"""The list parameters of SPEC §5 in the API: every filter, search and
ordering, and bad values for each (400, never 500, NUL bytes included)."""

import datetime

import pytest
from rest_framework.test import APIClient

from records.models import Appointment
from tests import factories
from tests.test_api_support import results

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def listed(api, endpoint, **params):
    return sorted(results(api.get(f"/api/v1/{endpoint}/", params)))


def test_article_filters(api):
    kazakhstan = factories.MemberStateFactory(slug="kazakhstan")
    ecology = factories.TopicFactory(slug="ecology")
    xinhua = factories.MediaFactory(slug="xinhua")
    official = factories.OfficialFactory(slug="tokayev")
    summit = factories.SummitFactory(slug="astana-2024")
    initiative = factories.InitiativeFactory(slug="green-belt")
    sco = factories.OrganizationFactory(slug="sco")
    match = factories.ArticleFactory(
        slug="match", source=xinhua, language="zh", original_published_on=datetime.date(2024, 6, 1)
    )
    for relation, record in [
        ("member_states", kazakhstan),
        ("topics", ecology),
        ("officials", official),
        ("summits", summit),
        ("initiatives", initiative),
        ("organizations", sco),
    ]:
        getattr(match, relation).add(record)
    factories.ArticleFactory(slug="other", original_published_on=datetime.date(2023, 1, 1))
    for param, value in [
        ("member_state", "kazakhstan"),
        ("topic", "ecology"),
        ("source", "xinhua"),
        ("official", "tokayev"),
        ("summit", "astana-2024"),
        ("initiative", "green-belt"),
        ("organization", "sco"),
        ("year", "2024"),
        ("published_after", "2024-01-01"),
        ("language", "zh"),
    ]:
        assert listed(api, "articles", **{param: value}) == ["match"], param
    assert listed(api, "articles", published_before="2023-12-31") == ["other"]
    assert listed(api, "articles", member_state="kazakhstan", topic="ecology", published_after="2024-01-01") == [
        "match"
    ]


def test_slug_filters_accept_comma_separated_values(api):
    china, india = factories.MemberStateFactory(slug="china"), factories.MemberStateFactory(slug="india")
    factories.OfficialFactory(slug="xi", member_state=china)
    factories.OfficialFactory(slug="modi", member_state=india)
    factories.OfficialFactory(slug="nobody")
    assert listed(api, "officials", member_state="china,india") == ["modi", "xi"]
    assert listed(api, "officials", member_state="china, unknown-state") == ["xi"]


def test_summit_filters(api):
    kazakhstan = factories.MemberStateFactory(slug="kazakhstan")
    factories.SummitFactory(
        slug="astana",
        council="heads_of_state",
        format="in_person",
        host_state=kazakhstan,
        chair_state=kazakhstan,
        starts_on=datetime.date(2024, 7, 3),
    )
    factories.SummitFactory(
        slug="video", council="foreign_ministers", format="video", starts_on=datetime.date(2020, 11, 10), ends_on=None
    )
    for param, value in [
        ("council", "heads_of_state"),
        ("format", "in_person"),
        ("host_state", "kazakhstan"),
        ("chair_state", "kazakhstan"),
        ("year", "2024"),
    ]:
        assert listed(api, "summits", **{param: value}) == ["astana"], param
    assert listed(api, "summits", council="heads_of_state", year="2024", host_state="kazakhstan") == ["astana"]


def test_member_state_filters(api):
    factories.MemberStateFactory(slug="china", founding_member=True)
    factories.MemberStateFactory(slug="mongolia", membership="observer")
    assert listed(api, "member-states", membership="observer") == ["mongolia"]
    assert listed(api, "member-states", founding_member="true") == ["china"]
    assert listed(api, "member-states", founding_member="false") == ["mongolia"]


def test_official_filters(api):
    china = factories.MemberStateFactory(slug="china")
    secretariat = factories.OrganizationFactory(slug="sco-secretariat")
    serving = factories.OfficialFactory(slug="serving", member_state=china)
    former = factories.OfficialFactory(slug="former", organization=secretariat)
    factories.AppointmentFactory(official=serving, member_state=china, ended_on=None)
    Appointment.objects.create(
        official=former, title="Secretary-General", organization=secretariat, ended_on=datetime.date(2021, 12, 31)
    )
    assert listed(api, "officials", member_state="china") == ["serving"]
    assert listed(api, "officials", organization="sco-secretariat") == ["former"]
    assert listed(api, "officials", current="true") == ["serving"]
    assert listed(api, "officials", current="false") == ["former"]


def test_initiative_filters(api):
    china, russia = factories.MemberStateFactory(slug="china"), factories.MemberStateFactory(slug="russia")
    ecology = factories.TopicFactory(slug="ecology")
    summit = factories.SummitFactory(slug="astana-2024")
    year = factories.InitiativeFactory(
        slug="year-of-ecology",
        kind="declared_year",
        stage="in_progress",
        lead_state=china,
        launched_at=summit,
        starts_on=datetime.date(2024, 1, 1),
    )
    year.topics.add(ecology)
    zone = factories.InitiativeFactory(
        slug="zone", kind="demonstration_zone", stage="adopted", starts_on=datetime.date(2018, 6, 1)
    )
    zone.participating_states.add(russia)
    for param, value in [
        ("kind", "declared_year"),
        ("stage", "in_progress"),
        ("lead_state", "china"),
        ("member_state", "china"),
        ("topic", "ecology"),
        ("launched_at", "astana-2024"),
        ("year", "2024"),
    ]:
        assert listed(api, "initiatives", **{param: value}) == ["year-of-ecology"], param
    assert listed(api, "initiatives", member_state="russia") == ["zone"]
    assert listed(api, "initiatives", stage="in_progress", kind="declared_year") == ["year-of-ecology"]


def test_organization_filters(api):
    sco = factories.OrganizationFactory(slug="sco", kind="intergovernmental")
    factories.OrganizationFactory(slug="rats", kind="permanent_body", parent=sco)
    assert listed(api, "organizations", kind="permanent_body") == ["rats"]
    assert listed(api, "organizations", parent="sco") == ["rats"]


@pytest.mark.parametrize("endpoint", ["organizations", "member-states", "summits", "officials", "articles"])
def test_search_finds_records_by_their_words(api, endpoint):
    factory = {
        "organizations": factories.OrganizationFactory,
        "member-states": factories.MemberStateFactory,
        "summits": factories.SummitFactory,
        "officials": factories.OfficialFactory,
        "articles": factories.ArticleFactory,
    }[endpoint]
    factory(slug="found", summary="Talks on the Caspian pipeline")
    factory(slug="missed", summary="Something else")
    assert listed(api, endpoint, search="caspian PIPELINE") == ["found"]


def test_search_on_initiatives_and_topics(api):
    factories.InitiativeFactory(slug="green", name="Green Belt Programme")
    factories.TopicFactory(slug="ecology", name="Ecology")
    factories.TopicFactory(slug="sport", name="Sport")
    assert listed(api, "initiatives", search="green belt") == ["green"]
    assert listed(api, "topics", search="eco") == ["ecology"]


def test_ordering_by_allowed_fields(api):
    factories.SummitFactory(slug="b", title="Beta", starts_on=datetime.date(2020, 1, 1), ends_on=None)
    factories.SummitFactory(slug="a", title="Alpha", starts_on=datetime.date(2022, 1, 1), ends_on=None)
    factories.SummitFactory(slug="c", title="Gamma", starts_on=datetime.date(2021, 1, 1), ends_on=None)
    assert results(api.get("/api/v1/summits/", {"ordering": "title"})) == ["a", "b", "c"]
    assert results(api.get("/api/v1/summits/", {"ordering": "-starts_on"})) == ["a", "c", "b"]
    assert results(api.get("/api/v1/summits/", {"ordering": "starts_on,title"})) == ["b", "c", "a"]
    assert results(api.get("/api/v1/summits/")) == ["a", "c", "b"]  # model default: newest first


BAD_PARAMETERS = [
    ("articles", "topic", "Not A Slug"),
    ("articles", "year", "notayear"),
    ("articles", "year", "99999"),
    ("articles", "published_after", "2024-02-30"),
    ("articles", "published_before", "soon"),
    ("articles", "language", "a-very-long-language-code"),
    ("articles", "member_state", "kazakhstan\x00"),
    ("articles", "language", "en\x00"),
    ("summits", "council", "emperors"),
    ("summits", "format", "telepathy"),
    ("summits", "host_state", "../etc"),
    ("member-states", "membership", "overlord"),
    ("member-states", "founding_member", "perhaps"),
    ("officials", "current", "sometimes"),
    ("initiatives", "kind", "\x00"),
    ("initiatives", "stage", "finished"),
    ("initiatives", "member_state", "CHINA"),
    ("organizations", "kind", "club"),
    ("organizations", "parent", "a,,b c"),
    ("summits", "status", "hidden"),
    ("summits", "updated_since", "2024-99-01"),
    ("summits", "ordering", "password"),
    ("summits", "ordering", "title,-secret"),
    ("summits", "ordering", "title\x00"),
    ("summits", "search", "astana\x00"),
    ("summits", "search", "x" * 201),
    ("topics", "ordering", "id"),
    ("topics", "search", "\x00"),
]


@pytest.mark.parametrize(("endpoint", "param", "value"), BAD_PARAMETERS)
def test_bad_parameter_values_are_a_400_with_the_parameter_named(api, endpoint, param, value):
    response = api.get(f"/api/v1/{endpoint}/", {param: value})
    assert response.status_code == 400, response.content
    assert param in response.json()


def test_a_nul_byte_in_a_parameter_name_is_a_400(api):
    response = api.get("/api/v1/summits/?sea%00rch=x")
    assert response.status_code == 400
