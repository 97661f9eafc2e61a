"""The image library: photos, portraits, flags and emblems the records show.

An image is not a publishable record. Editors may upload one at any time; it
reaches the public only when a published record shows it (as its lead image,
portrait, flag, emblem or photo, or inside its rich text). Once a live record
shows an image, changing its text (alt, caption, credit) changes a live page,
which needs a publish permission (records.workflow).

The uploaded file is checked by its content and stored re-encoded, without
its metadata; its renditions are made once, when it is uploaded, by the
write service (records.services, records.images).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from records.validators import validate_image_upload


def original_path(image, filename):
    """Where an upload is stored: a fresh name, the extension of its real format."""
    return f"images/{filename}"


def rendition_path(rendition, filename):
    return f"images/renditions/{filename}"


class ImageQuerySet(models.QuerySet):
    def with_renditions(self):
        return self.prefetch_related("renditions")

    def visible_to(self, user):
        """All images for users who may change them; for others, the images a
        public record shows through one of its image fields."""
        from .base import may_change, published_condition

        if may_change(user, self.model):
            return self
        shown = Q()
        for relation in self.model._meta.related_objects:
            owner = relation.related_model
            if hasattr(owner, "is_public") and relation.one_to_many:
                shown |= Q(**{f"{relation.name}__in": owner._default_manager.filter(published_condition())})
        return self.filter(shown).distinct() if shown else self.none()


class Image(models.Model):
    """One picture of the library, with the words that go with it.

    `alt_text` says what the picture shows, for people who cannot see it; a
    picture that adds nothing to the text around it is marked decorative
    instead (and read as `alt=""`).
    """

    # A change of any field changes how records that show the image read.
    shown_whole = True

    file = models.ImageField(
        upload_to=original_path,
        max_length=200,
        validators=[validate_image_upload],
        help_text=_(
            "A JPEG, PNG, WebP or GIF. It is stored without its metadata (camera, place); "
            "smaller copies for phones and screens are made once, when you upload it. The file cannot be "
            "replaced later: upload a new image instead."
        ),
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the picture shows, in a sentence, for readers who cannot see it "
            "(e.g. “Leaders of the SCO member states on stage in Astana”). Required unless the image is decorative."
        ),
    )
    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Tick only if the picture adds nothing the text does not already say; screen readers skip it."),
    )
    caption = models.CharField(max_length=500, blank=True, help_text=_("Shown under the picture."))
    credit = models.CharField(max_length=200, blank=True, help_text=_("Who took or made it, e.g. “Xinhua / Li Ming”."))
    licence = models.CharField(
        max_length=200, blank=True, help_text=_("Under which terms we show it, e.g. “CC BY 4.0” or “Press use”.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("publish_image", "Can change images that published records show")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(alt_text="") | Q(is_decorative=True),
                name="image_alt_text_or_decorative",
                violation_error_message=_("Give the alt text, or mark the image as decorative."),
            ),
        ]
        indexes = [models.Index(fields=["-created_at"], name="image_created_idx")]

    def __str__(self):
        label = self.alt_text or self.caption or gettext("Decorative image")
        return f"{label[:80]} (#{self.pk})" if self.pk else label[:80]

    def get_absolute_url(self):
        return reverse("api:image-detail", kwargs={"pk": self.pk})

    def clean(self):
        if not self.alt_text.strip() and not self.is_decorative:
            raise ValidationError(
                {
                    "alt_text": gettext(
                        "Say what the picture shows, or tick “decorative” if it adds nothing to the text."
                    )
                }
            )

    @property
    def alt(self):
        """The `alt` attribute: empty for a decorative image."""
        return "" if self.is_decorative else self.alt_text

    def shown_by_public_records(self, limit=5):
        """Up to `limit` public records that show this image, through an image
        field or in their rich text."""
        from records.languages import language_columns
        from records.sanitize import IMAGE_ATTRIBUTE

        from .base import PublishableRecord

        found = []
        for relation in self._meta.related_objects:
            owner = relation.related_model
            if issubclass(owner, PublishableRecord) and relation.one_to_many:
                found += owner._default_manager.published().filter(**{relation.field.name: self.pk})[:limit]
        marker = f'{IMAGE_ATTRIBUTE}="{self.pk}"'
        for model in PublishableRecord.__subclasses__():
            # In the rich text of any language.
            texts = [model.rich_text_field, *language_columns(model, model.rich_text_field).values()]
            shown = Q()
            for text in texts:
                shown |= Q(**{f"{text}__contains": marker})
            found += model._default_manager.published().filter(shown)[:limit]
        return found[:limit]

    def sorted_renditions(self):
        """Renditions from the prefetch (no query when prefetched), narrowest first."""
        return sorted(self.renditions.all(), key=lambda r: (r.width, r.format))


class ImageRendition(models.Model):
    """A smaller copy of an image, in one width and one format (WebP, or JPEG/PNG
    for browsers without WebP). Made once, when the image is uploaded."""

    class Format(models.TextChoices):
        WEBP = "webp", _("WebP")
        JPEG = "jpeg", _("JPEG")
        PNG = "png", _("PNG")

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    file = models.FileField(upload_to=rendition_path, max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    format = models.CharField(max_length=4, choices=Format.choices)

    class Meta:
        ordering = ["image", "width", "format"]
        verbose_name = _("image rendition")
        verbose_name_plural = _("image renditions")
        constraints = [
            models.UniqueConstraint(fields=["image", "width", "format"], name="imagerendition_unique_size_format"),
        ]

    def __str__(self):
        return f"{self.image_id} at {self.width}px ({self.format})"

    @property
    def mime_type(self):
        return f"image/{self.format}"
