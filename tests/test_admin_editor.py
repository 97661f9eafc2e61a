"""The editor's desk in the admin: the rich-text editor (its assets served by
us, no import map or inline script), the warning when a save removes markup,
and the image library's uploads refused with a reason."""

import re

import pytest
from django.contrib.messages import get_messages
from django.test import override_settings
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions

from records.admin.editor import CUSTOM_EXTENSION_HTML, EDITOR_EXTENSIONS
from records.models import Image, Status
from records.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, removals
from tests import factories
from tests.pictures import HTML_AS_JPEG, PDF, picture_bytes, upload

pytestmark = pytest.mark.django_db


def article_form(article, **changes):
    data = {
        "title": article.title,
        "slug": article.slug,
        "language": "en",
        "text_language": "en",
        "summary": article.summary,
        "body": article.body,
        "status": article.status,
        "loaded_version": str(article.history.order_by("-history_id").first().history_id),
    }
    return {**data, **changes}


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_body_is_edited_with_the_prose_editor_served_by_us(admin_client_logged_in):
    article = factories.ArticleFactory(status=Status.DRAFT)
    html = admin_client_logged_in.get(reverse("admin:records_article_change", args=[article.pk])).content.decode()
    assert "data-django-prose-editor-configurable" in html
    assert re.search(r'<script src="/static/records/admin/rich_text.js" type="module"></script>', html)
    assert "/static/django_prose_editor/editor.css" in html
    assert 'type="importmap"' not in html
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", html)
    assert inline_scripts == []


def test_the_editor_offers_only_what_the_sanitizer_keeps():
    with override_settings(DJANGO_PROSE_EDITOR_EXTENSIONS=[{"js": [], "extensions": CUSTOM_EXTENSION_HTML}]):
        offered = allowlist_from_extensions(EDITOR_EXTENSIONS)
    assert offered["tags"] <= ALLOWED_TAGS, offered["tags"] - ALLOWED_TAGS
    written_by_the_sanitizer = {"a": {"rel"}}
    for tag, attributes in offered["attributes"].items():
        kept = ALLOWED_ATTRIBUTES.get(tag, set()) | written_by_the_sanitizer.get(tag, set())
        assert set(attributes) <= kept, (tag, attributes)
    assert {"h2", "h3", "h4", "p", "ul", "ol", "li", "a", "strong", "em", "blockquote", "table", "img"} <= offered[
        "tags"
    ]


def test_the_editor_module_and_its_package_assets_are_served(client):
    for path in (
        "/static/records/admin/rich_text.js",
        "/static/django_prose_editor/editor.js",
        "/static/django_prose_editor/editor.css",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
    module = b"".join(client.get("/static/records/admin/rich_text.js").streaming_content).decode()
    assert 'from "../../django_prose_editor/editor.js"' in module
    assert "injectCSS: false" in module


@pytest.mark.parametrize(
    ("html", "said"),
    [
        (
            '<p onclick="steal()">Hi</p><script>alert(1)</script>',
            "a <script> element and an onclick attribute were removed",
        ),
        ('<p style="color:red">Hi</p>', "a style attribute was removed"),
        ('<p class="MsoNormal"><span lang="EN-GB">A</span><span>B</span></p>', "2 <span> elements, a class attribute"),
        ('<p>Fine <a href="https://sco.example/">link</a></p>', ""),
        ('<img src="https://tracker.example/p.gif" alt="">', "an <img> element"),
    ],
)
def test_removals_name_what_the_sanitizer_took_out(html, said):
    if said:
        assert said in removals(html)
    else:
        assert removals(html) == ""


def test_saving_removed_markup_warns_the_editor_naming_it(client, editor):
    article = factories.ArticleFactory(status=Status.DRAFT)
    client.force_login(editor)
    body = '<h2>Heading</h2><p onclick="steal()">Text</p><script>alert(1)</script>'
    response = client.post(reverse("admin:records_article_change", args=[article.pk]), article_form(article, body=body))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == "<h2>Heading</h2><p>Text</p>"
    [warning] = [m for m in messages_of(response) if "removed" in m]
    assert "Body: a <script> element and an onclick attribute were removed when saving." in warning


def test_a_clean_save_gives_no_warning(client, editor):
    article = factories.ArticleFactory(status=Status.DRAFT)
    client.force_login(editor)
    body = '<h2>Heading</h2><p>Text with <a href="https://sco.example/">a link</a>.</p>'
    response = client.post(reverse("admin:records_article_change", args=[article.pk]), article_form(article, body=body))
    assert response.status_code == 302
    assert not [m for m in messages_of(response) if "removed" in m]


def test_an_editor_chooses_a_lead_image_from_the_library(client, editor):
    image = factories.ImageFactory(alt_text="Delegates")
    article = factories.ArticleFactory(status=Status.DRAFT)
    client.force_login(editor)
    url = reverse("admin:records_article_change", args=[article.pk])
    response = client.post(url, article_form(article, lead_image=image.pk))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.lead_image == image


# --- the image library in the admin ---------------------------------------------------------


def add_image(client, file, **fields):
    data = {"file": file, "alt_text": "A picture", "caption": "", "credit": "", "licence": "", **fields}
    return client.post(reverse("admin:records_image_add"), data)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HTML_AS_JPEG, "This file is not an image we can use"),
        (PDF, "This file is not an image we can use"),
        (picture_bytes(kind="TIFF"), "TIFF images are not accepted"),
    ],
    ids=["html-named-jpg", "pdf", "tiff"],
)
def test_an_editor_uploading_a_bad_file_sees_why_it_was_refused(client, editor, content, message):
    client.force_login(editor)
    response = add_image(client, upload("photo.jpg", content))
    assert response.status_code == 200
    assert message in " ".join(response.context["adminform"].form.errors["file"])
    assert not Image.objects.exists()


def test_a_too_large_upload_is_refused_in_the_admin(client, editor, settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 100_000
    client.force_login(editor)
    response = add_image(client, upload("big.png", picture_bytes(400, 400, kind="PNG", noise=True)))
    assert "an image may be at most 0.1 MB" in " ".join(response.context["adminform"].form.errors["file"])


def test_an_editor_uploads_an_image_and_finds_it_in_the_library(client, editor):
    client.force_login(editor)
    response = add_image(client, upload("hall.jpg", width=900, height=600), alt_text="The summit hall")
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.renditions.count() == 6  # 320, 640 and 900 wide
    listing = client.get(reverse("admin:records_image_changelist")).content.decode()
    assert "The summit hall" in listing
    change = client.get(reverse("admin:records_image_change", args=[image.pk])).content.decode()
    assert 'name="file"' not in change  # kept as uploaded


def test_an_editor_cannot_change_the_words_of_an_image_a_live_page_shows(client, editor):
    image = factories.ImageFactory()
    factories.ArticleFactory(lead_image=image, title="Live article")
    client.force_login(editor)
    response = client.post(
        reverse("admin:records_image_change", args=[image.pk]),
        {"alt_text": "Changed", "caption": "", "credit": "", "licence": ""},
    )
    assert response.status_code == 200
    assert "needs the publish permission" in str(response.context["adminform"].form.non_field_errors())
