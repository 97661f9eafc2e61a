"""The site in Russian and Chinese in Chromium: the language switcher keeps the
visitor on the same page, without JavaScript, and no page scrolls sideways in
either language (Russian words are long, Chinese ones wide)."""

import pytest

from tests.browser.test_layout import DESKTOP, PHONE, dataset_loaded, every_kind_of_page, new_page  # noqa: F401
from tests.browser.test_site import browser  # noqa: F401  (the module's Chromium, shared)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_switcher_keeps_the_page_and_its_filters_without_javascript(browser, live_server, dataset_loaded):  # noqa: F811
    page = new_page(browser, live_server, PHONE, javascript=False)
    page.goto("/summits/?sort=oldest")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Русский (RU)").click()
    page.wait_for_url("**/ru/summits/?sort=oldest")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.get_by_role("heading", level=1).inner_text() == "Саммиты"
    page.get_by_role("navigation", name="Язык").get_by_role("link", name="中文").click()
    page.wait_for_url("**/zh/summits/?sort=oldest")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    switch = page.get_by_role("navigation", name="语言")
    assert switch.locator("[aria-current=page]").inner_text() == "中文"
    switch.get_by_role("link", name="English (EN)").click()
    page.wait_for_url("**/summits/?sort=oldest")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.problems == []
    page.context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1366px"])
@pytest.mark.parametrize("prefix", ["/ru", "/zh"])
def test_no_page_scrolls_sideways_in_russian_or_chinese(browser, live_server, dataset_loaded, viewport, prefix):  # noqa: F811
    page = new_page(browser, live_server, viewport)
    for url in every_kind_of_page():
        response = page.goto(f"{prefix}{url}")
        assert response.status == 200, url
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (prefix, url, overflow)
    assert page.problems == []
    page.context.close()
