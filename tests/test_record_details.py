"""Dates with a precision, SCO partners and effective dates, appointments that
ended on an unknown day, summit participations, article copies and sources —
on the models, the pages, the API and the write service."""

import datetime

import pytest
from rest_framework.test import APIClient

from records import services
from records.dates import DatePrecision, PreciseDate
from records.models import Initiative, Membership, Source
from records.workflow import WorkflowDenied
from tests import factories
from tests.test_api_support import token_client

pytestmark = pytest.mark.django_db
day = datetime.date.fromisoformat


@pytest.mark.parametrize(
    ("text", "shown", "start", "end"),
    [
        ("2024-07-04", "4 July 2024", "2024-07-04", "2024-07-04"),
        ("2023-05", "May 2023", "2023-05-01", "2023-05-31"),
        ("2019", "2019", "2019-01-01", "2019-12-31"),
    ],
)
def test_a_precise_date_is_shown_and_bounded_at_its_precision(text, shown, start, end):
    value = PreciseDate.parse(text)
    assert (str(value), value.isoformat(), value.start, value.end) == (shown, text, day(start), day(end))


@pytest.mark.parametrize("text", ["2019-13", "2019-02-30", "19", "2019/05", "", "May 2019"])
def test_a_malformed_date_is_refused(text):
    with pytest.raises(ValueError):
        PreciseDate.parse(text)


def test_a_date_known_to_the_year_never_keeps_a_day():
    initiative = factories.InitiativeFactory(starts_on=day("2019-06-13"), starts_on_precision=DatePrecision.YEAR)
    assert initiative.starts_on == day("2019-01-01")


def test_the_api_writes_and_reads_dates_at_their_precision(publisher):
    client = token_client(publisher)
    body = {"slug": "base", "name": "Base", "starts_on": "2019", "ends_on": "2028-05"}
    response = client.post("/api/v1/initiatives/", body, format="json")
    assert response.status_code == 201, response.json()
    stored = Initiative.objects.get(slug="base")
    assert (stored.starts_on, stored.starts_on_precision) == (day("2019-01-01"), "year")
    assert (stored.ends_on, stored.ends_on_precision) == (day("2028-05-01"), "month")
    data = response.json()
    assert (data["starts_on"], data["starts_on_precision"], data["ends_on"]) == ("2019", "year", "2028-05")
    bad = client.patch("/api/v1/initiatives/base/", {"starts_on": "2019-13"}, format="json")
    assert bad.status_code == 400 and "starts_on" in bad.json()
    cleared = client.patch("/api/v1/initiatives/base/", {"starts_on": None}, format="json")
    assert cleared.status_code == 200 and cleared.json()["starts_on"] is None


def test_year_filters_find_dates_known_only_to_the_year_or_month(client):
    factories.InitiativeFactory(slug="yearly", starts_on=day("2019-01-01"), starts_on_precision="year")
    factories.ArticleFactory(
        slug="monthly", original_published_on=day("2020-11-01"), original_published_on_precision="month"
    )
    assert [r["slug"] for r in APIClient().get("/api/v1/initiatives/", {"year": 2019}).json()["results"]] == ["yearly"]
    assert [r["slug"] for r in APIClient().get("/api/v1/articles/", {"year": 2020}).json()["results"]] == ["monthly"]
    page = client.get("/articles/monthly/").content.decode()
    assert '<time datetime="2020-11">November 2020</time>' in page and "1 November 2020" not in page


def test_as_of_and_the_current_membership_follow_the_day_a_change_took_effect():
    state = factories.MemberStateFactory(
        slug="turkiye", membership=Membership.GUEST, membership_since=day("2010-01-01")
    )
    factories.MembershipChangeFactory(
        member_state=state, membership="dialogue_partner", changed_on=day("2012-06-07"), effective_on=day("2013-04-26")
    )
    state.refresh_from_db()
    assert (state.membership, state.membership_since) == ("dialogue_partner", day("2013-04-26"))
    api = APIClient()

    def as_of(on):
        return {r["slug"]: r["membership"] for r in api.get("/api/v1/member-states/", {"as_of": on}).json()["results"]}

    assert as_of("2012-12-31") == {"turkiye": "guest"}
    assert as_of("2013-04-26") == {"turkiye": "dialogue_partner"}
    factories.MembershipChangeFactory(member_state=state, membership=Membership.PARTNER, changed_on=day("2025-09-01"))
    assert api.get("/api/v1/member-states/", {"membership": "partner"}).json()["count"] == 1
    history = api.get("/api/v1/member-states/turkiye/").json()["membership_changes"]
    assert [(c["membership"], c["effective_on"]) for c in history] == [
        ("guest", None),
        ("dialogue_partner", "2013-04-26"),
        ("partner", None),
    ]


def test_an_appointment_that_ended_on_an_unknown_day_is_not_current(client):
    former = factories.OfficialFactory(slug="former", current_title="")
    factories.AppointmentFactory(official=former, ended_on=None, is_current=False)
    serving = factories.OfficialFactory(slug="serving")
    factories.AppointmentFactory(official=serving, ended_on=None)
    ended = factories.AppointmentFactory(ended_on=day("2021-12-31"), is_current=True)
    assert ended.is_current is False
    current = APIClient().get("/api/v1/officials/", {"current": "true"}).json()["results"]
    assert [r["slug"] for r in current] == ["serving"]
    assert "ended (date unknown)" in client.get("/officials/former/").content.decode()


def test_a_summit_lists_states_and_organizations_and_how_each_took_part(client, publisher):
    summit = factories.SummitFactory(slug="plus", title="SCO Plus")
    official = factories.OfficialFactory(slug="leader", name="Leader")
    factories.ParticipationFactory(summit=summit, member_state__name="Guestland", attendance="video")
    body = factories.OrganizationFactory(name="World Body")
    factories.ParticipationFactory(summit=summit, member_state=None, organization=body, role="organization")
    api = token_client(publisher)
    response = api.patch("/api/v1/summits/plus/", {"participants": ["leader"]}, format="json")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert [p["slug"] for p in data["participants"]] == ["leader"]
    rows = [(p["official"], (p["member_state"] or {}).get("name"), p["attendance"]) for p in data["participations"]]
    assert rows == [
        (None, "Guestland", "video"),
        (None, None, "in_person"),
        (data["participants"][0], None, "in_person"),
    ]
    page = client.get("/summits/plus/").content.decode()
    assert "Guestland" in page and "by video" in page and "World Body" in page and official.name in page
    # Rewriting the officials keeps the states and organizations listed.
    api.patch("/api/v1/summits/plus/", {"participants": []}, format="json")
    assert summit.participations.count() == 2


def test_an_article_names_the_copy_read_apart_from_the_outlet(client):
    factories.ArticleFactory(
        slug="copy",
        language="zh",
        text_language="en",
        republished_by="Shanghai Hotline",
        republished_on=day("2022-09-13"),
    )
    body = APIClient().get("/api/v1/articles/copy/").json()
    assert (body["language"], body["text_language"], body["republished_by"]) == ("zh", "en", "Shanghai Hotline")
    page = client.get("/articles/copy/").content.decode()
    assert "Shanghai Hotline" in page and "text read in English" in page


def test_sources_are_numbered_on_the_page_and_listed_in_the_api(client):
    article = factories.ArticleFactory(slug="seed", title="Seed article")
    state = factories.MemberStateFactory(slug="laos", name="Laos")
    first = factories.SourceFactory(title="Tianjin Declaration", published_on=day("2025-09-01"))
    second = factories.SourceFactory(
        title="Seed article", published_on=None, article=article, url="https://example.org/a"
    )
    state.sources.set([second, first])
    page = client.get("/member-states/laos/").content.decode()
    sources = page.split('id="sources"')[1]
    assert sources.index("Tianjin Declaration") < sources.index("Seed article")
    assert 'id="source-2"' in sources and '<a href="/articles/seed/">our summary</a>' in sources
    listed = APIClient().get("/api/v1/member-states/laos/").json()["sources"]
    assert [s["title"] for s in listed] == ["Tianjin Declaration", "Seed article"]
    assert listed[1]["article"]["slug"] == "seed" and listed[0]["published_on"] == "2025-09-01"


def test_a_hidden_article_is_not_linked_from_a_source(client):
    hidden = factories.ArticleFactory(slug="hidden", status="draft")
    state = factories.MemberStateFactory(slug="laos")
    state.sources.add(factories.SourceFactory(article=hidden))
    assert "/articles/hidden/" not in client.get("/member-states/laos/").content.decode()
    assert APIClient().get("/api/v1/member-states/laos/").json()["sources"][0]["article"] is None


def test_a_source_cited_by_a_live_record_changes_only_with_the_publish_permission(editor, publisher):
    source = factories.SourceFactory(title="Declaration")
    draft = factories.MemberStateFactory(status="draft")
    draft.sources.add(source)
    services.record_update(record=source, fields={"title": "Corrected"}, user=editor)
    live = factories.MemberStateFactory()
    live.sources.add(source)
    with pytest.raises(WorkflowDenied):
        services.record_update(record=Source.objects.get(pk=source.pk), fields={"title": "Changed"}, user=editor)
    services.record_update(record=Source.objects.get(pk=source.pk), fields={"title": "Changed"}, user=publisher)
    live.refresh_from_db()
    assert live.sources.get().title == "Changed"
