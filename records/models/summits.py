"""Summits and other meetings of the SCO's councils."""

from django.db import models
from simple_history.models import HistoricalRecords

from .base import PublishableRecord, date_range_constraint, image_field


class Summit(PublishableRecord):
    """A meeting of one of the SCO's councils, e.g. the 24th heads-of-state summit in Astana."""

    class Council(models.TextChoices):
        HEADS_OF_STATE = "heads_of_state", "Council of Heads of State"
        HEADS_OF_GOVERNMENT = "heads_of_government", "Council of Heads of Government"
        FOREIGN_MINISTERS = "foreign_ministers", "Council of Foreign Ministers"
        OTHER = "other", "Other meeting"

    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        VIDEO = "video", "Video conference"
        HYBRID = "hybrid", "Hybrid"

    title = models.CharField(max_length=200)
    number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Ordinal of the meeting in its council's series, e.g. 24."
    )
    council = models.CharField(max_length=20, choices=Council.choices, default=Council.HEADS_OF_STATE)
    organization = models.ForeignKey(
        "records.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="summits"
    )
    city = models.CharField(max_length=100, blank=True)
    host_state = models.ForeignKey(
        "records.MemberState", on_delete=models.PROTECT, null=True, blank=True, related_name="summits_hosted"
    )
    chair_state = models.ForeignKey(
        "records.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="summits_chaired",
        help_text="The state holding the rotating chairmanship at the time.",
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="Leave empty for a one-day meeting.")
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    participants = models.ManyToManyField("records.Official", blank=True, related_name="summits")
    photo = image_field("photo", "photo_of", "A photo of the meeting from the image library.")
    description = models.TextField(blank=True, help_text="What was discussed and decided; basic HTML is kept.")

    history = HistoricalRecords(m2m_fields=[participants])

    class Meta(PublishableRecord.Meta):
        ordering = ["-starts_on", "title"]
        verbose_name_plural = "summits"
        permissions = [("publish_summit", "Can publish summits")]
        constraints = [date_range_constraint("summit_ends_on_after_starts_on", "starts_on", "ends_on")]
        indexes = [
            *PublishableRecord.Meta.indexes,
            models.Index(fields=["-starts_on", "title"], name="summit_starts_idx"),
            models.Index(fields=["council", "-starts_on"], name="summit_council_idx"),
            models.Index(fields=["format"], name="summit_format_idx"),
        ]

    detail_url_name = "summit-detail"

    def __str__(self):
        return self.title

    @property
    def last_day(self):
        return self.ends_on or self.starts_on
