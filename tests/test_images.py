"""The image library: uploads are checked by their content, stored without
metadata, given their renditions once, and written by the roles' rules."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from records import services
from records.models import Image, ImageRendition, Status
from records.workflow import WorkflowDenied
from tests import factories
from tests.pictures import HTML_AS_JPEG, PDF, SCRIPT_AS_JPEG, picture_bytes, upload

pytestmark = pytest.mark.django_db


def create(file, user=None, **fields):
    fields.setdefault("alt_text", "Leaders on stage")
    return services.record_create(record=Image(file=file, **fields), user=user)


def refusal(file, **fields):
    with pytest.raises(ValidationError) as refused:
        create(file, **fields)
    return " ".join(refused.value.message_dict["file"])


def stored(image):
    with default_storage.open(image.file.name) as file:
        return PILImage.open(io.BytesIO(file.read()))


# --- what is refused, and why -------------------------------------------------------


@pytest.mark.parametrize("content", [HTML_AS_JPEG, SCRIPT_AS_JPEG, PDF, b""], ids=["html", "script", "pdf", "empty"])
def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(content):
    assert "not an image we can use" in refusal(upload("photo.jpg", content))
    assert not Image.objects.exists()


def test_an_image_of_another_format_is_refused_by_name():
    assert "BMP images are not accepted" in refusal(upload("photo.jpg", picture_bytes(kind="BMP")))


def test_a_file_larger_than_the_limit_is_refused_with_both_sizes(settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 200_000
    message = refusal(upload("big.png", picture_bytes(600, 600, kind="PNG", noise=True)))
    assert "This file is 1.0 MB; an image may be at most 0.2 MB." in message


def test_a_picture_with_too_many_pixels_is_refused_before_it_is_decoded(settings):
    settings.IMAGE_MAX_PIXELS = 1_000_000
    message = refusal(upload("huge.jpg", width=1600, height=1000))
    assert "1600 × 1000 pixels" in message
    assert "at most 1 megapixels" in message


def test_alt_text_is_required_unless_the_image_is_decorative():
    with pytest.raises(ValidationError) as refused:
        create(upload(), alt_text="")
    assert "alt_text" in refused.value.message_dict
    decorative = create(upload(), alt_text="", is_decorative=True)
    assert decorative.alt == ""


# --- what is stored ----------------------------------------------------------------------


def test_the_stored_original_has_no_metadata_and_a_fresh_name():
    image = create(upload("IMG_0001 family holiday.jpg", width=900, height=600, exif=True))
    assert dict(stored(image).getexif()) == {}
    assert "family" not in image.file.name
    assert image.file.name.startswith("images/") and image.file.name.endswith(".jpg")
    assert (image.width, image.height) == (900, 600)


def test_a_png_named_jpg_is_stored_as_a_png():
    image = create(upload("logo.jpg", picture_bytes(400, 400, kind="PNG", alpha=True)))
    assert image.file.name.endswith(".png")
    assert stored(image).format == "PNG"


def test_an_animated_gif_keeps_its_frames():
    image = create(upload("moving.gif", picture_bytes(200, 100, kind="GIF", frames=3)))
    assert stored(image).n_frames == 3


def test_an_editor_upload_records_who_uploaded_it(editor):
    image = create(upload(), user=editor)
    assert image.uploaded_by == editor


# --- renditions ---------------------------------------------------------------------------


def sizes(image):
    return sorted((r.width, r.height, r.format) for r in image.renditions.all())


def test_renditions_are_320_640_and_1280_wide_in_webp_and_jpeg():
    image = create(upload(width=2000, height=1000))
    assert sizes(image) == [
        (320, 160, "jpeg"),
        (320, 160, "webp"),
        (640, 320, "jpeg"),
        (640, 320, "webp"),
        (1280, 640, "jpeg"),
        (1280, 640, "webp"),
    ]
    for rendition in image.renditions.all():
        with default_storage.open(rendition.file.name) as file:
            picture = PILImage.open(io.BytesIO(file.read()))
        assert picture.size == (rendition.width, rendition.height)
        assert picture.format == {"webp": "WEBP", "jpeg": "JPEG"}[rendition.format]


def test_a_narrow_picture_is_never_enlarged_and_keeps_its_own_width():
    image = create(upload(width=500, height=250))
    assert sorted({(w, h) for w, h, _ in sizes(image)}) == [(320, 160), (500, 250)]


def test_a_picture_with_transparency_falls_back_to_png():
    image = create(upload("flag.png", picture_bytes(700, 350, kind="PNG", alpha=True)))
    assert {kind for _, _, kind in sizes(image)} == {"webp", "png"}


def test_renditions_are_made_once_not_again_when_the_image_is_edited(publisher):
    image = create(upload(width=1400, height=700))
    made = list(ImageRendition.objects.values_list("pk", "file"))
    services.record_update(record=image, fields={"alt_text": "Another description", "caption": "New"}, user=publisher)
    assert list(ImageRendition.objects.values_list("pk", "file")) == made
    assert len(made) == 6


def test_the_file_of_an_image_cannot_be_replaced(publisher):
    image = create(upload())
    with pytest.raises(ValidationError) as refused:
        services.record_update(record=image, fields={"file": upload("other.jpg")}, user=publisher)
    assert "cannot be replaced" in str(refused.value)


def test_deleting_an_image_removes_its_files(publisher, django_capture_on_commit_callbacks):
    image = create(upload())
    names = [image.file.name, *(r.file.name for r in image.renditions.all())]
    with django_capture_on_commit_callbacks(execute=True):
        services.record_delete(record=image, user=publisher)
    assert not any(default_storage.exists(name) for name in names)


# --- who may write --------------------------------------------------------------------------


def test_an_editor_may_change_an_image_no_live_record_shows(editor):
    image = create(upload(), user=editor)
    factories.ArticleFactory(lead_image=image, status=Status.DRAFT)
    services.record_update(record=image, fields={"caption": "Fixed caption"}, user=editor)
    assert Image.objects.get().caption == "Fixed caption"


def test_an_editor_may_not_change_an_image_a_published_record_shows(editor, publisher):
    image = create(upload(), user=editor)
    factories.ArticleFactory(lead_image=image, title="Leaders meet")
    with pytest.raises(WorkflowDenied) as denied:
        services.record_update(record=image, fields={"alt_text": "Changed"}, user=editor)
    assert "article “Leaders meet”" in str(denied.value)
    services.record_update(record=image, fields={"alt_text": "Changed"}, user=publisher)
    assert Image.objects.get().alt_text == "Changed"


def test_an_image_shown_in_the_rich_text_of_a_live_record_counts_as_in_use(editor):
    image = create(upload(), user=editor)
    factories.SummitFactory(description=f'<p>Before</p><img data-image="{image.pk}" alt="x"><p>After</p>')
    with pytest.raises(WorkflowDenied):
        services.record_update(record=image, fields={"alt_text": "Changed"}, user=editor)


def test_changing_an_image_marks_the_records_that_show_it_as_changed(publisher):
    image = create(upload())
    article = factories.ArticleFactory(lead_image=image)
    before = article.updated_at
    services.record_update(record=image, fields={"credit": "Another agency"}, user=publisher)
    article.refresh_from_db()
    assert article.updated_at > before
