"""The record models: constraints, the publication rule, sanitization, membership history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from records import services
from records.models import Appointment, MembershipChange, MemberState, Status, Summit, current_slug
from records.sanitize import sanitize_html

from .factories import (
    AppointmentFactory,
    ArticleFactory,
    InitiativeFactory,
    MembershipChangeFactory,
    MemberStateFactory,
    OfficialFactory,
    OrganizationFactory,
    SummitFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()
HOUR = datetime.timedelta(hours=1)


@pytest.mark.parametrize(
    ("status", "publish_at", "public"),
    [
        (Status.DRAFT, None, False),
        (Status.REVIEW, None, False),
        (Status.ARCHIVED, None, False),
        (Status.PUBLISHED, None, True),
        (Status.PUBLISHED, NOW - HOUR, True),
        (Status.PUBLISHED, NOW + HOUR, False),
        (Status.DRAFT, NOW - HOUR, False),
    ],
)
def test_published_shows_only_live_records(status, publish_at, public):
    article = ArticleFactory(status=status, publish_at=publish_at)
    assert (article in ArticleFactory._meta.model.objects.published()) is public
    assert article.is_public is public


def test_a_scheduled_record_goes_live_when_its_time_passes():
    summit = SummitFactory(publish_at=NOW + HOUR)
    assert not Summit.objects.published().filter(pk=summit.pk).exists()
    assert summit.is_scheduled
    assert Summit.objects.published(now=NOW + 2 * HOUR).filter(pk=summit.pk).exists()


@pytest.mark.parametrize(
    "factory", [OrganizationFactory, MemberStateFactory, SummitFactory, OfficialFactory, InitiativeFactory]
)
def test_slugs_are_unique(factory):
    factory(slug="same-slug")
    # The database refuses it even past the write service's validation.
    with pytest.raises(IntegrityError), transaction.atomic():
        factory.build(slug="same-slug").save()
    with pytest.raises(ValidationError, match="slug"):
        factory(slug="same-slug")


@pytest.mark.parametrize("slug", ["Kazakhstan", "new", "feed", "two--hyphens", "-edge", "ünicode", "a b"])
def test_bad_and_reserved_slugs_are_refused_by_validation(slug):
    state = MemberStateFactory.build(slug=slug, iso_code="KAZ")
    with pytest.raises(ValidationError) as error:
        state.full_clean()
    assert "slug" in error.value.message_dict


def test_iso_codes_are_unique_and_three_capital_letters():
    MemberStateFactory(iso_code="KAZ")
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberStateFactory.build(iso_code="KAZ").save()
    with pytest.raises(ValidationError):
        MemberStateFactory.build(iso_code="kz", slug="kz").full_clean()


def test_summit_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        SummitFactory.build(starts_on=datetime.date(2024, 7, 4), ends_on=datetime.date(2024, 7, 3)).save()
    summit = SummitFactory.build(starts_on=datetime.date(2024, 7, 4), ends_on=datetime.date(2024, 7, 3))
    with pytest.raises(ValidationError, match="ends_on"):
        summit.full_clean()


def test_initiative_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        InitiativeFactory.build(starts_on=datetime.date(2024, 1, 1), ends_on=datetime.date(2023, 1, 1)).save()


def test_appointment_needs_an_organization_or_a_member_state():
    official = OfficialFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(official=official, title="Adviser")
    AppointmentFactory(official=official, member_state=None, organization=OrganizationFactory())


def test_appointment_cannot_end_before_it_starts():
    official = OfficialFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AppointmentFactory.build(
            official=official,
            member_state=MemberStateFactory(),
            started_on=datetime.date(2022, 1, 1),
            ended_on=datetime.date(2021, 1, 1),
        ).save()


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<svg onload="alert(1)"></svg>',
    '<body onload="alert(1)">',
    '<object data="evil.swf"></object>',
    '<form action="https://evil.example"><input name="x"></form>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<<script>script>alert(1)<</script>/script>",
    '<div onclick="alert(1)">x</div>',
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_rich_text_is_sanitized_on_every_save(payload):
    article = ArticleFactory(body=f"<p>Kept text</p>{payload}")
    article.refresh_from_db()
    body = article.body.lower()
    for dangerous in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "javascript:",
        "<iframe",
        "style=",
        "<object",
        "<form",
    ):
        assert dangerous not in body
    assert "data:text/html" not in body
    assert "<p>Kept text</p>" in article.body


def test_sanitizer_keeps_the_allowed_markup():
    html = '<p>A <strong>bold</strong> <a href="https://sco.example/">link</a></p><ul><li>one</li></ul>'
    cleaned = sanitize_html(html)
    assert "<strong>bold</strong>" in cleaned
    assert 'href="https://sco.example/"' in cleaned
    assert "<li>one</li>" in cleaned


def test_description_is_sanitized_too():
    state = MemberStateFactory(description='<p onclick="x()">Steppe</p><script>x()</script>')
    state.refresh_from_db()
    assert state.description == "<p>Steppe</p>"


def test_saving_a_new_membership_records_it_in_the_history():
    state = MemberStateFactory(membership="observer", membership_since=datetime.date(2005, 7, 5))
    services.record_update(record=state, fields={"membership": "member", "membership_since": datetime.date(2017, 6, 9)})
    history = list(state.membership_changes.values_list("membership", "changed_on"))
    assert history == [("observer", datetime.date(2005, 7, 5)), ("member", datetime.date(2017, 6, 9))]


def test_a_new_membership_change_updates_the_state():
    state = MemberStateFactory(membership="observer", membership_since=datetime.date(2005, 7, 5))
    change = MembershipChange(member_state=state, membership="member", changed_on=datetime.date(2017, 6, 9))
    services.record_create(record=change)
    state.refresh_from_db()
    assert (state.membership, state.membership_since) == ("member", datetime.date(2017, 6, 9))
    services.record_delete(record=change)
    state.refresh_from_db()
    assert state.membership == "observer"


def test_membership_as_of_reads_the_history():
    state = MemberStateFactory(membership="observer", membership_since=datetime.date(2005, 7, 5))
    MembershipChangeFactory(member_state=state, membership="member", changed_on=datetime.date(2017, 6, 9))
    MemberStateFactory(membership="member", membership_since=datetime.date(2024, 7, 4))
    in_2015 = MemberState.objects.with_membership_as_of(datetime.date(2015, 1, 1))
    assert list(in_2015.values_list("slug", "membership_as_of")) == [(state.slug, "observer")]
    in_2018 = MemberState.objects.with_membership_as_of(datetime.date(2018, 1, 1))
    assert list(in_2018.values_list("membership_as_of", flat=True)) == ["member"]


def test_changing_a_slug_remembers_the_old_one():
    official = OfficialFactory(slug="zhang-m")
    services.record_update(record=official, fields={"slug": "zhang-ming"})
    assert current_slug(type(official), "zhang-m") == "zhang-ming"
    assert current_slug(type(official), "nobody") is None


def test_every_record_reads_well_and_has_a_public_url():
    records = [
        OrganizationFactory(name="Shanghai Cooperation Organisation", short_name="SCO", slug="sco"),
        MemberStateFactory(name="Kazakhstan", slug="kazakhstan"),
        SummitFactory(title="Astana summit 2024", slug="2024-astana"),
        OfficialFactory(name="Zhang Ming", slug="zhang-ming"),
        InitiativeFactory(name="Year of Ecology", slug="year-of-ecology"),
        ArticleFactory(title="Harbin zone", slug="harbin-zone"),
    ]
    assert [str(r) for r in records][:2] == ["Shanghai Cooperation Organisation (SCO)", "Kazakhstan"]
    urls = [r.get_absolute_url() for r in records]
    assert urls == [
        "/organizations/sco/",
        "/member-states/kazakhstan/",
        "/summits/2024-astana/",
        "/officials/zhang-ming/",
        "/initiatives/year-of-ecology/",
        "/articles/harbin-zone/",
    ]
    topic = TopicFactory(name="Ecology", slug="ecology")
    assert (str(topic), topic.get_absolute_url()) == ("Ecology", "/topics/ecology/")


def test_default_ordering_puts_latest_summits_first():
    SummitFactory(slug="old", starts_on=datetime.date(2018, 6, 9), ends_on=None)
    SummitFactory(slug="new-one", starts_on=datetime.date(2024, 7, 3), ends_on=None)
    assert list(Summit.objects.values_list("slug", flat=True)) == ["new-one", "old"]
