"""Image files: checking an upload by its content, storing it without metadata,
and making its renditions.

Only real images of four formats are accepted, whatever their name says: a
script or an HTML page renamed `.jpg` is refused, as is a file larger than
IMAGE_MAX_UPLOAD_BYTES or a picture of more than IMAGE_MAX_PIXELS. The stored
original is re-encoded (turned upright first), which drops its EXIF, XMP and
comments: camera, owner and place do not reach the public. Renditions are
IMAGE_RENDITION_WIDTHS wide (never wider than the original, whose own width
is added when it is narrower than the widest), each as WebP and as JPEG (PNG
for pictures with transparency). An animated GIF keeps its animation in the
original; its renditions show its first frame.
"""

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext, gettext_lazy
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

# Pillow format name → (file extension, rendition fallback format)
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
ACCEPTED = gettext_lazy("JPEG, PNG, WebP or GIF")
NOT_AN_IMAGE = gettext_lazy("This file is not an image we can use: upload a %(accepted)s picture.")


def megabytes(size):
    return f"{size / (1024 * 1024):.1f} MB"


def inspect(file):
    """(format, width, height) of the uploaded `file`; ValidationError if it is
    not an accepted image within the limits. Reads the header first, so a huge
    picture is refused before it is decoded."""
    size = getattr(file, "size", None)
    if size is not None and size > settings.IMAGE_MAX_UPLOAD_BYTES:
        raise ValidationError(
            gettext(
                "This file is %(size)s; an image may be at most %(limit)s. "
                "Save it smaller, or as a JPEG, and upload it again."
            ),
            code="file_too_large",
            params={"size": megabytes(size), "limit": megabytes(settings.IMAGE_MAX_UPLOAD_BYTES)},
        )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(file) as picture:
                kind, (width, height) = picture.format, picture.size
                if kind not in FORMATS:
                    message = (
                        gettext("%(kind)s images are not accepted: upload a %(accepted)s picture.")
                        if kind
                        else gettext("These images are not accepted: upload a %(accepted)s picture.")
                    )
                    raise ValidationError(
                        message, code="unsupported_format", params={"kind": kind, "accepted": ACCEPTED}
                    )
                _check_pixels(width, height)
                picture.verify()
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        _check_pixels(settings.IMAGE_MAX_PIXELS + 1, 1)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image", params={"accepted": ACCEPTED}) from None
    finally:
        file.seek(0)
    return kind, width, height


def _check_pixels(width, height):
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise ValidationError(
            gettext(
                "This picture is %(width)s × %(height)s pixels; images may have at most %(limit)s megapixels. "
                "Make it smaller and upload it again."
            ),
            code="too_many_pixels",
            params={"width": width, "height": height, "limit": f"{settings.IMAGE_MAX_PIXELS / 1_000_000:g}"},
        )


def _upright(picture):
    """The first frame, turned as its EXIF orientation says, with no metadata."""
    picture = ImageOps.exif_transpose(picture)
    picture.info = {}
    return picture


def clean_original(file):
    """(ContentFile, width, height) of `file` (already inspected), re-encoded
    in its own format without metadata, under a fresh name."""
    file.seek(0)
    with PILImage.open(file) as picture:
        kind = picture.format
        output = io.BytesIO()
        if kind == "GIF" and getattr(picture, "is_animated", False):
            # Frames and timing kept; comments and extensions dropped.
            duration, loop = picture.info.get("duration", 100), picture.info.get("loop", 0)
            picture.info = {}
            picture.save(output, "GIF", save_all=True, duration=duration, loop=loop)
            width, height = picture.size
        else:
            picture.load()
            clean = _upright(picture)
            width, height = clean.size
            _encode(clean, kind, output, quality=90)
    name = f"{uuid.uuid4().hex}.{FORMATS[kind]}"
    return ContentFile(output.getvalue(), name=name), width, height


def _has_alpha(picture):
    return picture.mode in ("RGBA", "LA", "PA") or (picture.mode == "P" and "transparency" in picture.info)


def _encode(picture, kind, output, quality):
    if kind == "JPEG":
        if picture.mode not in ("RGB", "L", "CMYK"):
            picture = picture.convert("RGB")
        picture.save(output, "JPEG", quality=quality, optimize=True, progressive=True)
    elif kind == "PNG":
        picture.save(output, "PNG", optimize=True)
    elif kind == "WEBP":
        if picture.mode not in ("RGB", "RGBA"):
            picture = picture.convert("RGBA" if _has_alpha(picture) else "RGB")
        picture.save(output, "WEBP", quality=quality, method=4)
    else:
        picture.save(output, kind)


def rendition_widths(original_width):
    """The widths to make for a picture `original_width` pixels wide."""
    widths = [width for width in settings.IMAGE_RENDITION_WIDTHS if width <= original_width]
    if original_width < max(settings.IMAGE_RENDITION_WIDTHS):
        widths.append(original_width)
    return sorted(set(widths))


def renditions_of(file):
    """[(width, height, format, ContentFile)] for the stored original `file`."""
    stem = file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    file.open("rb")
    try:
        with PILImage.open(file) as picture:
            picture.seek(0)
            picture.load()
            base = _upright(picture)
    finally:
        file.close()
    fallback = "png" if _has_alpha(base) else "jpeg"
    if base.mode not in ("RGB", "RGBA"):
        base = base.convert("RGBA" if _has_alpha(base) else "RGB")
    made = []
    for width in rendition_widths(base.width):
        height = max(1, round(base.height * width / base.width))
        resized = base if width == base.width else base.resize((width, height), PILImage.Resampling.LANCZOS)
        for kind in ("webp", fallback):
            output = io.BytesIO()
            _encode(resized, kind.upper(), output, quality=82)
            extension = "jpg" if kind == "jpeg" else kind
            made.append((width, height, kind, ContentFile(output.getvalue(), name=f"{stem}-{width}.{extension}")))
    return made
