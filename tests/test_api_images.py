"""Images in the API: a record's picture as `{id, url, width, height, alt,
renditions}`, written by its id; the `/images/` library with uploads."""

import pytest
from rest_framework.test import APIClient

from records.models import Image, Status
from tests import factories
from tests.pictures import HTML_AS_JPEG, PDF, picture_bytes, upload
from tests.test_api_support import token_client

pytestmark = pytest.mark.django_db

IMAGE_FIELDS = {
    "articles": "lead_image",
    "officials": "portrait",
    "member-states": "flag",
    "organizations": "emblem",
    "summits": "photo",
}
FACTORIES = {
    "articles": factories.ArticleFactory,
    "officials": factories.OfficialFactory,
    "member-states": factories.MemberStateFactory,
    "organizations": factories.OrganizationFactory,
    "summits": factories.SummitFactory,
}


@pytest.mark.parametrize("endpoint", IMAGE_FIELDS)
def test_a_record_shows_its_picture_with_its_renditions(endpoint):
    image = factories.ImageFactory(alt_text="The flag", file=upload(width=1400, height=700))
    record = FACTORIES[endpoint](**{IMAGE_FIELDS[endpoint]: image})
    body = APIClient().get(f"/api/v1/{endpoint}/{record.slug}/").json()
    picture = body[IMAGE_FIELDS[endpoint]]
    assert set(picture) == {"id", "url", "width", "height", "alt", "renditions"}
    assert picture["id"] == image.pk
    assert (picture["width"], picture["height"], picture["alt"]) == (1400, 700, "The flag")
    assert picture["url"].startswith("http://testserver/media/images/")
    assert [(r["width"], r["height"], r["format"]) for r in picture["renditions"]] == [
        (320, 160, "jpeg"),
        (320, 160, "webp"),
        (640, 320, "jpeg"),
        (640, 320, "webp"),
        (1280, 640, "jpeg"),
        (1280, 640, "webp"),
    ]
    assert all(r["url"].startswith("http://testserver/media/images/renditions/") for r in picture["renditions"])


def test_a_record_without_a_picture_shows_null():
    article = factories.ArticleFactory()
    assert APIClient().get(f"/api/v1/articles/{article.slug}/").json()["lead_image"] is None


def test_a_decorative_image_reads_with_an_empty_alt():
    image = factories.ImageFactory(alt_text="", is_decorative=True)
    article = factories.ArticleFactory(lead_image=image)
    assert APIClient().get(f"/api/v1/articles/{article.slug}/").json()["lead_image"]["alt"] == ""


@pytest.mark.parametrize("value", ["id", "object", "string"])
def test_a_picture_is_written_by_its_id(editor, value):
    image = factories.ImageFactory()
    article = factories.ArticleFactory(status=Status.DRAFT)
    given = {"id": image.pk, "object": {"id": image.pk, "url": "ignored"}, "string": str(image.pk)}[value]
    response = token_client(editor).patch(f"/api/v1/articles/{article.slug}/", {"lead_image": given}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["lead_image"]["id"] == image.pk
    article.refresh_from_db()
    assert article.lead_image == image


def test_a_get_body_sent_back_keeps_the_picture(publisher):
    image = factories.ImageFactory()
    summit = factories.SummitFactory(photo=image)
    client = token_client(publisher)
    body = client.get(f"/api/v1/summits/{summit.slug}/").json()
    body["city"] = "Tianjin"
    response = client.put(f"/api/v1/summits/{summit.slug}/", body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["photo"]["id"] == image.pk


def test_null_removes_a_picture(publisher):
    article = factories.ArticleFactory(lead_image=factories.ImageFactory())
    response = token_client(publisher).patch(f"/api/v1/articles/{article.slug}/", {"lead_image": None}, format="json")
    assert response.status_code == 200
    assert response.json()["lead_image"] is None


@pytest.mark.parametrize("given", [999999, "nine", True, [1], {"slug": "x"}, "1" * 40])
def test_an_unknown_or_malformed_image_id_is_a_400(publisher, given):
    article = factories.ArticleFactory()
    response = token_client(publisher).patch(f"/api/v1/articles/{article.slug}/", {"lead_image": given}, format="json")
    assert response.status_code == 400
    assert "lead_image" in response.json()


def test_the_api_lists_of_records_with_pictures_run_a_fixed_number_of_queries(django_assert_max_num_queries, settings):
    settings.RESPONSE_CACHE_SECONDS = 0  # count the queries of building the response
    for _ in range(3):
        factories.ArticleFactory(lead_image=factories.ImageFactory())
    with django_assert_max_num_queries(12):
        assert APIClient().get("/api/v1/articles/").status_code == 200


# --- the library ---------------------------------------------------------------------------


def test_an_editor_uploads_an_image_by_multipart(editor):
    response = token_client(editor).post(
        "/api/v1/images/",
        {"file": upload("summit.jpg", width=1000, height=500), "alt": "Delegates in the hall", "credit": "Xinhua"},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["alt"] == "Delegates in the hall"
    assert (body["width"], body["height"]) == (1000, 500)
    assert {r["width"] for r in body["renditions"]} == {320, 640, 1000}
    assert Image.objects.get().uploaded_by == editor


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HTML_AS_JPEG, "not an image we can use"),
        (PDF, "not an image we can use"),
        (picture_bytes(kind="BMP"), "BMP images are not accepted"),
    ],
    ids=["html-named-jpg", "pdf", "bmp"],
)
def test_an_upload_that_is_not_an_accepted_image_is_a_400_saying_why(editor, content, message):
    response = token_client(editor).post(
        "/api/v1/images/", {"file": upload("photo.jpg", content), "alt": "x"}, format="multipart"
    )
    assert response.status_code == 400
    assert message in response.json()["file"][0]
    assert not Image.objects.exists()


def test_an_upload_without_alt_text_is_a_400(editor):
    response = token_client(editor).post("/api/v1/images/", {"file": upload()}, format="multipart")
    assert response.status_code == 400
    assert "Say what the picture shows" in response.json()["alt"][0]


def test_anonymous_callers_may_not_upload():
    response = APIClient().post("/api/v1/images/", {"file": upload(), "alt": "x"}, format="multipart")
    assert response.status_code == 401


def test_the_public_sees_only_images_that_published_records_show():
    shown = factories.ImageFactory(alt_text="Shown")
    factories.ArticleFactory(lead_image=shown)
    factories.ArticleFactory(lead_image=factories.ImageFactory(alt_text="Draft only"), status=Status.DRAFT)
    factories.ImageFactory(alt_text="Unused")
    body = APIClient().get("/api/v1/images/").json()
    assert [image["alt"] for image in body["results"]] == ["Shown"]
    assert body["count"] == 1


def test_editors_see_the_whole_library_and_search_it(editor):
    factories.ImageFactory(alt_text="Tianjin harbour")
    factories.ImageFactory(alt_text="Astana hall")
    client = token_client(editor)
    assert client.get("/api/v1/images/").json()["count"] == 2
    assert [i["alt"] for i in client.get("/api/v1/images/", {"search": "harbour"}).json()["results"]] == [
        "Tianjin harbour"
    ]


def test_an_image_in_use_cannot_be_deleted_409(publisher):
    image = factories.ImageFactory()
    factories.ArticleFactory(lead_image=image, title="Leaders meet")
    response = token_client(publisher).delete(f"/api/v1/images/{image.pk}/")
    assert response.status_code == 409
    assert "Leaders meet" in response.json()["detail"]


def test_the_file_of_an_image_cannot_be_replaced_through_the_api(publisher):
    image = factories.ImageFactory()
    response = token_client(publisher).patch(
        f"/api/v1/images/{image.pk}/", {"file": upload("new.jpg")}, format="multipart"
    )
    assert response.status_code == 400
    assert "cannot be replaced" in response.json()["file"][0]


def test_an_editor_may_not_change_an_image_a_live_record_shows_403(editor):
    image = factories.ImageFactory()
    factories.ArticleFactory(lead_image=image)
    response = token_client(editor).patch(f"/api/v1/images/{image.pk}/", {"alt": "Changed"}, format="json")
    assert response.status_code == 403
    assert "publish permission" in response.json()["detail"]


def test_an_image_is_uploaded_as_multipart_only_and_changed_by_patch(publisher):
    client = token_client(publisher)
    as_json = client.post("/api/v1/images/", {"alt": "A hall", "file": "not a file"}, format="json")
    assert as_json.status_code == 415
    image = factories.ImageFactory()
    assert client.put(f"/api/v1/images/{image.pk}/", {"alt": "New"}, format="json").status_code == 405
    response = client.patch(f"/api/v1/images/{image.pk}/", {"alt": "The new words"}, format="json")
    assert response.status_code == 200
    assert response.json()["alt"] == "The new words"


def test_the_words_of_an_image_are_text(publisher):
    image = factories.ImageFactory(caption="As it was")
    response = token_client(publisher).patch(f"/api/v1/images/{image.pk}/", {"caption": 12}, format="json")
    assert response.status_code == 400
    assert "caption" in response.json()
    image.refresh_from_db()
    assert image.caption == "As it was"


def test_a_field_sent_twice_in_an_upload_is_a_400(publisher):
    response = token_client(publisher).post(
        "/api/v1/images/",
        {"file": upload("hall.png"), "alt": ["A hall", "Another hall"]},
        format="multipart",
    )
    assert response.status_code == 400
    assert "alt" in response.json()
    assert not Image.objects.exists()
