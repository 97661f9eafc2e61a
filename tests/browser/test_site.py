"""The public site in a real browser (Debian's Chromium through Playwright):
a visitor's path through connected records, the search box, a filter form,
phone and desktop widths, and no CSP violation or console error anywhere."""

import os

import pytest

from tests import factories
from tests.pages_data import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls
    # of the test (building data) must still be allowed.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


@pytest.fixture
def world():
    assert os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE") == "true"
    return build_world()


def watched_page(browser, base_url, timeout=5000):
    """A page in a new desktop context that notes console errors, page errors and HTTP errors in `page.problems`."""
    context = browser.new_context(viewport=DESKTOP, base_url=base_url, java_script_enabled=True)
    page = context.new_page()
    page.set_default_timeout(timeout)
    page.problems = []
    page.on("console", lambda message: message.type in {"error", "warning"} and page.problems.append(message.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.on(
        "response",
        lambda response: response.status >= 400 and page.problems.append(f"{response.status} {response.url}"),
    )
    return page


@pytest.fixture
def page(browser, live_server, world):
    page = watched_page(browser, live_server.url)
    yield page
    page.context.close()


def test_a_visitor_goes_from_home_to_a_summit_to_an_official_to_an_article(page):
    page.goto("/")
    assert page.locator("h1").count() == 1
    page.get_by_role("link", name="Astana Summit 2024").first.click()
    assert page.locator("h1").inner_text() == "Astana Summit 2024"
    page.get_by_role("link", name="Kassym-Jomart Tokayev").first.click()
    assert page.locator("h1").inner_text() == "Kassym-Jomart Tokayev"
    assert page.get_by_role("heading", name="Appointments").is_visible()
    page.locator("section.reported-in").get_by_role("link", name="Leaders meet in Astana", exact=True).click()
    assert page.locator("h1").inner_text() == "Leaders meet in Astana"
    assert (
        page.get_by_role("link", name="Read the original article").get_attribute("href") == "https://example.org/astana"
    )
    assert page.problems == []


def test_the_search_box_finds_turkiye_without_the_accent(page):
    page.goto("/")
    page.get_by_label("Search the record").fill("turkiye")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=turkiye")
    results = page.locator("#results-member-states").locator("..")
    assert results.get_by_role("link", name="Türkiye").is_visible()
    assert page.problems == []


def test_a_filter_form_narrows_a_list(page):
    page.goto("/summits/")
    page.locator("details.filters > summary").click()
    page.get_by_label("Council").select_option("heads_of_state")
    page.get_by_label("Host state").select_option("kazakhstan")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**council=heads_of_state**")
    assert "host_state=kazakhstan" in page.url
    assert page.get_by_role("link", name="Astana Summit 2024").is_visible()
    assert page.get_by_role("link", name="Open Summit").count() == 0
    assert page.problems == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_pages_fit_the_screen_without_horizontal_scrolling(page, world, viewport):
    page.set_viewport_size(viewport)
    urls = ["/", "/articles/", "/summits/", "/member-states/", "/topics/", "/search/?q=astana"]
    urls += [world.summit.get_absolute_url(), world.official.get_absolute_url(), world.article.get_absolute_url()]
    urls += [world.kazakhstan.get_absolute_url(), world.initiative.get_absolute_url(), world.sco.get_absolute_url()]
    for url in urls:
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (url, overflow)
    assert page.problems == []


def test_the_skip_link_is_the_first_stop_and_focus_is_visible(page):
    page.goto("/summits/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_the_membership_chart_is_drawn_without_script(browser, live_server, world):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/member-states/")
    # On a phone: a row per year, every year named, within the screen; the columns are for wider screens.
    rows = page.locator("svg.chart__svg--rows")
    assert rows.is_visible() and not page.locator("svg.chart__svg--columns").is_visible()
    assert 0 < rows.bounding_box()["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert rows.locator("rect.chart__bar--member").count() > 0
    years = rows.locator("text.chart__axis--year")
    assert years.count() == page.locator("table th[scope=row]").count()
    assert years.first.bounding_box()["height"] >= 10  # drawn at a readable size, not shrunk to fit
    page.get_by_text("The numbers, year by year").click()
    assert page.get_by_role("table").is_visible()
    context.close()


def test_the_api_documentation_runs_under_the_content_security_policy(page):
    page.goto("/api/v1/docs/")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock-summary-path", has_text="/api/v1/summits/{slug}/").count() >= 1
    assert page.locator(".opblock").count() >= 30
    assert page.problems == []


def test_a_record_box_suggests_names_as_the_visitor_types(page, world):
    other = factories.ArticleFactory(title="Unrelated tourism note")
    page.goto("/articles/")
    page.locator("details.filters > summary").click()
    box = page.get_by_label("Official")
    box.press_sequentially("tokay", delay=30)
    suggestion = page.locator("#id_official_suggestions option")
    suggestion.first.wait_for(state="attached")
    assert suggestion.evaluate_all("options => options.map(option => [option.value, option.label])") == [
        ["kassym-jomart-tokayev", "Kassym-Jomart Tokayev"]
    ]
    # Headless Chromium draws no suggestion popup to click: pick the option as the
    # browser does when one is chosen, by putting its value in the box.
    box.fill(suggestion.first.get_attribute("value"))
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**official=kassym-jomart-tokayev**")
    assert page.get_by_role("link", name="Leaders meet in Astana").is_visible()
    assert page.get_by_role("link", name=other.title).count() == 0
    assert page.locator(".field__chosen").inner_text() == "Chosen: Kassym-Jomart Tokayev"
    assert page.problems == []


def test_a_record_box_takes_an_exact_name_without_script(browser, live_server, world):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/articles/")
    page.locator("details.filters > summary").click()
    page.get_by_label("Official").fill("Kassym-Jomart Tokayev")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**official=Kassym-Jomart+Tokayev**")
    assert page.get_by_role("link", name="Leaders meet in Astana").is_visible()
    assert page.locator(".field__chosen").inner_text() == "Chosen: Kassym-Jomart Tokayev"
    context.close()
