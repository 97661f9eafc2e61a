"""The admin: every page renders, search works, and the home panel shows the editorial work."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from records.models import Status

from .factories import (
    AppointmentFactory,
    ArticleFactory,
    InitiativeFactory,
    MemberStateFactory,
    OfficialFactory,
    OrganizationFactory,
    SummitFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_of_each():
    state = MemberStateFactory(name="Kazakhstan", slug="kazakhstan", iso_code="KAZ")
    official = OfficialFactory(name="Kassym-Jomart Tokayev", member_state=state)
    appointment = AppointmentFactory(official=official, member_state=state)
    summit = SummitFactory(title="Astana summit", host_state=state, chair_state=state)
    summit.participants.add(official)
    topic = TopicFactory(name="Ecology", slug="ecology")
    initiative = InitiativeFactory(name="Year of Ecology", lead_state=state, launched_at=summit)
    initiative.topics.add(topic)
    article = ArticleFactory(title="Astana summit report")
    article.summits.add(summit)
    return {
        "organization": article.source,
        "memberstate": state,
        "official": official,
        "summit": summit,
        "initiative": initiative,
        "article": article,
        "topic": topic,
        "appointment": appointment,
        "membershipchange": state.membership_changes.get(),
        "slugredirect": None,
    }


MODEL_NAMES = [
    "organization",
    "memberstate",
    "official",
    "summit",
    "initiative",
    "article",
    "topic",
    "appointment",
    "membershipchange",
    "slugredirect",
]


@pytest.mark.parametrize("model_name", MODEL_NAMES)
def test_changelist_and_add_pages_render_for_a_superuser(admin_client_logged_in, one_of_each, model_name):
    changelist = admin_client_logged_in.get(reverse(f"admin:records_{model_name}_changelist"))
    assert changelist.status_code == 200
    add = admin_client_logged_in.get(reverse(f"admin:records_{model_name}_add"))
    # Old slugs are kept by the write service, never entered by hand.
    assert add.status_code == (403 if model_name == "slugredirect" else 200)


@pytest.mark.parametrize("model_name", [name for name in MODEL_NAMES if name != "slugredirect"])
def test_change_page_renders_for_a_superuser(admin_client_logged_in, one_of_each, model_name):
    obj = one_of_each[model_name]
    response = admin_client_logged_in.get(reverse(f"admin:records_{model_name}_change", args=[obj.pk]))
    assert response.status_code == 200
    assert str(obj) in response.content.decode()


@pytest.mark.parametrize("model_name", ["organization", "memberstate", "official", "summit", "initiative", "article"])
def test_history_page_renders(admin_client_logged_in, one_of_each, model_name):
    obj = one_of_each[model_name]
    response = admin_client_logged_in.get(reverse(f"admin:records_{model_name}_history", args=[obj.pk]))
    assert response.status_code == 200


def test_admin_search_finds_records_by_name(admin_client_logged_in, one_of_each):
    url = reverse("admin:records_official_changelist")
    found = admin_client_logged_in.get(url, {"q": "Tokayev"})
    assert "Kassym-Jomart Tokayev" in found.content.decode()
    assert found.context["cl"].result_count == 1
    missing = admin_client_logged_in.get(url, {"q": "Nobody at all"})
    assert missing.context["cl"].result_count == 0


def test_autocomplete_serves_related_records(admin_client_logged_in, one_of_each):
    response = admin_client_logged_in.get(
        reverse("admin:autocomplete"),
        {"app_label": "records", "model_name": "summit", "field_name": "host_state", "term": "Kaz"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Kazakhstan"]


def test_publication_filter_separates_scheduled_from_live(admin_client_logged_in):
    ArticleFactory(title="Live one")
    ArticleFactory(title="Later one", publish_at=timezone.now() + datetime.timedelta(days=2))
    ArticleFactory(title="Draft one", status=Status.DRAFT)
    url = reverse("admin:records_article_changelist")
    scheduled = admin_client_logged_in.get(url, {"publication": "scheduled"}).context["cl"].result_list
    live = admin_client_logged_in.get(url, {"publication": "live"}).context["cl"].result_list
    drafts = admin_client_logged_in.get(url, {"publication": "draft"}).context["cl"].result_list
    assert [a.title for a in scheduled] == ["Later one"]
    assert [a.title for a in live] == ["Live one"]
    assert [a.title for a in drafts] == ["Draft one"]


def test_home_panel_shows_review_queue_schedule_and_recent_publications(admin_client_logged_in):
    ArticleFactory(title="Waiting for a publisher", status=Status.REVIEW)
    SummitFactory(title="Announced summit", publish_at=timezone.now() + datetime.timedelta(days=1))
    OrganizationFactory(name="Freshly published body")
    page = admin_client_logged_in.get(reverse("admin:index")).content.decode()
    review = page.index("Awaiting review")
    scheduled = page.index("Scheduled next")
    recent = page.index("Recently published")
    assert review < page.index("Waiting for a publisher") < scheduled
    assert scheduled < page.index("Announced summit") < recent
    assert recent < page.index("Freshly published body")


def test_home_panel_shows_each_editor_their_drafts_and_their_changes(client, editor, publisher):
    from records import services

    mine = services.record_create(
        record=ArticleFactory.build(title="Drafted by the editor", status=Status.DRAFT, source=None), user=editor
    )
    services.record_create(
        record=ArticleFactory.build(title="Someone else's draft", status=Status.DRAFT, source=None), user=publisher
    )
    live = ArticleFactory(title="Live article")
    services.change_propose(record=live, fields={"summary": "Better."}, user=editor)
    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    drafts, changes = page.index("My drafts"), page.index("My changes to live records")
    assert drafts < page.index(str(mine)) < changes < page.index("Live article — awaiting review")
    assert "Someone else" not in page


def test_changelists_truncate_long_titles_and_badge_the_status(admin_client_logged_in, editor):
    from records import services

    title = "A very long title " * 12
    article = ArticleFactory(title=title.strip())
    services.change_propose(record=article, fields={"summary": "Better."}, user=editor)
    page = admin_client_logged_in.get(reverse("admin:records_article_changelist")).content.decode()
    assert f'<span class="record-label" title="{title.strip()}">' in page
    assert '<span class="publication publication-published">Published</span>' in page
    assert "change pending" in page
    assert "css/admin.css" in page
    pending = admin_client_logged_in.get(reverse("admin:records_article_changelist"), {"pending_change": "no"})
    assert "record-label" not in pending.content.decode()


def test_dates_read_as_the_site_writes_them_in_the_admin(admin_client_logged_in):
    summit = SummitFactory(title="Dated summit")
    page = admin_client_logged_in.get(reverse("admin:records_summit_changelist")).content.decode()
    assert "3 July 2024" in page
    change = admin_client_logged_in.get(reverse("admin:records_summit_change", args=[summit.pk])).content.decode()
    assert "View on site" in change


def participation_rows(*rows):
    """The participants inline of the summit form, filled with `rows`."""
    data = {
        "participations-TOTAL_FORMS": str(len(rows)),
        "participations-INITIAL_FORMS": "0",
        "participations-MIN_NUM_FORMS": "0",
        "participations-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"participations-{index}-{name}": value for name, value in row.items()})
    return data


def test_a_new_summit_with_participants_can_be_entered_in_one_form(admin_client_logged_in):
    state = MemberStateFactory(slug="kazakhstan", iso_code="KAZ")
    leaders = OfficialFactory.create_batch(3)
    response = admin_client_logged_in.post(
        reverse("admin:records_summit_add"),
        {
            "title": "Astana summit 2024",
            "slug": "2024-astana-heads-of-state",
            "number": "24",
            "council": "heads_of_state",
            "format": "in_person",
            "city": "Astana",
            "starts_on": "2024-07-03",
            "ends_on": "2024-07-04",
            "host_state": state.pk,
            "chair_state": state.pk,
            "summary": "The 24th meeting of the Council of Heads of State.",
            "description": "<p>Held in Astana.</p><script>alert(1)</script>",
            "status": "draft",
            **participation_rows(
                *[{"official": leader.pk, "role": "member", "attendance": "in_person"} for leader in leaders],
                {"member_state": state.pk, "role": "guest", "attendance": "video"},
            ),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    summit = SummitFactory._meta.model.objects.get(slug="2024-astana-heads-of-state")
    assert summit.participants.count() == 3
    guest = summit.participations.get(official=None)
    assert (guest.member_state, guest.attendance) == (state, "video")
    assert summit.description == "<p>Held in Astana.</p>"
    assert summit.history.count() >= 1


def test_changelists_find_records_missing_a_picture_or_its_alt_text(admin_client_logged_in):
    from tests.factories import ImageFactory

    ArticleFactory(title="Without a picture")
    ArticleFactory(title="With a described picture", lead_image=ImageFactory())
    ArticleFactory(title="With a decorative picture", lead_image=ImageFactory(alt_text="", is_decorative=True))
    url = reverse("admin:records_article_changelist")

    def titles(value):
        page = admin_client_logged_in.get(url, {"picture": value}).context["cl"]
        return sorted(article.title for article in page.result_list)

    assert titles("missing") == ["Without a picture"]
    assert titles("no_alt") == ["With a decorative picture"]
    assert titles("ok") == ["With a described picture"]
