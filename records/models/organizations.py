"""Organizations: the SCO itself, its permanent bodies, governments, media."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from records.dates import precision_field

from .base import PublishableRecord, image_field


class Organization(PublishableRecord):
    """Any body the record refers to.

    The SCO and its permanent bodies (Secretariat, RATS) sit here, and so do
    ministries, research centres and the media outlets that are article sources.
    """

    class Kind(models.TextChoices):
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organization")
        PERMANENT_BODY = "permanent_body", _("Permanent body")
        GOVERNMENT_BODY = "government_body", _("Government body")
        RESEARCH = "research", _("Research institution")
        MEDIA = "media", _("Media outlet")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True, help_text=_("Acronym, e.g. SCO, RATS, UN."))
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The organization this one belongs to, e.g. the SCO for its Secretariat."),
    )
    founded_on = models.DateField(null=True, blank=True)
    founded_on_precision = precision_field("founded_on")
    headquarters = models.CharField(max_length=200, blank=True)
    website = models.URLField(blank=True)
    emblem = image_field(_("emblem"), "emblem_of", _("The organization's emblem or logo from the image library."))
    description = models.TextField(blank=True, help_text=_("Longer description; basic HTML is kept, the rest removed."))

    # Its history (`history`) is registered with its languages: records/translation.py.

    class Meta(PublishableRecord.Meta):
        ordering = ["name"]
        verbose_name_plural = _("organizations")
        permissions = [("publish_organization", "Can publish organizations")]
        indexes = [
            *PublishableRecord.Meta.indexes,
            models.Index(fields=["kind"], name="organization_kind_idx"),
            models.Index(fields=["name"], name="organization_name_idx"),
        ]

    detail_url_name = "organization-detail"

    def __str__(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name
