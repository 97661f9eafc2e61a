"""The editor's desk in a real browser (Debian's Chromium through Playwright):
an editor writes a formatted article with a library image in the admin's
rich-text editor and submits it for review, a publisher publishes it, and a
visitor sees the picture with its renditions — no CSP violation or console
error on any page."""

import os

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from records.models import Article, PendingChange, Status
from tests import factories
from tests.browser.test_site import CHROMIUM_ARGS, DESKTOP, browser, watched_page  # noqa: F401  (the shared Chromium)
from tests.pictures import upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-desk-2024-long"


def staff(username, group):
    user = factories.UserFactory(username=username, is_staff=True, password=PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def desk():
    assert os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE") == "true"
    image = factories.ImageFactory(
        alt_text="Delegates in the Astana congress hall",
        caption="The opening session",
        file=upload("hall.jpg", width=1600, height=1000),
    )
    return {
        "editor": staff("desk-editor", "Editors"),
        "publisher": staff("desk-publisher", "Publishers"),
        "image": image,
    }


def sign_in(page, username):
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def run_action(page, article, action):
    page.goto("/admin/records/article/")
    page.locator(f'input[name="_selected_action"][value="{article.pk}"]').check()
    page.locator('select[name="action"]').select_option(action)
    page.get_by_role("button", name="Go").click()
    page.locator(".messagelist").wait_for()


# What Word puts on the clipboard, in short.
WORD_PASTE = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><!--StartFragment-->'
    '<p class="MsoNormal" style="margin:0cm;line-height:115%"><b><span style="font-family:Calibri">Pasted</span></b>'
    '<span style="font-family:Calibri"> from a word processor<o:p></o:p></span></p><!--EndFragment--></body></html>'
)
# And what Google Docs does.
DOCS_PASTE = (
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5d1e"><p dir="ltr" '
    'style="line-height:1.38"><span style="font-size:11pt;font-weight:700">Docs</span><span '
    'style="font-size:11pt;font-weight:400"> text in </span><span style="font-style:italic">italics</span></p></b>'
)


def paste_html(page, html):
    """Paste `html` into the focused editor, as the clipboard would."""
    page.evaluate(
        """html => {
            const data = new DataTransfer()
            data.setData("text/html", html)
            data.setData("text/plain", "Pasted from a word processor")
            document.activeElement.dispatchEvent(
                new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true })
            )
        }""",
        html,
    )


def select_word(page, word):
    """Select `word` in the editor, as a mouse drag over it would."""
    page.evaluate(
        """word => {
            const editable = document.querySelector(".field-body .ProseMirror[contenteditable]")
            const walker = document.createTreeWalker(editable, NodeFilter.SHOW_TEXT)
            while (walker.nextNode()) {
                const start = walker.currentNode.textContent.indexOf(word)
                if (start < 0) continue
                const range = document.createRange()
                range.setStart(walker.currentNode, start)
                range.setEnd(walker.currentNode, start + word.length)
                getSelection().removeAllRanges()
                getSelection().addRange(range)
                return
            }
        }""",
        word,
    )


def test_an_article_written_in_the_editor_with_a_library_image_reaches_the_public(browser, live_server, desk):  # noqa: F811
    image = desk["image"]

    # The editor writes the article.
    editor = watched_page(browser, live_server.url, timeout=8000)
    sign_in(editor, "desk-editor")
    editor.goto("/admin/records/article/add/")
    editor.get_by_label("Title:").fill("Delegates meet in Astana")
    editor.keyboard.press("Tab")
    expect(editor.get_by_label("Slug:")).to_have_value("delegates-meet-in-astana")  # filled from the title
    # The English body's editor (the Russian and Chinese bodies have editors of their own below it).
    body = editor.locator(".field-body")
    prose = body.locator(".ProseMirror[contenteditable]")
    prose.click()
    editor.keyboard.press("Control+Alt+2")
    editor.keyboard.type("What was agreed")
    expect(prose.locator("h2")).to_have_text("What was agreed")
    editor.keyboard.press("Enter")
    editor.keyboard.type("Read the declaration")
    editor.keyboard.press("Enter")
    paste_html(editor, WORD_PASTE)
    expect(prose.locator("strong").first).to_have_text("Pasted")
    editor.keyboard.press("Enter")
    paste_html(editor, DOCS_PASTE)
    expect(prose.locator("em")).to_have_text("italics")
    editor.keyboard.press("Enter")
    body.get_by_role("button", name="Insert an image from the library").click()
    picker = editor.locator("dialog.library-picker")
    picker.get_by_role("button", name="Delegates in the Astana congress hall").click()
    expect(prose.locator(f'img[data-image="{image.pk}"]')).to_be_visible()
    select_word(editor, "declaration")
    expect(body.get_by_role("button", name="insert link")).not_to_have_class("disabled")
    body.get_by_role("button", name="insert link").click()
    dialog = editor.locator("dialog.prose-editor-dialog")
    dialog.locator('input[name="href"]').fill("https://sco.example/declaration")
    dialog.get_by_role("button", name="Update").click()
    expect(prose.locator('a[href="https://sco.example/declaration"]')).to_have_text("declaration")
    editor.locator('input[name="_save"]').first.click()
    editor.wait_for_url("**/admin/records/article/")
    assert editor.locator(".messagelist .warning").count() == 0, editor.locator(".messagelist").inner_text()

    article = Article.objects.get(slug="delegates-meet-in-astana")
    assert "<h2>What was agreed</h2>" in article.body
    assert 'href="https://sco.example/declaration"' in article.body
    assert f'data-image="{image.pk}"' in article.body
    assert "<p><strong>Pasted</strong> from a word processor</p>" in article.body
    assert "<p><strong>Docs</strong> text in <em>italics</em></p>" in article.body
    assert "Mso" not in article.body and "style" not in article.body
    assert article.status == Status.DRAFT

    run_action(editor, article, "submit_for_review")
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    assert editor.problems == []

    # The publisher publishes it.
    publisher = watched_page(browser, live_server.url, timeout=8000)
    sign_in(publisher, "desk-publisher")
    run_action(publisher, article, "publish")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert publisher.problems == []

    # A visitor reads it, picture included.
    visitor = watched_page(browser, live_server.url, timeout=8000)
    visitor.goto("/articles/delegates-meet-in-astana/")
    body = visitor.locator(".prose")
    assert body.get_by_role("heading", name="What was agreed", level=2).is_visible()
    assert body.get_by_role("link", name="declaration").get_attribute("href") == "https://sco.example/declaration"
    picture = body.locator("picture img")
    picture.scroll_into_view_if_needed()
    picture.wait_for()
    assert picture.get_attribute("alt") == "Delegates in the Astana congress hall"
    assert (picture.get_attribute("width"), picture.get_attribute("height")) == ("1280", "800")
    assert "640w" in picture.get_attribute("srcset") and picture.get_attribute("sizes")
    assert "webp" in body.locator("picture source").get_attribute("type")
    visitor.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=picture.element_handle())
    assert visitor.evaluate("document.querySelector('.prose picture img').currentSrc").split("/")[-1].endswith(".webp")
    assert visitor.problems == []


def test_record_lists_fit_a_1366_pixel_screen_with_long_titles_cut_short(browser, live_server, desk):  # noqa: F811
    factories.ArticleFactory(title="A very long title about the summit " * 6, source=factories.MediaFactory())
    context = browser.new_context(viewport={"width": 1366, "height": 768}, base_url=live_server.url)
    page = context.new_page()
    sign_in(page, "desk-publisher")
    page.goto("/admin/records/article/")
    results = page.locator("#changelist .results")
    assert results.evaluate("element => element.scrollWidth <= element.clientWidth")
    label = page.locator(".record-label").first
    assert label.get_attribute("title").startswith("A very long title about the summit")
    assert label.evaluate("element => element.scrollWidth > element.clientWidth")  # cut short, whole on hover
    expect(page.locator(".publication-published").first).to_be_visible()
    context.close()


def test_an_editor_adds_an_appointment_to_a_live_official_and_a_publisher_approves_it(browser, live_server, desk):  # noqa: F811
    factories.OrganizationFactory(name="SCO Secretariat", slug="sco-secretariat")
    official = factories.OfficialFactory(name="Zhang Ming", slug="zhang-ming")

    # The editor adds the position in the official's appointments, on the live official's page.
    editor = watched_page(browser, live_server.url, timeout=8000)
    sign_in(editor, "desk-editor")
    editor.goto(f"/admin/records/official/{official.pk}/change/")
    row = editor.locator("#appointments-0")
    row.locator('input[name="appointments-0-title"]').fill("Secretary-General")
    row.locator(".field-organization .select2-selection").click()
    editor.locator(".select2-dropdown .select2-search__field").fill("Secretariat")
    editor.locator(".select2-results__option", has_text="SCO Secretariat").click()
    row.locator('input[name="appointments-0-started_on"]').fill("2022-01-01")
    editor.locator('input[name="_save"]').first.click()
    editor.wait_for_url("**/admin/records/official/")
    expect(editor.locator(".messagelist")).to_contain_text("awaits review")
    assert not official.appointments.exists()
    assert editor.problems == []

    # The publisher reads it in the review and approves it.
    change = PendingChange.objects.get()
    publisher = watched_page(browser, live_server.url, timeout=8000)
    sign_in(publisher, "desk-publisher")
    publisher.goto(f"/admin/records/pendingchange/{change.pk}/change/")
    difference = publisher.locator("table.change-diff")
    expect(difference).to_contain_text("Appointment added")
    expect(difference.locator("ins")).to_have_text("Secretary-General, SCO Secretariat, 1 January 2022 – …")
    publisher.get_by_role("button", name="Approve and apply").click()
    publisher.wait_for_url("**/admin/records/pendingchange/")
    assert publisher.problems == []

    # The public page lists it.
    visitor = watched_page(browser, live_server.url, timeout=8000)
    visitor.goto("/officials/zhang-ming/")
    expect(visitor.locator("#appointments + ol")).to_contain_text("Secretary-General, SCO Secretariat")
    assert visitor.problems == []
