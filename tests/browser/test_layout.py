"""The layout in Chromium, with the SCO data set loaded: no page scrolls
sideways on a 360 px phone or a 1366 px desktop; the phone's menu opens
without JavaScript and keeps the header short; the header search spans the
phone's width and sits in the header row on a desktop; the list's order is
chosen without script."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command

from records.models import Article, Initiative, MemberState, Official, Organization, Summit, Topic
from tests.browser.test_site import browser  # noqa: F401  (the module's Chromium, shared)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1366, "height": 768}
LIST_URLS = ["/articles/", "/summits/", "/member-states/", "/officials/", "/initiatives/", "/organizations/"]
RECORD_MODELS = [Article, Summit, MemberState, Official, Initiative, Organization]
NAV_LABELS = ["Articles", "Summits", "Member states", "Officials", "Initiatives", "Organizations", "Topics"]


@pytest.fixture
def dataset_loaded(browser):  # noqa: F811
    """The data set and the About page, committed, for the live server's thread to see."""
    call_command("loaddata", "sco", verbosity=0)
    importlib.import_module("records.migrations.0016_about_page").create_about_page(apps, schema_editor=None)


def new_page(browser, live_server, viewport, javascript=True):  # noqa: F811
    context = browser.new_context(viewport=viewport, base_url=live_server.url, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(5000)
    page.problems = []
    page.on("console", lambda message: message.type in {"error", "warning"} and page.problems.append(message.text))
    page.on(
        "response",
        lambda response: response.status >= 400 and page.problems.append(f"{response.status} {response.url}"),
    )
    return page


def every_kind_of_page():
    urls = ["/", *LIST_URLS, "/search/?q=astana", "/topics/", "/about/", "/data/", "/articles/?sort=title"]
    urls += [model.objects.published().order_by("pk").first().get_absolute_url() for model in RECORD_MODELS]
    urls.append(Topic.objects.order_by("pk").first().get_absolute_url())
    # The record page with the longest names and lists: the latest heads-of-state summit.
    urls.append(
        Summit.objects.published().filter(council="heads_of_state").order_by("-starts_on")[0].get_absolute_url()
    )
    return urls


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1366px"])
def test_no_page_scrolls_sideways_with_the_data_set(browser, live_server, dataset_loaded, viewport):  # noqa: F811
    page = new_page(browser, live_server, viewport)
    for url in every_kind_of_page():
        response = page.goto(url)
        assert response.status == 200, url
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (url, overflow)
    assert page.problems == []
    page.context.close()


def test_the_phone_menu_opens_without_javascript_and_keeps_the_header_short(browser, live_server, dataset_loaded):  # noqa: F811
    page = new_page(browser, live_server, PHONE, javascript=False)
    page.goto("/summits/")
    nav = page.get_by_role("navigation", name="Main")
    assert page.locator(".site-header").bounding_box()["height"] <= 100
    assert not nav.get_by_role("link", name="Officials").is_visible()
    toggle = page.locator("summary.site-menu__toggle")
    assert toggle.is_visible() and toggle.inner_text().strip() == "Menu"
    toggle.click()
    for label in NAV_LABELS:
        assert nav.get_by_role("link", name=label, exact=True).is_visible(), label
    # The open menu lies over the page: the header keeps its height.
    assert page.locator(".site-header").bounding_box()["height"] <= 100
    nav.get_by_role("link", name="Officials").click()
    page.wait_for_url("**/officials/")
    assert page.locator("h1").inner_text() == "Officials"
    page.context.close()


def test_the_phone_menu_opens_from_the_keyboard(browser, live_server, dataset_loaded):  # noqa: F811
    page = new_page(browser, live_server, PHONE, javascript=False)
    page.goto("/topics/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the site's name
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('summary.site-menu__toggle')")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith("Menu")
    page.keyboard.press("Enter")
    assert page.get_by_role("navigation", name="Main").get_by_role("link", name="Articles").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Articles"
    page.context.close()


def test_the_phone_header_search_spans_the_screen(browser, live_server, dataset_loaded):  # noqa: F811
    page = new_page(browser, live_server, PHONE)
    page.goto("/summits/")
    form = page.locator(".site-header form.search-form").bounding_box()
    assert form["width"] >= PHONE["width"] - 40  # the screen less the page's margins
    box = page.get_by_label("Search the record").bounding_box()
    assert box["width"] >= PHONE["width"] / 2
    page.get_by_label("Search the record").fill("astana")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=astana")
    page.context.close()


def test_a_desktop_shows_the_sections_and_the_search_in_one_header_row(browser, live_server, dataset_loaded):  # noqa: F811
    page = new_page(browser, live_server, DESKTOP, javascript=False)
    page.goto("/summits/")
    assert not page.locator("summary.site-menu__toggle").is_visible()
    nav = page.get_by_role("navigation", name="Main")
    links = [nav.get_by_role("link", name=label, exact=True) for label in NAV_LABELS]
    assert all(link.is_visible() for link in links)
    header = page.locator(".site-header").bounding_box()
    search = page.get_by_label("Search the record").bounding_box()
    name = page.locator(".site-name").bounding_box()
    assert header["height"] <= 80
    assert abs((search["y"] + search["height"] / 2) - (name["y"] + name["height"] / 2)) <= 12  # one row
    # The sections are reached from the keyboard: the skip link, the name, then the first section.
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Articles"
    page.context.close()


def test_a_list_is_sorted_from_its_menu_without_script(browser, live_server, dataset_loaded):  # noqa: F811
    page = new_page(browser, live_server, PHONE, javascript=False)
    page.goto("/summits/")
    page.locator("details.filters > summary").click()
    page.get_by_label("Sort by").select_option("oldest")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**sort=oldest**")
    summits = Summit.objects.published()
    oldest, newest = summits.order_by("starts_on")[0], summits.order_by("-starts_on")[0]
    content = page.content()
    assert content.index(oldest.get_absolute_url()) < content.index(newest.get_absolute_url())
    assert page.get_by_label("Sort by").input_value() == "oldest"
    page.context.close()
