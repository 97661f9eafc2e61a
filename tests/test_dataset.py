"""The SCO data set (fixtures/sco.json): it loads, it is clean, and its key facts are right.

The fixture is loaded once for this module inside a transaction that is rolled
back afterwards, so other test modules still start from an empty database.
"""

import datetime
import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Q

from records.dates import PreciseDate
from records.models import (
    Appointment,
    Article,
    Initiative,
    MembershipChange,
    MemberState,
    Official,
    Organization,
    Participation,
    Source,
    Status,
    Summit,
    Topic,
)
from records.sanitize import sanitize_html
from records.search import search_queryset
from records.validators import RESERVED_SLUGS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dataset")]

SEEDS_DIR = Path(settings.BASE_DIR).parent / "shared" / "seeds"
RECORD_MODELS = (Organization, MemberState, Official, Summit, Initiative, Article)
ALLOWED_TAGS = {"p", "a", "ul", "li", "strong", "em"}
FOUNDERS = {"china", "russia", "kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan"}
SG_TITLE = "Secretary-General of the Shanghai Cooperation Organization"
day = datetime.date.fromisoformat


def rich_text(record):
    return getattr(record, record.rich_text_field)


def membership_on(state_slug, on):
    """The state's membership on a date: its latest change in effect by then."""
    change = (
        MembershipChange.objects.filter(member_state__slug=state_slug)
        .latest_first()
        .filter(effective_date__lte=on)
        .first()
    )
    return change.membership if change else None


def words(text):
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return [word.lower() for word in re.findall(r"[^\W_]+", text)]


# ---------------------------------------------------------------- the whole data set


def test_the_data_set_holds_every_record_type():
    assert Organization.objects.count() >= 15
    assert Topic.objects.count() >= 9
    assert MemberState.objects.count() >= 15
    assert Official.objects.count() >= 15
    assert Summit.objects.count() >= 10
    assert Initiative.objects.count() >= 12
    assert Article.objects.count() == 5
    assert MembershipChange.objects.count() >= MemberState.objects.count()
    assert Appointment.objects.count() >= Official.objects.count()


def test_every_row_passes_model_validation():
    for model in (*RECORD_MODELS, Topic, MembershipChange, Appointment):
        for obj in model.objects.all():
            obj.full_clean()


def test_every_record_is_published_now_with_timestamps_and_a_one_paragraph_summary():
    for model in RECORD_MODELS:
        for record in model.objects.all():
            assert record.status == Status.PUBLISHED, record
            assert record.publish_at is None, record
            assert record.is_public, record
            assert record.created_at and record.updated_at >= record.created_at, record
            assert record.summary.strip(), record
            assert "\n" not in record.summary and "<" not in record.summary, record
        assert model.objects.published().count() == model.objects.count()


def test_rich_text_is_short_clean_html_that_the_sanitizer_leaves_alone():
    for model in RECORD_MODELS:
        for record in model.objects.all():
            text = rich_text(record)
            assert text.startswith("<p>"), record
            assert sanitize_html(text) == text, record
            assert set(re.findall(r"<([a-z0-9]+)", text)) <= ALLOWED_TAGS, record
    for topic in Topic.objects.all():
        assert topic.description and "<" not in topic.description


def test_every_record_is_named_and_summarized_in_russian_and_chinese():
    for model in (*RECORD_MODELS, Topic, Appointment):
        label = "title" if model in (Summit, Article, Appointment) else "name"
        texts = [label] + (["summary"] if model in RECORD_MODELS else ["description"] if model is Topic else [])
        for record in model.objects.all():
            for text in texts:
                english, russian, chinese = (getattr(record, f"{text}_{code}") for code in ("en", "ru", "zh_hans"))
                assert english == getattr(record, text), (record, text)
                assert russian and chinese, (record, text)
                if text != label:  # a name may stay in Latin letters (China Daily); a summary is written out
                    assert re.search("[а-яё]", russian, re.IGNORECASE), (record, russian)
                    assert re.search("[\u4e00-\u9fff]", chinese), (record, chinese)


def test_the_public_record_names_read_as_each_language_writes_them():
    assert MemberState.objects.values_list("name", "name_ru", "name_zh_hans").get(slug="china") == (
        "China",
        "Китай",
        "中国",
    )
    sco = Organization.objects.get(slug="sco")
    assert (sco.name_ru, sco.name_zh_hans) == ("Шанхайская организация сотрудничества", "上海合作组织")


def test_slugs_are_lowercase_hyphenated_words_and_never_routes():
    for model in (*RECORD_MODELS, Topic):
        for slug in model.objects.values_list("slug", flat=True):
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
            assert slug not in RESERVED_SLUGS


def test_no_text_copies_a_twelve_word_run_from_a_seed_article():
    seeds = sorted(SEEDS_DIR.glob("*.txt"))
    if not seeds:
        pytest.skip(f"the seed articles are not at {SEEDS_DIR}")
    runs = set()
    for seed in seeds:
        seed_words = words(seed.read_text(encoding="utf-8"))
        runs |= {tuple(seed_words[i : i + 12]) for i in range(len(seed_words) - 11)}
    texts = [(record, record.summary + " " + rich_text(record)) for m in RECORD_MODELS for record in m.objects.all()]
    texts += [(change, change.note) for change in MembershipChange.objects.all()]
    for record, text in texts:
        text_words = words(text)
        for i in range(len(text_words) - 11):
            assert tuple(text_words[i : i + 12]) not in runs, (record, " ".join(text_words[i : i + 12]))


# ---------------------------------------------------------------- organizations and topics


def test_the_sco_and_its_two_permanent_bodies():
    sco = Organization.objects.get(slug="sco")
    assert (sco.short_name, sco.kind, sco.founded_on) == ("SCO", "intergovernmental", day("2001-06-15"))
    secretariat = Organization.objects.get(slug="sco-secretariat")
    rats = Organization.objects.get(slug="rats")
    assert secretariat.parent == sco and secretariat.kind == "permanent_body"
    assert "Beijing" in secretariat.headquarters
    assert rats.parent == sco and rats.kind == "permanent_body" and rats.short_name == "RATS"
    assert "Tashkent" in rats.headquarters
    assert Organization.objects.get(short_name="UN").slug == "united-nations"


def test_news_outlets_are_organizations_of_kind_media():
    outlets = {"global-times", "kazinform", "xinhua-news-agency", "peoples-daily", "china-daily"}
    assert set(Organization.objects.filter(kind="media").values_list("slug", flat=True)) == outlets


def test_topics_cover_the_subjects_of_the_seed_articles():
    expected = {
        "ecology",
        "tourism",
        "security",
        "economy",
        "public-health",
        "culture",
        "sport",
        "connectivity",
        "membership",
    }
    assert expected <= set(Topic.objects.values_list("slug", flat=True))
    assert Topic.objects.get(slug="public-health").name == "Public health"


# ---------------------------------------------------------------- member states


def test_the_ten_member_states_after_the_astana_summit():
    members = set(MemberState.objects.filter(membership="member").values_list("slug", flat=True))
    assert members == FOUNDERS | {"india", "pakistan", "iran", "belarus"}


def test_the_six_founding_members_each_have_a_change_dated_2001_06_15():
    founders = MemberState.objects.filter(founding_member=True)
    assert set(founders.values_list("slug", flat=True)) == FOUNDERS
    for state in founders:
        first = state.membership_changes.order_by("changed_on").first()
        assert (first.membership, first.changed_on) == ("member", day("2001-06-15"))
        assert first.summit.slug == "2001-shanghai-heads-of-state"


def test_india_and_pakistan_were_observers_from_2005_and_members_from_2017():
    for slug in ("india", "pakistan"):
        assert membership_on(slug, day("2005-07-04")) is None
        assert membership_on(slug, day("2015-01-01")) == "observer"
        assert membership_on(slug, day("2017-06-09")) == "member"
        assert membership_on(slug, day("2018-01-01")) == "member"
        joined = MembershipChange.objects.get(member_state__slug=slug, membership="member")
        assert joined.summit.slug == "2017-astana-heads-of-state"


def test_iran_joined_at_new_delhi_in_2023_and_belarus_at_astana_in_2024():
    iran = MemberState.objects.get(slug="iran")
    assert (iran.membership, iran.membership_since) == ("member", day("2023-07-04"))
    assert iran.membership_changes.get(membership="member").summit.slug == "2023-new-delhi-heads-of-state"
    belarus = MemberState.objects.get(slug="belarus")
    assert (belarus.membership, belarus.membership_since) == ("member", day("2024-07-04"))
    history = list(belarus.membership_changes.order_by("changed_on").values_list("membership", "changed_on"))
    assert history == [
        ("dialogue_partner", day("2009-06-16")),
        ("observer", day("2015-07-10")),
        ("member", day("2024-07-04")),
    ]
    assert membership_on("belarus", day("2024-07-03")) == "observer"


def test_observers_and_dialogue_partners_named_in_the_seeds():
    before_tianjin = day("2025-08-31")
    states = MemberState.objects.values_list("slug", flat=True)
    observers = {slug for slug in states if membership_on(slug, before_tianjin) == "observer"}
    assert observers == {"mongolia", "afghanistan"}
    partners = {slug for slug in states if membership_on(slug, before_tianjin) == "dialogue_partner"}
    assert {"turkiye", "azerbaijan", "qatar", "united-arab-emirates", "egypt", "saudi-arabia"} <= partners
    assert MemberState.objects.get(slug="turkmenistan").membership == "guest"


DIALOGUE_PARTNERS = {
    "sri-lanka": "2009-yekaterinburg-heads-of-state",
    "turkiye": "2012-beijing-heads-of-state",
    "azerbaijan": "2015-ufa-heads-of-state",
    "armenia": "2015-ufa-heads-of-state",
    "cambodia": "2015-ufa-heads-of-state",
    "nepal": "2015-ufa-heads-of-state",
    "egypt": "2021-dushanbe-heads-of-state",
    "qatar": "2021-dushanbe-heads-of-state",
    "saudi-arabia": "2021-dushanbe-heads-of-state",
    "bahrain": "2022-samarkand-heads-of-state",
    "kuwait": "2022-samarkand-heads-of-state",
    "maldives": "2022-samarkand-heads-of-state",
    "myanmar": "2022-samarkand-heads-of-state",
    "united-arab-emirates": "2022-samarkand-heads-of-state",
}


@pytest.mark.parametrize(("slug", "summit"), DIALOGUE_PARTNERS.items())
def test_every_dialogue_partner_with_the_summit_that_admitted_it(slug, summit):
    change = MembershipChange.objects.get(member_state__slug=slug, membership="dialogue_partner")
    assert change.summit.slug == summit


def test_tianjin_merged_observers_and_dialogue_partners_into_sco_partners_and_kept_the_history():
    partners = set(MemberState.objects.filter(membership="partner").values_list("slug", flat=True))
    assert partners == {"mongolia", "afghanistan", "laos", *DIALOGUE_PARTNERS}
    for slug in partners:
        change = MembershipChange.objects.get(member_state__slug=slug, membership="partner")
        assert (change.changed_on, change.summit.slug) == (day("2025-09-01"), "2025-tianjin-heads-of-state")
    assert membership_on("mongolia", day("2025-08-31")) == "observer"
    assert membership_on("mongolia", day("2025-09-01")) == "partner"
    laos = MemberState.objects.get(slug="laos")
    assert list(laos.membership_changes.values_list("membership", flat=True)) == ["partner"]
    assert MemberState.objects.filter(membership__in=["observer", "dialogue_partner"]).count() == 0


def test_membership_changes_that_took_effect_later_count_from_that_day():
    turkiye = MembershipChange.objects.get(member_state__slug="turkiye", membership="dialogue_partner")
    assert (turkiye.changed_on, turkiye.effective_on) == (day("2012-06-07"), day("2013-04-26"))
    assert membership_on("turkiye", day("2013-01-01")) is None
    assert membership_on("turkiye", day("2013-04-26")) == "dialogue_partner"
    for slug in ("egypt", "qatar"):
        assert membership_on(slug, day("2022-01-01")) is None
        assert membership_on(slug, day("2022-09-14")) == "dialogue_partner"


def test_every_membership_change_names_the_summit_that_decided_it():
    assert not MembershipChange.objects.filter(summit=None).exists()
    for change in MembershipChange.objects.select_related("summit"):
        assert change.summit.starts_on <= change.changed_on <= change.summit.last_day, change


def test_turkmenistan_has_been_a_guest_since_the_bishkek_summit_of_2007():
    change = MembershipChange.objects.get(member_state__slug="turkmenistan")
    assert (change.membership, change.changed_on, change.summit.slug) == (
        "guest",
        day("2007-08-16"),
        "2007-bishkek-heads-of-state",
    )
    assert membership_on("turkmenistan", day("2010-01-01")) == "guest"


def test_every_member_states_membership_equals_its_latest_change():
    for state in MemberState.objects.all():
        latest = state.membership_changes.order_by("-changed_on", "-pk").first()
        assert latest is not None, state
        assert (state.membership, state.membership_since) == (latest.membership, latest.changed_on), state


def test_member_states_have_alpha3_codes_and_belong_to_the_sco():
    sco = Organization.objects.get(slug="sco")
    for state in MemberState.objects.all():
        assert re.fullmatch(r"[A-Z]{3}", state.iso_code), state
        assert state.organization == sco
    codes = dict(MemberState.objects.values_list("slug", "iso_code"))
    assert codes["kazakhstan"] == "KAZ" and codes["turkiye"] == "TUR" and codes["united-arab-emirates"] == "ARE"


# ---------------------------------------------------------------- summits

HEADS_OF_STATE_2018_2024 = [
    (18, "Qingdao", "china", "2018-06-09", "2018-06-10", "in_person"),
    (19, "Bishkek", "kyrgyzstan", "2019-06-13", "2019-06-14", "in_person"),
    (20, "Moscow", "russia", "2020-11-10", None, "video"),
    (21, "Dushanbe", "tajikistan", "2021-09-16", "2021-09-17", "hybrid"),
    (22, "Samarkand", "uzbekistan", "2022-09-15", "2022-09-16", "in_person"),
    (23, "New Delhi", "india", "2023-07-04", None, "video"),
    (24, "Astana", "kazakhstan", "2024-07-04", None, "in_person"),
]


@pytest.mark.parametrize(("number", "city", "host", "starts", "ends", "fmt"), HEADS_OF_STATE_2018_2024)
def test_heads_of_state_summits_from_qingdao_to_astana(number, city, host, starts, ends, fmt):
    summit = Summit.objects.get(council="heads_of_state", number=number)
    assert summit.city == city
    assert summit.host_state.slug == host and summit.chair_state.slug == host
    assert summit.starts_on == day(starts)
    assert summit.ends_on == (day(ends) if ends else None)
    assert summit.format == fmt
    assert summit.organization.slug == "sco"
    assert summit.slug == f"{starts[:4]}-{city.lower().replace(' ', '-')}-heads-of-state"


def test_the_24th_summit_was_in_astana_on_4_july_2024_hosted_by_kazakhstan():
    summit = Summit.objects.get(slug="2024-astana-heads-of-state")
    assert (summit.number, summit.city, summit.host_state.slug) == (24, "Astana", "kazakhstan")
    assert summit.last_day == day("2024-07-04")
    assert {"xi-jinping", "kassym-jomart-tokayev", "zhang-ming"} <= set(
        summit.participants.values_list("slug", flat=True)
    )
    plus = Summit.objects.get(slug="2024-astana-sco-plus")
    assert plus.council == "other" and plus.starts_on == summit.starts_on
    assert plus.participants.filter(slug="antonio-guterres").exists()


def test_the_other_meetings_named_in_the_seeds():
    bishkek = Summit.objects.get(slug="2023-bishkek-heads-of-government")
    assert (bishkek.council, bishkek.number, bishkek.starts_on) == ("heads_of_government", 22, day("2023-10-26"))
    almaty = Summit.objects.get(slug="2024-almaty-tourism-administrations")
    assert (almaty.city, almaty.starts_on) == ("Almaty", day("2024-05-24"))


def test_summits_end_on_or_after_they_start():
    for summit in Summit.objects.all():
        assert summit.ends_on is None or summit.ends_on >= summit.starts_on, summit


# ---------------------------------------------------------------- officials and appointments


SECRETARIES_GENERAL = [
    ("zhang-deguang", "15 January 2004", "December 2006"),
    ("bolat-nurgaliyev", "January 2007", "2009"),
    ("muratbek-imanaliyev", "January 2010", "2012"),
    ("dmitry-mezentsev", "1 January 2013", "31 December 2015"),
    ("rashid-alimov", "1 January 2016", "2018"),
    ("vladimir-norov", "1 January 2019", "31 December 2021"),
    ("zhang-ming", "1 January 2022", "December 2024"),
    ("nurlan-yermekbayev", "1 January 2025", None),
]


def test_the_secretaries_general_in_order_with_their_terms_at_the_precision_the_sources_give():
    terms = list(Appointment.objects.filter(title=SG_TITLE).order_by("started_on").select_related("official"))
    shown = [
        (a.official.slug, str(PreciseDate.of(a, "started_on")), a.ended_on and str(PreciseDate.of(a, "ended_on")))
        for a in terms
    ]
    assert shown == SECRETARIES_GENERAL
    assert all(a.organization.slug == "sco-secretariat" for a in terms)
    for before, after in zip(terms, terms[1:], strict=False):
        assert PreciseDate.of(before, "ended_on").end < PreciseDate.of(after, "started_on").start, after
    assert [a.official.slug for a in terms if a.is_current] == ["nurlan-yermekbayev"]


def test_heads_of_state_hold_their_offices_since_the_public_record_dates():
    expected = {
        "xi-jinping": ("china", "2013-03-14"),
        "kassym-jomart-tokayev": ("kazakhstan", "2019-03-20"),
        "shavkat-mirziyoyev": ("uzbekistan", "2016-12-14"),
    }
    for slug, (state, since) in expected.items():
        current = Appointment.objects.get(official__slug=slug, ended_on__isnull=True)
        assert current.member_state.slug == state and current.started_on == day(since)
    envoy = Appointment.objects.get(official__slug="zhang-hanhui")
    assert envoy.title == "Ambassador of China to Russia" and envoy.started_on == day("2019-08-12")


def test_names_follow_the_public_record_and_seed_spellings_stay_findable():
    for seed_spelling, slug in [("Nulgaliyev", "bolat-nurgaliyev"), ("Mir. Ziyoyev", "shavkat-mirziyoyev")]:
        found = Official.objects.filter(
            Q(name__icontains=seed_spelling)
            | Q(summary__icontains=seed_spelling)
            | Q(description__icontains=seed_spelling)
        )
        assert list(found.values_list("slug", flat=True)) == [slug]
    assert Official.objects.get(slug="bolat-nurgaliyev").name == "Bolat Nurgaliyev"
    assert Official.objects.get(slug="shavkat-mirziyoyev").name == "Shavkat Mirziyoyev"


def test_every_appointment_has_an_organization_or_a_member_state_and_ends_after_it_starts():
    for appointment in Appointment.objects.all():
        assert appointment.organization_id or appointment.member_state_id, appointment
        if appointment.started_on and appointment.ended_on:
            assert appointment.ended_on >= appointment.started_on, appointment


def test_current_titles_match_current_appointments():
    for official in Official.objects.all():
        has_current = official.appointments.filter(ended_on__isnull=True).exists()
        assert bool(official.current_title) == has_current, official


# ---------------------------------------------------------------- initiatives


def test_the_sco_year_of_ecology_2024():
    year = Initiative.objects.get(slug="sco-year-of-ecology-2024")
    assert (year.kind, year.lead_state.slug) == ("declared_year", "kazakhstan")
    assert (year.starts_on, year.ends_on) == (day("2024-01-01"), day("2024-12-31"))
    assert year.launched_at.slug == "2023-new-delhi-heads-of-state"
    assert year.topics.filter(slug="ecology").exists()
    plan = Initiative.objects.get(slug="sco-year-of-ecology-action-plan")
    assert plan.launched_at.slug == "2023-bishkek-heads-of-government" and plan.starts_on == day("2023-10-26")


def test_the_demonstration_zones():
    harbin = Initiative.objects.get(slug="harbin-ice-and-snow-sports-zone")
    assert harbin.kind == "demonstration_zone" and "Harbin" in harbin.location
    assert harbin.topics.filter(slug="sport").exists()
    qingdao = Initiative.objects.get(slug="qingdao-local-economic-and-trade-zone")
    assert qingdao.proposed_by.slug == "xi-jinping" and qingdao.launched_at.slug == "2018-qingdao-heads-of-state"
    assert "Lianyungang" in Initiative.objects.get(slug="lianyungang-logistics-park").location


def test_the_astana_documents_were_adopted_at_the_astana_summit():
    for slug in ("astana-declaration", "world-unity-initiative", "good-neighbourliness-statement"):
        document = Initiative.objects.get(slug=slug)
        assert document.launched_at.slug == "2024-astana-heads-of-state"
        assert document.starts_on == day("2024-07-04") and document.stage == "adopted"
    assert Initiative.objects.get(slug="world-unity-initiative").proposed_by.slug == "kassym-jomart-tokayev"
    assert Initiative.objects.get(slug="good-neighbourliness-statement").lead_state.slug == "uzbekistan"


def test_initiatives_end_on_or_after_they_start():
    for initiative in Initiative.objects.exclude(starts_on=None).exclude(ends_on=None):
        assert initiative.ends_on >= initiative.starts_on, initiative


# ---------------------------------------------------------------- articles

ARTICLE_SOURCES = {
    "harbin-ice-and-snow-zone-a-new-platform-for-cooperation": (
        "global-times",
        ("2024-02-01", "day"),
        "People's Daily Online",
    ),
    "zhang-ming-on-the-year-of-ecology-the-astana-summit-and-tourism": ("kazinform", ("2024", "year"), None),
    "drawing-a-blueprint-for-the-development-of-the-sco": (
        "xinhua-news-agency",
        ("2022-09-12", "day"),
        "Shanghai Hotline",
    ),
    "cooperation-more-vital-than-ever-diplomat-says": (None, ("2020-11-12", "day"), None),
    "norov-calls-on-sco-members-to-carry-forward-the-shanghai-spirit": (
        "peoples-daily",
        ("2020-11", "month"),
        "Alwihda Info",
    ),
}


@pytest.mark.parametrize(("slug", "source", "published", "republisher"), [(k, *v) for k, v in ARTICLE_SOURCES.items()])
def test_each_article_credits_the_outlet_that_wrote_it(slug, source, published, republisher):
    article = Article.objects.get(slug=slug)
    assert (article.source.slug if article.source else None) == source
    assert article.source is None or article.source.kind == "media"
    assert PreciseDate.of(article, "original_published_on") == PreciseDate.parse(published[0])
    assert article.original_published_on_precision == published[1]
    if republisher:
        assert republisher in article.summary and article.republished_by.startswith(republisher)
        assert not Organization.objects.filter(name__icontains=republisher).exists()


def test_every_article_has_its_own_body_and_links_what_it_mentions():
    for article in Article.objects.all():
        assert len(words(article.body)) >= 60, article
        for relation in ("topics", "officials", "member_states", "summits", "initiatives", "organizations"):
            assert getattr(article, relation).exists(), (article, relation)


def test_the_articles_mention_the_key_records():
    harbin = Article.objects.get(slug="harbin-ice-and-snow-zone-a-new-platform-for-cooperation")
    assert harbin.authors == "Zhang Changyue and Zhang Yuying"
    assert harbin.officials.filter(slug="zhang-ming").exists()
    assert harbin.initiatives.filter(slug="harbin-ice-and-snow-sports-zone").exists()
    kazinform = Article.objects.get(source__slug="kazinform")
    assert kazinform.summits.filter(slug="2024-astana-heads-of-state").exists()
    assert kazinform.member_states.filter(slug="belarus").exists()
    xinhua = Article.objects.get(source__slug="xinhua-news-agency")
    assert xinhua.language == "zh"
    assert xinhua.officials.filter(slug="bolat-nurgaliyev").exists()
    assert xinhua.summits.filter(slug="2022-samarkand-heads-of-state").exists()
    envoy = Article.objects.get(slug="cooperation-more-vital-than-ever-diplomat-says")
    assert envoy.officials.filter(slug="zhang-hanhui").exists()
    norov = Article.objects.get(source__slug="peoples-daily")
    assert norov.authors == "Ji Peijuan"
    assert norov.summits.get().format == "video"
    assert norov.initiatives.filter(slug="lianyungang-logistics-park").exists()


# ---------------------------------------------------------------- the record completed to 2026

HEADS_OF_STATE = {
    1: ("Shanghai", 2001),
    2: ("Saint Petersburg", 2002),
    3: ("Moscow", 2003),
    4: ("Tashkent", 2004),
    5: ("Astana", 2005),
    6: ("Shanghai", 2006),
    7: ("Bishkek", 2007),
    8: ("Dushanbe", 2008),
    9: ("Yekaterinburg", 2009),
    10: ("Tashkent", 2010),
    11: ("Astana", 2011),
    12: ("Beijing", 2012),
    13: ("Bishkek", 2013),
    14: ("Dushanbe", 2014),
    15: ("Ufa", 2015),
    16: ("Tashkent", 2016),
    17: ("Astana", 2017),
    18: ("Qingdao", 2018),
    19: ("Bishkek", 2019),
    20: ("Moscow", 2020),
    21: ("Dushanbe", 2021),
    22: ("Samarkand", 2022),
    23: ("New Delhi", 2023),
    24: ("Astana", 2024),
    25: ("Tianjin", 2025),
}


def test_every_heads_of_state_summit_from_shanghai_2001_to_tianjin_2025():
    summits = Summit.objects.filter(council="heads_of_state").order_by("number")
    assert {s.number: (s.city, s.starts_on.year) for s in summits} == HEADS_OF_STATE
    tianjin = Summit.objects.get(slug="2025-tianjin-heads-of-state")
    assert (tianjin.starts_on, tianjin.ends_on, tianjin.host_state.slug) == (
        day("2025-08-31"),
        day("2025-09-01"),
        "china",
    )
    plus = Summit.objects.get(slug="2025-tianjin-sco-plus")
    assert (plus.council, plus.starts_on) == ("other", day("2025-09-01"))


def test_astana_also_hosted_the_2011_summit():
    astana = Summit.objects.filter(council="heads_of_state", city="Astana").values_list("starts_on__year", flat=True)
    assert sorted(astana) == [2005, 2011, 2017, 2024]
    assert "2011" in MemberState.objects.get(slug="kazakhstan").description


def test_astana_approved_only_the_draft_strategy_which_tianjin_adopted():
    astana = Summit.objects.get(slug="2024-astana-heads-of-state")
    assert "<em>draft</em> SCO development strategy to 2035" in astana.description
    strategy = Initiative.objects.get(slug="sco-development-strategy-2035")
    assert (strategy.launched_at.slug, strategy.starts_on, strategy.stage) == (
        "2025-tianjin-heads-of-state",
        day("2025-09-01"),
        "adopted",
    )
    assert (strategy.ends_on.year, strategy.ends_on_precision) == (2035, "year")


def test_the_un_secretary_general_sent_a_message_in_2020_and_came_in_2024_and_2025():
    attended = {
        p.summit.slug: p.attendance
        for p in Participation.objects.filter(official__slug="antonio-guterres").select_related("summit")
    }
    assert attended == {
        "2020-moscow-heads-of-state": "message",
        "2024-astana-sco-plus": "in_person",
        "2025-tianjin-sco-plus": "in_person",
    }
    guterres = Official.objects.get(slug="antonio-guterres")
    assert "video message" in guterres.summary and "attended the SCO video summit" not in guterres.summary


def test_sco_plus_meetings_list_guest_states_and_organizations():
    astana = Summit.objects.get(slug="2024-astana-sco-plus")
    guests = set(astana.participations.filter(role="guest").values_list("member_state__slug", flat=True))
    assert guests == {"azerbaijan", "qatar", "united-arab-emirates", "turkiye", "turkmenistan"}
    organizations = set(astana.participations.filter(role="organization").values_list("organization__slug", flat=True))
    assert {"cis", "eco", "cica", "csto", "eaeu", "iofs", "united-nations"} == organizations
    assert Participation.objects.get(summit__slug="2007-bishkek-heads-of-state").member_state.slug == "turkmenistan"


def test_video_summits_record_attendance_by_video():
    assert set(
        Participation.objects.filter(summit__slug="2023-new-delhi-heads-of-state").values_list("attendance", flat=True)
    ) == {"video"}
    dushanbe = Participation.objects.filter(summit__slug="2021-dushanbe-heads-of-state", attendance="video")
    assert set(dushanbe.values_list("official__slug", flat=True)) == {"xi-jinping", "vladimir-putin", "narendra-modi"}


def test_the_afghanistan_record_gives_the_members_positions_as_a_named_official_reported_them():
    afghanistan = MemberState.objects.get(slug="afghanistan")
    text = afghanistan.summary + afghanistan.description
    assert "disagree" not in text and "argued" not in text
    assert "Zamir Kabulov" in text and "May 2024" in text and "Tajikistan still had doubts" in text
    assert afghanistan.sources.filter(publisher="Asia-Plus", published_on=day("2024-06-13")).exists()
    group = Organization.objects.get(slug="sco-afghanistan-contact-group")
    assert (group.founded_on, group.founded_on_precision) == (day("2005-11-04"), "day")
    assert "permanent representatives at the SCO Secretariat" in group.description
    assert group.sources.filter(publisher="Asia-Plus").count() == 2


def test_seed_facts_that_the_record_left_empty():
    yangling = Initiative.objects.get(slug="yangling-agricultural-base")
    assert (str(PreciseDate.of(yangling, "starts_on")), yangling.starts_on_precision) == ("2019", "year")
    harbin = Initiative.objects.get(slug="harbin-ice-and-snow-sports-zone")
    assert str(PreciseDate.of(harbin, "ends_on")) == "2028"
    assert "2025" in harbin.summary and "2028" in harbin.summary and "plan" in harbin.summary
    for slug, years, summit in [
        ("almaty-sco-tourist-and-cultural-capital", ("2023", "2024"), "2023-new-delhi-heads-of-state"),
        ("qingdao-sco-tourism-and-cultural-capital", ("2024", "2025"), "2024-astana-heads-of-state"),
    ]:
        capital = Initiative.objects.get(slug=slug)
        assert (str(PreciseDate.of(capital, "starts_on")), str(PreciseDate.of(capital, "ends_on"))) == years
        assert capital.launched_at.slug == summit


def test_bodies_forums_and_projects_named_in_the_seeds_have_records():
    for slug in ("sco-interbank-consortium", "sco-business-council", "council-of-national-coordinators"):
        assert Organization.objects.get(slug=slug).parent.slug == "sco"
    urumqi = Initiative.objects.get(slug="sco-tourism-forum-urumqi-2023")
    assert (urumqi.kind, str(PreciseDate.of(urumqi, "starts_on"))) == ("forum", "November 2023")
    qingdao = Initiative.objects.get(slug="sco-year-of-ecology-forum-qingdao-2024")
    assert (qingdao.kind, qingdao.starts_on, qingdao.location[:7]) == ("forum", day("2024-07-08"), "Qingdao")
    for slug in (
        "drawing-a-blueprint-for-the-development-of-the-sco",
        "norov-calls-on-sco-members-to-carry-forward-the-shanghai-spirit",
    ):
        assert Article.objects.get(slug=slug).organizations.filter(slug="sco-secretariat").exists()


@pytest.mark.parametrize(
    ("spelling", "model", "slug"),
    [
        ("Zanatas", Initiative, "zhanatas-wind-farm"),
        ("Angren-Papu", Initiative, "kamchik-tunnel"),
        ("Di Bojie", Organization, "jawaharlal-nehru-university"),
    ],
)
def test_seed_spellings_are_found_by_search(spelling, model, slug):
    assert slug in set(search_queryset(model.objects.published(), spelling).values_list("slug", flat=True))


def test_the_chair_after_tianjin_and_the_heads_of_government_meetings():
    assert (
        "Kyrgyzstan took over the rotating chairmanship"
        in Summit.objects.get(slug="2025-tianjin-heads-of-state").description
    )
    assert "chairmanship at the Tianjin summit" in MemberState.objects.get(slug="kyrgyzstan").summary
    islamabad = Summit.objects.get(council="heads_of_government", starts_on__year=2024)
    assert (islamabad.city, islamabad.number, islamabad.host_state.slug) == ("Islamabad", 23, "pakistan")


def test_every_record_has_a_source_and_every_article_is_one():
    for model in RECORD_MODELS:
        for record in model.objects.prefetch_related("sources"):
            assert record.sources.all(), record
    for article in Article.objects.all():
        assert Source.objects.filter(article=article).exists(), article
        assert article.sources.filter(article=article).exists(), article
    for source in Source.objects.all():
        source.full_clean()


def test_the_api_answers_membership_as_of_the_day_changes_took_effect(client):
    def as_of(on):
        body = client.get("/api/v1/member-states/", {"as_of": on, "page_size": 100, "fields": "slug,membership"}).json()
        return {row["slug"]: row["membership"] for row in body["results"]}

    assert "turkiye" not in as_of("2013-01-01")
    assert as_of("2013-04-26")["turkiye"] == "dialogue_partner"
    assert as_of("2025-08-31")["mongolia"] == "observer"
    assert as_of("2025-09-01")["mongolia"] == "partner"


def test_pages_and_api_show_dates_at_their_precision(client):
    page = client.get("/initiatives/yangling-agricultural-base/").content.decode()
    assert '<time datetime="2019">2019</time>' in page and "1 January 2019" not in page
    body = client.get("/api/v1/initiatives/yangling-agricultural-base/").json()
    assert (body["starts_on"], body["starts_on_precision"]) == ("2019", "year")
    years = client.get("/api/v1/initiatives/", {"year": 2019, "page_size": 100}).json()["results"]
    assert "yangling-agricultural-base" in {row["slug"] for row in years}
    norov = client.get("/articles/norov-calls-on-sco-members-to-carry-forward-the-shanghai-spirit/").content.decode()
    assert '<time datetime="2020-11">November 2020</time>' in norov
    assert "<ol>" in norov.split('id="sources"')[1]
