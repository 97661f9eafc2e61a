"""Translated content: each translated field has a column per language (English,
Russian, Chinese); English stays the value the site shows, `_en` follows it on
every write; translations are written, reviewed and kept in history like any
other field; the admin shows how complete they are and finds what is missing;
the data package carries them."""

import csv
import io
import json

import pytest
from django.core import serializers
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from records import services
from records.diffs import version_rows
from records.languages import completeness, missing, translated_fields
from records.models import Article, MemberState, Organization, PendingChange, Topic
from records.opendata import field_columns
from records.translation import TRANSLATED
from tests import factories
from tests.test_api_support import token_client
from tests.test_pending_changes import admin_form
from tests.test_workflow import article_form

pytestmark = pytest.mark.django_db

LANGUAGE_SUFFIXES = ("en", "ru", "zh_hans")


def stored(record, *names):
    """The columns `names` of `record` as the database holds them."""
    return type(record)._default_manager.filter(pk=record.pk).values_list(*names).get()


def organization_form(organization, **overrides):
    data = {
        "name": organization.name,
        "short_name": organization.short_name,
        "slug": organization.slug,
        "kind": organization.kind,
        "founded_on_precision": "day",
        "headquarters": organization.headquarters,
        "website": organization.website,
        "summary": organization.summary,
        "description": organization.description,
        "status": organization.status,
        "loaded_version": str(services.latest_version_id(organization)),
    }
    data.update(overrides)
    return data


# --- the columns ------------------------------------------------------------------------


@pytest.mark.parametrize("model", list(TRANSLATED), ids=lambda model: model.__name__)
def test_each_translated_field_has_a_column_per_language_on_the_record_and_its_history(model):
    fields, history_lists = TRANSLATED[model]
    assert list(translated_fields(model)) == [f.name for f in model._meta.concrete_fields if f.name in fields]
    columns = {field.name for field in model._meta.concrete_fields}
    for field in fields:
        assert {f"{field}_{suffix}" for suffix in LANGUAGE_SUFFIXES} <= columns
    if history_lists is not None:
        historical = model.history.model
        assert historical._meta.db_table == f"records_historical{model._meta.model_name}"
        history_columns = {field.name for field in historical._meta.concrete_fields}
        assert {f"{field}_{suffix}" for field in fields for suffix in LANGUAGE_SUFFIXES} <= history_columns


def test_history_keeps_the_linked_lists_it_kept():
    assert {field.name for field in Article.history.model._history_m2m_fields} == {
        "topics",
        "officials",
        "member_states",
        "summits",
        "initiatives",
        "organizations",
        "sources",
    }


# --- English stays the value the site reads -------------------------------------------------------


def test_the_write_service_keeps_the_english_column_equal_to_the_field():
    organization = services.record_create(record=Organization(name="Shanghai Cooperation Organization", slug="sco"))
    assert stored(organization, "name", "name_en", "name_ru") == (
        "Shanghai Cooperation Organization",
        "Shanghai Cooperation Organization",
        "",
    )
    services.record_update(record=organization, fields={"name": "SCO", "name_ru": "ШОС"})
    assert stored(organization, "name", "name_en", "name_ru") == ("SCO", "SCO", "ШОС")


def test_a_write_in_another_active_language_still_writes_the_english_value():
    organization = factories.OrganizationFactory(name="Secretariat", name_ru="Секретариат")
    with translation.override("ru"):
        services.record_update(record=organization, fields={"name": "SCO Secretariat"})
    assert stored(organization, "name", "name_en", "name_ru") == ("SCO Secretariat", "SCO Secretariat", "Секретариат")


def test_the_admin_form_writes_english_and_the_translations(client, publisher):
    client.force_login(publisher)
    article = factories.ArticleFactory(title="Old title")
    response = client.post(
        reverse("admin:records_article_change", args=[article.pk]),
        article_form(article, title="New title", title_ru="Новый заголовок", title_zh_hans="新标题"),
    )
    assert response.status_code == 302
    assert stored(article, "title", "title_en", "title_ru", "title_zh_hans") == (
        "New title",
        "New title",
        "Новый заголовок",
        "新标题",
    )


def test_an_api_write_keeps_the_english_column_equal_to_the_field(publisher):
    article = factories.ArticleFactory(slug="news", title="Old title", title_ru="Старый заголовок")
    response = token_client(publisher).patch("/api/v1/articles/news/", {"title": "Patched title"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Patched title"
    assert stored(article, "title", "title_en", "title_ru") == ("Patched title", "Patched title", "Старый заголовок")


def test_the_english_page_and_api_show_english_not_the_translation(client):
    factories.MemberStateFactory(slug="china", name="China", name_ru="Китай", name_zh_hans="中国")
    page = client.get("/member-states/china/").content.decode()
    assert "China" in page and "Китай" not in page and "中国" not in page
    assert client.get("/api/v1/member-states/china/").json()["name"] == "China"


def test_queries_filter_and_order_by_the_english_columns_whatever_the_active_language():
    factories.OrganizationFactory(name="Alpha", slug="alpha", name_ru="Яблоко")
    factories.OrganizationFactory(name="Beta", slug="beta", name_ru="Абрикос")
    with translation.override("ru"):
        assert Organization.objects.get(name="Alpha").slug == "alpha"
        assert list(Organization.objects.order_by("name").values_list("name", flat=True)) == ["Alpha", "Beta"]
        assert list(Topic.objects.filter(name="Alpha")) == []
        conditions = str(Organization.objects.filter(name="Alpha").order_by("name").query).split(" WHERE ")[1]
        assert '"name" = Alpha' in conditions and "name_ru" not in conditions


def test_records_read_with_only_their_name_read_it_without_a_query_each(django_assert_num_queries):
    for number in range(3):
        factories.MemberStateFactory(name=f"State {number}")
    states = list(MemberState.objects.only("name", "slug").order_by("name"))
    with django_assert_num_queries(0):
        assert [state.name for state in states] == ["State 0", "State 1", "State 2"]


def test_a_fixture_that_edits_a_field_but_not_its_english_column_loads_the_edit(tmp_path):
    topic = factories.TopicFactory(name="Ecology", slug="ecology")
    data = json.loads(serializers.serialize("json", [topic]))
    assert data[0]["fields"]["name_en"] == "Ecology"
    data[0]["fields"]["name"] = "Environment"
    fixture = tmp_path / "topic.json"
    fixture.write_text(json.dumps(data))
    call_command("loaddata", str(fixture), verbosity=0)
    assert stored(topic, "name", "name_en") == ("Environment", "Environment")


def test_two_topics_may_both_lack_a_translation_of_their_unique_name():
    factories.TopicFactory(name="Ecology", name_ru="")
    factories.TopicFactory(name="Security")
    assert list(Topic.objects.order_by("name").values_list("name_ru", flat=True)) == [None, None]


def test_rich_text_is_sanitized_in_every_language():
    hostile = '<p>Kept</p><script>alert("x")</script><a href="javascript:alert(1)">link</a>'
    article = factories.ArticleFactory(body=hostile, body_ru=hostile, body_zh_hans=hostile)
    for text in stored(article, "body", "body_en", "body_ru", "body_zh_hans"):
        assert "<p>Kept</p>" in text and "script" not in text and "javascript" not in text


# --- the workflow: a translation of a live record is reviewed --------------------------------------


def test_an_editors_translation_of_a_live_record_is_a_pending_change_until_approved(client, editor, publisher):
    live = factories.ArticleFactory(slug="live", title="Live title", summary="Live summary.")
    client.force_login(editor)
    response = client.post(
        reverse("admin:records_article_change", args=[live.pk]),
        admin_form(live, title_ru="Живой заголовок", summary_zh_hans="摘要。"),
    )
    assert response.status_code == 302
    change = PendingChange.objects.get()
    assert change.fields == {"title_ru": "Живой заголовок", "summary_zh_hans": "摘要。"}
    assert stored(live, "title", "title_ru", "summary_zh_hans") == ("Live title", "", "")

    services.change_approve(change=change, user=publisher)
    assert stored(live, "title", "title_en", "title_ru", "summary_zh_hans") == (
        "Live title",
        "Live title",
        "Живой заголовок",
        "摘要。",
    )


def test_the_review_of_a_translation_names_its_language(client, editor, publisher):
    live = factories.ArticleFactory(slug="live", title="Live title")
    services.change_propose(record=live, fields={"title_ru": "Живой заголовок"}, user=editor)
    client.force_login(publisher)
    change = PendingChange.objects.get()
    review = client.get(reverse("admin:records_pendingchange_change", args=[change.pk])).content.decode()
    assert "title [ru]" in review and "<ins>Живой заголовок</ins>" in review


def test_an_english_edit_is_proposed_once_not_again_as_its_english_column(editor):
    live = factories.ArticleFactory(slug="live", title="Live title")
    change = services.change_propose(record=live, fields={"title": "Edited title"}, user=editor)
    assert change.fields == {"title": "Edited title"}


# --- history -----------------------------------------------------------------------------------


def test_history_records_the_translations_and_compares_them_by_language():
    official = factories.OfficialFactory(name="Zhang Ming")
    services.record_update(record=official, fields={"name_ru": "Чжан Мин", "name_zh_hans": "张明"})
    newer, older = official.history.order_by("-history_id")[:2]
    assert (newer.name, newer.name_en, newer.name_ru, newer.name_zh_hans) == (
        "Zhang Ming",
        "Zhang Ming",
        "Чжан Мин",
        "张明",
    )
    labels = [label for label, _ in version_rows(newer, older)]
    assert labels == ["name [ru]", "name [zh-hans]"]
    services.record_update(record=official, fields={"name": "Zhang Ming (diplomat)"})
    newest, previous = official.history.order_by("-history_id")[:2]
    assert [label for label, _ in version_rows(newest, previous)] == ["name"]


# --- the admin: completeness and what is missing --------------------------------------------------


@pytest.fixture
def organizations():
    whole = factories.OrganizationFactory(
        name="Whole", slug="whole", summary="Summary.", name_ru="Целая", summary_ru="Кратко.", name_zh_hans="全"
    )
    bare = factories.OrganizationFactory(name="Bare", slug="bare", summary="Summary.")
    return whole, bare


def test_completeness_counts_the_translated_fields_that_have_an_english_value(organizations):
    whole, bare = organizations
    assert completeness(whole) == {"ru": (2, 2), "zh-hans": (1, 2)}
    assert completeness(bare) == {"ru": (0, 2), "zh-hans": (0, 2)}
    assert set(Organization.objects.filter(missing(Organization, "ru"))) == {bare}
    assert set(Organization.objects.filter(missing(Organization, "zh-hans"))) == {whole, bare}


def test_the_admin_list_shows_completeness_and_filters_what_is_missing(admin_client_logged_in, organizations):
    url = reverse("admin:records_organization_changelist")
    page = admin_client_logged_in.get(url).content.decode()
    assert "ru 2/2 · zh 1/2" in page and "ru 0/2 · zh 0/2" in page
    missing_ru = admin_client_logged_in.get(url, {"missing": "ru"})
    assert [record.slug for record in missing_ru.context["cl"].result_list] == ["bare"]
    missing_zh = admin_client_logged_in.get(url, {"missing": "zh-hans"})
    assert sorted(record.slug for record in missing_zh.context["cl"].result_list) == ["bare", "whole"]


def test_the_admin_form_shows_the_languages_side_by_side(admin_client_logged_in):
    organization = factories.OrganizationFactory()
    response = admin_client_logged_in.get(reverse("admin:records_organization_change", args=[organization.pk]))
    form = response.context["adminform"].form
    assert {"name", "name_ru", "name_zh_hans", "description_ru", "description_zh_hans"} <= set(form.fields)
    assert "name_en" not in form.fields
    rows = [tuple(line.fields) for fieldset in response.context["adminform"] for line in fieldset]
    assert ("name", "name_ru", "name_zh_hans") in rows
    assert ("description",) in rows and ("description_ru",) in rows  # rich text: one under another


def test_an_organization_form_saves_translations_of_every_field(client, publisher):
    organization = factories.OrganizationFactory(name="SCO", slug="sco")
    client.force_login(publisher)
    response = client.post(
        reverse("admin:records_organization_change", args=[organization.pk]),
        organization_form(
            organization, headquarters="Beijing", headquarters_ru="Пекин", description_zh_hans="<p>描述</p>"
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert stored(organization, "headquarters", "headquarters_en", "headquarters_ru", "description_zh_hans") == (
        "Beijing",
        "Beijing",
        "Пекин",
        "<p>描述</p>",
    )


# --- the data package ------------------------------------------------------------------------------


def test_the_data_package_has_a_column_per_translation_and_none_for_english(client):
    names = [name for name, *_ in field_columns(Organization)]
    assert "name_ru" in names and "summary_zh_hans" in names and "name_en" not in names
    assert names.index("name_ru") > names.index("website")  # translations come last
    factories.OrganizationFactory(slug="sco", name="SCO", name_ru="ШОС", name_zh_hans="上合组织")
    response = client.get("/data/organizations.csv")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    header, *rows = csv.reader(io.StringIO(content.decode()))
    row = dict(zip(header, rows[0], strict=True))
    assert (row["name"], row["name_ru"], row["name_zh_hans"]) == ("SCO", "ШОС", "上合组织")
    assert "name_en" not in header
