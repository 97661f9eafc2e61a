"""The About and methodology page: made by a data migration, edited by
publishers only (through the write service, sanitized), linked from every
page's footer; and the corrections address (settings.CORRECTIONS_EMAIL) on
it and on every record page."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages

from records.models import Page
from records.models.pages import ABOUT
from tests.pages_data import build_world, sitemap_locations

pytestmark = pytest.mark.django_db

ADMIN_URL = "/admin/records/page/{}/change/"


@pytest.fixture
def about():
    """The page the data migration made (made again if a flushed database lost it)."""
    migration = importlib.import_module("records.migrations.0016_about_page")
    migration.create_about_page(apps, schema_editor=None)
    return Page.objects.get(slug=ABOUT)


def test_the_data_migration_writes_a_first_about_page_that_says_where_facts_come_from(client):
    Page.objects.filter(slug=ABOUT).delete()
    migration = importlib.import_module("records.migrations.0016_about_page")
    migration.create_about_page(apps, schema_editor=None)
    response = client.get("/about/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>About SCO Records</h1>" in content
    for heading in ("Where the facts come from", "How dates are given", "How a record is checked", "Corrections"):
        assert f"<h2>{heading}</h2>" in content
    assert "corrections@example.org" in content


def test_the_about_page_is_a_404_until_it_exists(client):
    Page.objects.filter(slug=ABOUT).delete()
    assert client.get("/about/").status_code == 404


def test_every_page_links_to_the_about_page_in_its_footer(client, about):
    for url in ("/", "/summits/", "/about/", "/search/?q=astana"):
        content = client.get(url).content.decode()
        footer = content[content.index('<footer class="site-footer">') :]
        assert '<a href="/about/">About and methodology</a>' in footer, url


def test_a_publisher_edits_the_about_page_in_the_admin_and_the_text_is_sanitized(client, publisher, about):
    client.force_login(publisher)
    assert client.get(ADMIN_URL.format(about.pk)).status_code == 200
    body = '<p onclick="steal()">We check <a href="javascript:alert(1)">every</a> fact.</p><script>alert(1)</script>'
    response = client.post(ADMIN_URL.format(about.pk), {"title": "About us", "body": body})
    assert response.status_code == 302, response.content.decode()[:2000]
    warnings = [str(message) for message in get_messages(response.wsgi_request)]
    assert any(warning.startswith("Body: ") and "removed" in warning for warning in warnings), warnings
    about.refresh_from_db()
    assert about.title == "About us"
    assert "We check" in about.body
    assert "onclick" not in about.body and "<script" not in about.body and "javascript:" not in about.body
    page = client.get("/about/").content.decode()
    assert "<h1>About us</h1>" in page and "We check" in page and "alert(1)" not in page


def test_the_slug_of_the_about_page_cannot_be_changed_in_the_admin(client, publisher, about):
    client.force_login(publisher)
    client.post(ADMIN_URL.format(about.pk), {"title": "About", "body": "<p>Text</p>", "slug": "elsewhere"})
    about.refresh_from_db()
    assert about.slug == ABOUT


def test_an_editor_may_neither_open_nor_change_the_about_page(client, editor, about):
    client.force_login(editor)
    assert client.get(ADMIN_URL.format(about.pk)).status_code == 403
    response = client.post(ADMIN_URL.format(about.pk), {"title": "Defaced", "body": "<p>Defaced</p>"})
    assert response.status_code == 403
    about.refresh_from_db()
    assert about.title == "About SCO Records"
    assert "Defaced" not in client.get("/about/").content.decode()


def test_only_publishers_hold_the_page_permissions():
    publishers = set(Group.objects.get(name="Publishers").permissions.values_list("codename", flat=True))
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"view_page", "change_page"} <= publishers
    assert "add_page" not in publishers and "delete_page" not in publishers
    assert not {"view_page", "change_page", "add_page", "delete_page"} & editors


def test_pages_are_neither_added_nor_deleted_in_the_admin(admin_client_logged_in, about):
    assert admin_client_logged_in.get("/admin/records/page/add/").status_code == 403
    assert admin_client_logged_in.get(f"/admin/records/page/{about.pk}/delete/").status_code == 403


def test_the_corrections_address_is_on_the_about_page_and_every_record_page(client, settings, about):
    settings.CORRECTIONS_EMAIL = "fixes@sco-records.test"
    world = build_world()
    assert "mailto:fixes@sco-records.test" in client.get("/about/").content.decode()
    for record in (world.article, world.summit, world.kazakhstan, world.official, world.initiative, world.sco):
        content = client.get(record.get_absolute_url()).content.decode()
        assert 'Spotted an error? Write to <a href="mailto:fixes@sco-records.test?subject=Correction%3A%20' in content
        assert ">fixes@sco-records.test</a>" in content


def test_the_sitemap_lists_the_about_page_while_it_exists(client, about):
    assert "http://testserver/about/" in sitemap_locations(client)
    about.delete()
    assert "http://testserver/about/" not in sitemap_locations(client)
