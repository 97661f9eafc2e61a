"""The SCO data set completed to 2026: one test per fact the record was audited for.

Summits and their hosts and chairs, the heads-of-government meetings, when each
dialogue partner's status took effect, the SCO Plus guests, the bodies and
titles the seeds name, and the sources behind them. Like tests/test_dataset.py,
the fixture is loaded once for the module and rolled back afterwards.
"""

import datetime

import pytest

from records.dates import PreciseDate
from records.models import (
    Article,
    Initiative,
    MembershipChange,
    MemberState,
    Organization,
    Participation,
    Source,
    Summit,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dataset")]

day = datetime.date.fromisoformat


def membership_on(state_slug, on):
    change = (
        MembershipChange.objects.filter(member_state__slug=state_slug)
        .latest_first()
        .filter(effective_date__lte=on)
        .first()
    )
    return change.membership if change else None


def precise(record, field):
    value = PreciseDate.of(record, field)
    return str(value) if value else None


# ---------------------------------------------------------------- summits

# number: (city, host, chair, first day, last day); the chair is the state
# that held the rotating chairmanship, which in 2003 was not the host.
HEADS_OF_STATE_2001_2017 = {
    1: ("Shanghai", "china", "china", "2001-06-14", "2001-06-15"),
    2: ("Saint Petersburg", "russia", "russia", "2002-06-07", None),
    3: ("Moscow", "russia", "kazakhstan", "2003-05-29", None),
    4: ("Tashkent", "uzbekistan", "uzbekistan", "2004-06-17", None),
    5: ("Astana", "kazakhstan", "kazakhstan", "2005-07-05", None),
    6: ("Shanghai", "china", "china", "2006-06-15", None),
    7: ("Bishkek", "kyrgyzstan", "kyrgyzstan", "2007-08-16", None),
    8: ("Dushanbe", "tajikistan", "tajikistan", "2008-08-28", None),
    9: ("Yekaterinburg", "russia", "russia", "2009-06-15", "2009-06-16"),
    10: ("Tashkent", "uzbekistan", "uzbekistan", "2010-06-10", "2010-06-11"),
    11: ("Astana", "kazakhstan", "kazakhstan", "2011-06-14", "2011-06-15"),
    12: ("Beijing", "china", "china", "2012-06-06", "2012-06-07"),
    13: ("Bishkek", "kyrgyzstan", "kyrgyzstan", "2013-09-13", None),
    14: ("Dushanbe", "tajikistan", "tajikistan", "2014-09-11", "2014-09-12"),
    15: ("Ufa", "russia", "russia", "2015-07-09", "2015-07-10"),
    16: ("Tashkent", "uzbekistan", "uzbekistan", "2016-06-23", "2016-06-24"),
    17: ("Astana", "kazakhstan", "kazakhstan", "2017-06-08", "2017-06-09"),
}


@pytest.mark.parametrize(("number", "expected"), HEADS_OF_STATE_2001_2017.items())
def test_heads_of_state_summits_from_shanghai_to_astana_2017(number, expected):
    summit = Summit.objects.get(council="heads_of_state", number=number)
    city, host, chair, starts, ends = expected
    assert (summit.city, summit.host_state.slug, summit.chair_state.slug) == (city, host, chair)
    assert (summit.starts_on, summit.ends_on) == (day(starts), day(ends) if ends else None)
    assert summit.sources.exists()


def test_the_moscow_summit_of_29_may_2003_was_chaired_by_kazakhstan():
    moscow = Summit.objects.get(slug="2003-moscow-heads-of-state")
    assert moscow.starts_on == day("2003-05-29")
    assert "Nazarbayev" in moscow.summary and "under Russia's chairmanship" not in moscow.summary
    assert "Zhang Deguang" in moscow.description
    declaration = moscow.sources.get(title__startswith="Declaration of the Heads of Member States of the SCO, Moscow")
    assert declaration.published_on == day("2003-05-29") and declaration.url.startswith("http://en.special.kremlin.ru")


HEADS_OF_GOVERNMENT = [
    (22, "Bishkek", "kyrgyzstan", "2023-10-26", None),
    (23, "Islamabad", "pakistan", "2024-10-15", "2024-10-16"),
    (24, "Moscow", "russia", "2025-11-17", "2025-11-18"),
]


def test_the_heads_of_government_meetings_of_2023_2024_and_2025():
    meetings = Summit.objects.filter(council="heads_of_government").order_by("starts_on")
    assert [(m.number, m.city, m.chair_state.slug, m.starts_on, m.ends_on) for m in meetings] == [
        (n, city, chair, day(starts), day(ends) if ends else None)
        for n, city, chair, starts, ends in HEADS_OF_GOVERNMENT
    ]
    moscow = meetings.get(number=24)
    assert moscow.slug == "2025-moscow-heads-of-government" and moscow.host_state.slug == "russia"
    taking_part = moscow.participations.all()
    assert taking_part.get(role="sco_body").official.slug == "nurlan-yermekbayev"
    assert set(taking_part.filter(role="partner").values_list("member_state__slug", flat=True)) == {
        "mongolia",
        "qatar",
        "bahrain",
        "egypt",
        "kuwait",
    }
    assert set(taking_part.filter(role="organization").values_list("organization__slug", flat=True)) == {
        "cis",
        "eaeu",
        "cica",
    }
    assert moscow.sources.filter(title__startswith="Joint communiqué of the 24th meeting").exists()


def test_kyrgyzstan_chairs_after_tianjin_as_the_moscow_communique_confirms():
    kyrgyzstan = MemberState.objects.get(slug="kyrgyzstan")
    assert "2025–2026" in kyrgyzstan.summary
    assert kyrgyzstan.sources.filter(title__startswith="Joint communiqué of the 24th meeting").exists()
    assert (
        "Kyrgyzstan's chairmanship of the organization for 2025–2026"
        in Summit.objects.get(slug="2025-moscow-heads-of-government").description
    )
    tianjin = Summit.objects.get(slug="2025-tianjin-heads-of-state")
    assert "2026 in Kyrgyzstan" in tianjin.description and "named Bishkek" in tianjin.description
    assert tianjin.sources.filter(publisher="The Astana Times", published_on=day("2025-09-02")).exists()


# ---------------------------------------------------------------- membership and its effective dates

# When each dialogue partner's memorandum was signed: the day it took effect.
MEMORANDA = {
    "turkiye": ("2013-04-26", "day"),
    "belarus": ("2010-04", "month"),
    "cambodia": ("2015-09-24", "day"),
    "azerbaijan": ("2016-03-14", "day"),
    "nepal": ("2016-03-22", "day"),
    "armenia": ("2016-04-16", "day"),
    "egypt": ("2022-09-14", "day"),
    "qatar": ("2022-09-14", "day"),
    "united-arab-emirates": ("2023-05", "month"),
    "kuwait": ("2023-05", "month"),
    "maldives": ("2023-05", "month"),
    "myanmar": ("2023-05", "month"),
}


@pytest.mark.parametrize(("slug", "effective"), MEMORANDA.items())
def test_dialogue_partner_status_took_effect_with_the_memorandum(slug, effective):
    change = MembershipChange.objects.get(member_state__slug=slug, membership="dialogue_partner")
    taken = PreciseDate.of(change, "effective_on")
    assert (taken.isoformat(), change.effective_on_precision) == effective
    assert change.changed_on < taken.start
    assert membership_on(slug, taken.start - datetime.timedelta(days=1)) is None
    assert membership_on(slug, taken.start) == "dialogue_partner"


def test_partners_whose_memorandum_date_is_not_known_count_from_the_decision():
    for slug in ("sri-lanka", "saudi-arabia", "bahrain"):
        change = MembershipChange.objects.get(member_state__slug=slug, membership="dialogue_partner")
        assert change.effective_on is None
        assert membership_on(slug, change.changed_on) == "dialogue_partner"


def test_the_api_answers_as_of_with_the_memoranda_dates(client):
    def as_of(on):
        body = client.get("/api/v1/member-states/", {"as_of": on, "page_size": 100, "fields": "slug,membership"}).json()
        return {row["slug"]: row["membership"] for row in body["results"]}

    assert "armenia" not in as_of("2016-04-15")
    assert as_of("2016-04-16")["armenia"] == "dialogue_partner"
    assert "nepal" not in as_of("2016-03-21") and as_of("2016-03-22")["nepal"] == "dialogue_partner"
    assert "kuwait" not in as_of("2023-04-30") and as_of("2023-05-01")["kuwait"] == "dialogue_partner"
    assert as_of("2025-09-01")["kuwait"] == "partner"


def test_laos_was_granted_dialogue_partner_status_on_the_day_the_statuses_merged():
    laos = MemberState.objects.get(slug="laos")
    assert "dialogue-partner status" in laos.summary and "admitted directly" not in laos.summary
    change = laos.membership_changes.get()
    assert (change.membership, change.summit.slug) == ("partner", "2025-tianjin-heads-of-state")
    assert laos.sources.filter(publisher="24.kg", published_on=day("2025-09-01")).exists()


# ---------------------------------------------------------------- SCO Plus and guests


def test_the_tianjin_sco_plus_meeting_lists_partners_guests_and_the_members_representatives():
    plus = Participation.objects.filter(summit__slug="2025-tianjin-sco-plus")
    partners = set(plus.filter(role="partner").values_list("member_state__slug", flat=True))
    assert partners == {
        "turkiye",
        "azerbaijan",
        "armenia",
        "mongolia",
        "nepal",
        "myanmar",
        "cambodia",
        "laos",
        "maldives",
        "egypt",
    }
    assert set(plus.filter(role="guest").values_list("member_state__slug", flat=True)) == {"turkmenistan"}
    members = set(plus.filter(role="member").values_list("member_state__slug", flat=True))
    assert members == {"china", "russia", "belarus", "kazakhstan", "uzbekistan", "tajikistan", "iran"} | {
        "kyrgyzstan",
        "pakistan",
        "india",
    }
    assert "delegation" in plus.get(member_state__slug="india").note
    assert plus.get(official__slug="antonio-guterres").attendance == "in_person"
    meeting = Summit.objects.get(slug="2025-tianjin-sco-plus")
    assert "Vietnam" in meeting.description and "Malaysia" in meeting.description
    assert "Prabowo" in meeting.description and meeting.sources.filter(publisher="The Jakarta Post").exists()


def test_the_un_secretary_generals_2020_video_message_has_its_un_source():
    summit = Summit.objects.get(slug="2020-moscow-heads-of-state")
    message = summit.sources.get(publisher="United Nations", published_on=day("2020-11-10"))
    assert "video message" in message.note and message.url.startswith("https://press.un.org/")
    assert Participation.objects.get(summit=summit, official__slug="antonio-guterres").attendance == "message"


def test_turkmenistan_came_as_a_guest_long_before_2024():
    guest_at = set(
        Participation.objects.filter(member_state__slug="turkmenistan", role="guest").values_list(
            "summit__slug", flat=True
        )
    )
    assert guest_at == {
        "2007-bishkek-heads-of-state",
        "2010-tashkent-heads-of-state",
        "2021-dushanbe-heads-of-state",
        "2022-samarkand-heads-of-state",
        "2024-astana-sco-plus",
        "2025-tianjin-sco-plus",
        "2025-moscow-heads-of-government",
    }
    assert MemberState.objects.get(slug="turkmenistan").sources.count() >= 6


# ---------------------------------------------------------------- bodies, titles and capitals


def test_the_interbank_consortium_and_the_business_council_with_their_founding_days():
    consortium = Organization.objects.get(slug="sco-interbank-consortium")
    assert (consortium.founded_on, consortium.founded_on_precision) == (day("2005-10-26"), "day")
    council = Organization.objects.get(slug="sco-business-council")
    assert (council.founded_on, council.founded_on_precision) == (day("2006-06-14"), "day")
    assert council.headquarters == "Moscow, Russia" and "Shanghai" in council.summary
    for body in (consortium, council):
        assert body.sources.filter(url__startswith="http").count() >= 2


CULTURAL_CAPITALS = [
    ("almaty-sco-tourist-and-cultural-capital", "2023", "2024", "2023-new-delhi-heads-of-state"),
    ("qingdao-sco-tourism-and-cultural-capital", "2024", "2025", "2024-astana-heads-of-state"),
    ("cholpon-ata-sco-tourism-and-cultural-capital", "2025", "2026", "2025-tianjin-heads-of-state"),
]


@pytest.mark.parametrize(("slug", "starts", "ends", "summit"), CULTURAL_CAPITALS)
def test_each_tourism_and_cultural_capital_with_its_years_and_the_summit_that_named_it(slug, starts, ends, summit):
    capital = Initiative.objects.get(slug=slug)
    assert (precise(capital, "starts_on"), precise(capital, "ends_on")) == (starts, ends)
    assert capital.launched_at.slug == summit
    assert capital.topics.filter(slug="tourism").exists()


def test_almaty_was_backed_by_the_culture_ministers_and_declared_at_new_delhi():
    almaty = Initiative.objects.get(slug="almaty-sco-tourist-and-cultural-capital")
    assert "April 2023" in almaty.summary and "New Delhi" in almaty.summary
    assert almaty.sources.filter(published_on=day("2023-04-04")).exists()
    assert almaty.sources.filter(published_on=day("2023-07-04")).count() >= 2
    assert "Varanasi" not in almaty.description


# ---------------------------------------------------------------- the articles' outlets and copies


def test_the_kazinform_interview_links_its_outlet_page_and_keeps_its_undated_year():
    interview = Article.objects.get(slug="zhang-ming-on-the-year-of-ecology-the-astana-summit-and-tourism")
    assert interview.original_url.startswith("https://en.inform.kz/news/on-the-year-of-ecology-the-astana-summit")
    assert (precise(interview, "original_published_on"), interview.original_published_on_precision) == (
        "2024",
        "year",
    )
    assert "24 May 2024" in interview.summary and "mid-June" not in interview.summary


def test_the_peoples_daily_piece_keeps_its_month_and_links_the_copy_read():
    piece = Article.objects.get(slug="norov-calls-on-sco-members-to-carry-forward-the-shanghai-spirit")
    assert precise(piece, "original_published_on") == "November 2020"
    assert piece.republished_url.startswith("https://www.alwihdainfo.com/")
    assert piece.republished_on == day("2020-11-13")


def test_sources_whose_title_is_supplied_say_so():
    for source in Source.objects.filter(title__startswith="["):
        assert "Title supplied." in source.note, source


def test_the_2020_video_summit_lists_every_member_and_observer_by_video():
    taking_part = Participation.objects.filter(summit__slug="2020-moscow-heads-of-state", member_state__isnull=False)
    assert set(taking_part.values_list("attendance", flat=True)) == {"video"}
    by_role = {
        role: set(taking_part.filter(role=role).values_list("member_state__slug", flat=True))
        for role in ("member", "observer")
    }
    assert by_role == {
        "member": {"china", "russia", "kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan", "india", "pakistan"},
        "observer": {"afghanistan", "belarus", "iran", "mongolia"},
    }
    assert Summit.objects.get(slug="2020-moscow-heads-of-state").sources.filter(publisher="InfoSCO").exists()


def test_partners_without_a_known_memorandum_day_say_what_the_sources_give():
    saudi = MembershipChange.objects.get(member_state__slug="saudi-arabia", membership="dialogue_partner")
    assert "29 March 2023" in saudi.note
    assert MemberState.objects.get(slug="saudi-arabia").sources.filter(published_on=day("2023-03-29")).exists()
    sri_lanka = MembershipChange.objects.get(member_state__slug="sri-lanka", membership="dialogue_partner")
    assert "June 2010" in sri_lanka.note
    assert MemberState.objects.get(slug="turkiye").sources.filter(published_on=day("2013-04-26")).exists()
