"""What the pages and messages call things: counts that count what they say,
language names instead of codes, statuses and articles ("a"/"an") in sentences
that read as English."""

import datetime
import re

import pytest

from records import workflow
from records.models import Article, Initiative, Membership, Official, Status
from records.templatetags.records_tags import language_name
from records.workflow import WorkflowDenied
from tests import factories

pytestmark = pytest.mark.django_db


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).strip()


@pytest.fixture
def states():
    for name in ("Kazakhstan", "China", "India"):
        factories.MemberStateFactory(name=name, membership=Membership.MEMBER)
    factories.MemberStateFactory(name="Mongolia", membership=Membership.PARTNER)
    factories.MemberStateFactory(name="Belarus Observer", membership=Membership.OBSERVER)
    factories.MemberStateFactory(name="Turkmenistan", membership=Membership.GUEST)
    factories.MemberStateFactory(name="Hidden State", membership=Membership.MEMBER, status=Status.DRAFT)


def test_the_member_states_list_counts_members_apart_from_partners_and_observers(client, states):
    text = text_of(client.get("/member-states/"))
    assert "3 member states, 1 SCO partner, 1 observer state and 1 guest" in text
    assert "6 member states" not in text
    assert "SCO partners (1)" in text and "Member states (3)" in text


def test_the_home_page_counts_members_apart_from_partners_and_observers(client, states):
    text = text_of(client.get("/"))
    assert "3 member states, 1 SCO partner, 1 observer state and 1 guest." in text
    assert "Guests (1)" in text


def test_list_counts_use_the_singular_for_one_record(client):
    factories.OfficialFactory(name="Lone Official")
    assert "1 official</h2>" in client.get("/officials/").content.decode()
    factories.OfficialFactory()
    assert "2 officials</h2>" in client.get("/officials/").content.decode()


def test_a_filtered_list_says_match_or_matches(client):
    state = factories.MemberStateFactory(slug="kazakhstan")
    factories.OfficialFactory(member_state=state)
    assert "1 official matches</h2>" in client.get("/officials/?member_state=kazakhstan").content.decode()
    factories.OfficialFactory(member_state=state)
    assert "2 officials match</h2>" in client.get("/officials/?member_state=kazakhstan").content.decode()


def test_summits_hosted_and_chaired_come_from_their_own_fields(client):
    """Moscow 2003: Russia hosted, Kazakhstan chaired. Each list shows what its name says."""
    kazakhstan = factories.MemberStateFactory(name="Kazakhstan", slug="kazakhstan")
    russia = factories.MemberStateFactory(name="Russia", slug="russia")
    factories.SummitFactory(title="Moscow 2003", host_state=russia, chair_state=kazakhstan)
    factories.SummitFactory(title="Astana 2005", host_state=kazakhstan, chair_state=kazakhstan)
    kazakh_page = text_of(client.get("/member-states/kazakhstan/"))
    assert "Summits hosted (1)" in kazakh_page
    assert "Summits chaired (2)" in kazakh_page
    russian_page = text_of(client.get("/member-states/russia/"))
    assert "Summits hosted (1)" in russian_page
    assert "Summits chaired" not in russian_page


@pytest.mark.parametrize(
    ("code", "name"),
    [("zh", "Chinese"), ("zh-Hans", "Simplified Chinese"), ("ru", "Russian"), ("en", "English"), ("kk", "Kazakh")],
)
def test_language_codes_are_named(code, name):
    assert language_name(code) == name


def test_an_unknown_language_code_is_shown_as_it_is():
    assert language_name("xx-unknown") == "xx-unknown"


def test_article_pages_and_cards_name_the_language(client):
    article = factories.ArticleFactory(title="Ecology forum in Qingdao", language="zh", text_language="en")
    detail = text_of(client.get(article.get_absolute_url()))
    assert "Language Chinese (text read in English)" in detail
    assert "ZH" not in detail
    listing = text_of(client.get("/articles/"))
    assert "Chinese" in listing and "ZH" not in listing


@pytest.mark.parametrize(
    ("status", "phrase"),
    [(Status.DRAFT, "is a draft"), (Status.REVIEW, "is in review"), (Status.ARCHIVED, "is archived")],
)
def test_the_preview_banner_names_the_status_in_a_sentence(admin_client_logged_in, status, phrase):
    article = factories.ArticleFactory(status=status)
    text = text_of(admin_client_logged_in.get(article.get_absolute_url()))
    assert f"This article {phrase}: only staff can see this preview." in text


@pytest.mark.parametrize(
    ("model", "expected"),
    [(Article, "Setting an article"), (Initiative, "Setting an initiative"), (Official, "Setting an official")],
)
def test_the_publish_permission_message_uses_the_right_article(editor, model, expected):
    with pytest.raises(WorkflowDenied) as denied:
        workflow.check_record_write(editor, model=model, new_status=Status.PUBLISHED)
    assert str(denied.value.args[0]).startswith(f"{expected} to “Published”")


def test_changing_a_published_record_names_its_status(editor):
    article = factories.ArticleFactory(status=Status.ARCHIVED)
    with pytest.raises(WorkflowDenied, match="This article is archived; changing it"):
        workflow.check_record_write(editor, model=Article, current=article, new_status=Status.DRAFT)


def test_moving_a_child_record_uses_the_right_article(editor):
    from records import services

    appointment = factories.AppointmentFactory(started_on=datetime.date(2020, 1, 1))
    moved = type(appointment).objects.get(pk=appointment.pk)
    moved.official = factories.OfficialFactory()
    with pytest.raises(WorkflowDenied, match="^An appointment cannot be moved"):
        services.check_child_proposal(child=moved, stored=appointment, user=editor)
