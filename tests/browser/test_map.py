"""The map of the SCO in a real browser (Debian's Chromium through Playwright):
named links a visitor can follow, the year selector without script, local
flags that load, and no horizontal scrolling on a phone."""

import re

import pytest

from tests.browser.test_site import DESKTOP, PHONE, browser, watched_page, world  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone_without_script(browser, live_server, world):  # noqa: F811 - the imported fixtures
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(5000)
    yield page
    context.close()


def map_link(page, name):
    return page.locator("svg.sco-map__svg").get_by_role("link", name=name, exact=True)


@pytest.mark.parametrize("url", ["/", "/member-states/", "/member-states/?as_of=2012-12-31"])
def test_the_map_fits_a_phone_screen(phone_without_script, url):
    page = phone_without_script
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth")
    box = page.locator("svg.sco-map__svg").bounding_box()
    assert 0 < box["width"] <= PHONE["width"] and box["height"] > 100


def test_a_visitor_follows_a_state_on_the_map_to_its_page(phone_without_script):
    page = phone_without_script
    page.goto("/member-states/")
    links = page.locator("svg.sco-map__svg a")
    names = sorted(links.nth(i).get_attribute("aria-label") for i in range(links.count()))
    assert names == ["Kazakhstan — member state", "Türkiye — dialogue partner"]
    assert page.get_by_role("link", name=re.compile("Xyzzy")).count() == 0
    map_link(page, "Kazakhstan — member state").click()
    assert page.locator("h1").inner_text() == "Kazakhstan"


def test_the_year_selector_recolours_the_map_without_script(phone_without_script):
    page = phone_without_script
    page.goto("/member-states/")
    today_fill = map_link(page, "Türkiye — dialogue partner").locator("path").evaluate("p => getComputedStyle(p).fill")
    page.locator(".sco-map__years").get_by_role("link", name="2001", exact=True).click()
    assert "as_of=2001-12-31" in page.url
    assert page.locator(".sco-map__day").inner_text().startswith("Membership at the end of 2001.")
    turkiye = map_link(page, "Türkiye — not in the SCO then")
    assert turkiye.locator("path").evaluate("p => getComputedStyle(p).fill") != today_fill
    assert map_link(page, "Kazakhstan — member state").count() == 1
    page.locator(".sco-map__years").get_by_role("link", name="Today", exact=True).click()
    assert map_link(page, "Türkiye — dialogue partner").count() == 1


def test_flags_load_from_our_own_files_on_the_map_and_the_pages(browser, live_server, world):  # noqa: F811
    page = watched_page(browser, live_server.url)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/member-states/")
    page.wait_for_load_state("networkidle")
    flag = page.locator(".card--memberstate img.flag").first
    assert flag.evaluate("img => img.complete && img.naturalWidth > 0")
    assert flag.get_attribute("alt") == ""
    assert page.locator("svg.sco-map__svg image.sco-map__flag").count() >= 1
    page.goto(world.kazakhstan.get_absolute_url())
    assert page.locator("h1 img.flag").evaluate("img => img.naturalWidth > 0")
    assert all(url.startswith(live_server.url) for url in requested)
    assert any("/static/vendor/flag-icons/4x3/kz.svg" in url for url in requested)
    assert page.problems == []
    page.context.close()


def test_the_map_has_no_horizontal_overflow_on_a_desktop_either(browser, live_server, world):  # noqa: F811
    page = watched_page(browser, live_server.url)
    page.set_viewport_size(DESKTOP)
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert map_link(page, "Kazakhstan — member state").is_visible()
    assert page.problems == []
    page.context.close()
