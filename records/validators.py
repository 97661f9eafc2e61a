"""Validators shared by the record models, the admin and the API."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

slug_format_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    _("Use lowercase ASCII letters and digits, words joined by single hyphens (e.g. 2024-astana-heads-of-state)."),
    code="invalid_slug",
)

# Words that are routes under a record type's URL prefix, or may become one.
RESERVED_SLUGS = frozenset({"feed", "calendar", "calendar-ics", "new", "add", "edit", "delete", "search"})


def validate_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(
            gettext("“%(value)s” is a reserved word in the site's URLs; choose another slug."),
            code="reserved_slug",
            params={"value": value},
        )


iso_code_validator = RegexValidator(
    r"^[A-Z]{3}$",
    _("Enter an ISO 3166-1 alpha-3 code: three capital letters (e.g. KAZ)."),
    code="invalid_iso_code",
)


def validate_image_upload(value):
    """A new upload must be an accepted image within the limits (records.images);
    a file already stored was checked when it was uploaded."""
    if getattr(value, "_committed", True):
        return
    from records.images import inspect

    inspect(value.file)
