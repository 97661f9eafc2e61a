"""Pictures on the pages: a record's picture and the library images of its
rich text as `<picture>` with `srcset`, `sizes`, `width`, `height` and
`alt`; in Open Graph and JSON-LD; and the media files themselves."""

import json
from html.parser import HTMLParser

import pytest

from records.models import Status
from tests import factories
from tests.pictures import upload

pytestmark = pytest.mark.django_db


def tags(html, name):
    """The attributes of every `<name>` element of `html`."""
    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == name:
                found.append(dict(attrs))

    Collector().feed(html)
    return found


def page(client, record):
    response = client.get(record.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def image():
    return factories.ImageFactory(
        alt_text="Leaders on stage in Astana",
        caption="The heads of state",
        credit="Xinhua",
        licence="Press use",
        file=upload(width=1600, height=900),
    )


def test_an_article_page_shows_its_lead_image_with_srcset_sizes_and_alt(client, image):
    article = factories.ArticleFactory(lead_image=image)
    html = page(client, article)
    [img] = tags(html, "img")
    assert img["alt"] == "Leaders on stage in Astana"
    assert (img["width"], img["height"]) == ("1280", "720")
    assert img["srcset"].count("w,") == 2 and "320w" in img["srcset"] and "1280w" in img["srcset"]
    assert img["sizes"] and img["src"].endswith("-1280.jpg")
    [source] = tags(html, "source")
    assert source["type"] == "image/webp" and ".webp 320w" in source["srcset"]
    assert "The heads of state" in html and "Xinhua · Press use" in html


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (factories.OfficialFactory, "portrait"),
        (factories.MemberStateFactory, "flag"),
        (factories.OrganizationFactory, "emblem"),
        (factories.SummitFactory, "photo"),
    ],
)
def test_every_record_type_with_a_picture_shows_it(client, image, factory, field):
    record = factory(**{field: image})
    [img] = tags(page(client, record), "img")
    assert img["alt"] == "Leaders on stage in Astana" and img["srcset"]


def test_the_picture_is_shared_in_open_graph_and_json_ld(client, image):
    article = factories.ArticleFactory(lead_image=image)
    html = page(client, article)
    meta = {tag.get("property"): tag.get("content") for tag in tags(html, "meta") if tag.get("property")}
    assert meta["og:image"].startswith("http://testserver/media/images/renditions/")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1280", "720")
    assert meta["og:image:alt"] == "Leaders on stage in Astana"
    assert 'name="twitter:card" content="summary_large_image"' in html
    data = json.loads(html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    assert data["image"]["@type"] == "ImageObject"
    assert data["image"]["url"] == meta["og:image"]
    assert data["image"]["creditText"] == "Xinhua"


def test_a_library_image_in_rich_text_is_drawn_from_the_library(client, image):
    body = f'<p>Before</p><img data-image="{image.pk}" src="/media/images/x.jpg" alt="old words"><p>After</p>'
    article = factories.ArticleFactory(body=body)
    prose = page(client, article).split('<div class="prose">', 1)[1].split("</div>", 1)[0]
    [img] = tags(prose, "img")
    assert img["alt"] == "Leaders on stage in Astana"
    assert img["srcset"] and img["sizes"] and img["width"] == "1280"
    assert "<figcaption>The heads of state" in prose


def test_an_image_that_is_not_from_the_library_never_reaches_a_page(client):
    article = factories.ArticleFactory(
        body='<p>Text</p><img src="https://tracker.example/pixel.gif" alt="x"><img src=x onerror="alert(1)">'
    )
    assert article.body == "<p>Text</p>"
    assert tags(page(client, article), "img") == []


def test_a_deleted_library_image_leaves_the_text_without_it(client, image, publisher):
    from records import services

    article = factories.ArticleFactory(body=f'<p>Text</p><img data-image="{image.pk}" alt="">')
    services.record_delete(record=image, user=publisher)
    assert tags(page(client, article), "img") == []


def test_an_unpublished_records_picture_is_not_on_any_public_page(client, image):
    factories.ArticleFactory(lead_image=image, status=Status.DRAFT, slug="secret")
    assert client.get("/articles/secret/").status_code == 404
    assert "Leaders on stage" not in client.get("/articles/").content.decode()


def test_media_files_are_served_with_a_long_cache(client, image):
    rendition = image.renditions.first()
    response = client.get(rendition.file.url)
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert b"".join(response.streaming_content)
    assert client.get("/media/images/nothing-here.jpg").status_code == 404
