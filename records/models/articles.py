"""News articles that report on the SCO, with the records they mention."""

from django.db import models
from simple_history.models import HistoricalRecords

from .base import PublishableRecord, image_field


class Article(PublishableRecord):
    """A news article about the SCO, linked to every record it mentions.

    `source` is the outlet that wrote it (an Organization of kind media), not a
    site that republished it.
    """

    rich_text_field = "body"

    title = models.CharField(max_length=300)
    source = models.ForeignKey(
        "records.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles_published",
        limit_choices_to={"kind": "media"},
        help_text="The outlet that wrote the article; leave empty if unknown.",
    )
    authors = models.CharField(
        max_length=300, blank=True, help_text="As credited, e.g. “Zhang Changyue and Zhang Yuying”."
    )
    original_url = models.URLField(max_length=500, blank=True)
    original_published_on = models.DateField(null=True, blank=True)
    language = models.CharField(
        max_length=12, default="en", help_text="Language code of the original, e.g. en, zh, ru."
    )
    lead_image = image_field(
        "lead image",
        "articles_led",
        "Shown at the top of the article and when it is shared; choose one from the image library.",
    )
    body = models.TextField(
        blank=True, help_text="Our own account of the article; basic HTML is kept, the rest removed."
    )
    topics = models.ManyToManyField("records.Topic", blank=True, related_name="articles")
    officials = models.ManyToManyField("records.Official", blank=True, related_name="articles")
    member_states = models.ManyToManyField("records.MemberState", blank=True, related_name="articles")
    summits = models.ManyToManyField("records.Summit", blank=True, related_name="articles")
    initiatives = models.ManyToManyField("records.Initiative", blank=True, related_name="articles")
    organizations = models.ManyToManyField("records.Organization", blank=True, related_name="articles")

    history = HistoricalRecords(m2m_fields=[topics, officials, member_states, summits, initiatives, organizations])

    class Meta(PublishableRecord.Meta):
        # Newest first and undated last on every database (PostgreSQL would put NULLs first).
        ordering = [models.F("original_published_on").desc(nulls_last=True), "title"]
        verbose_name_plural = "articles"
        permissions = [("publish_article", "Can publish articles")]
        indexes = [
            *PublishableRecord.Meta.indexes,
            models.Index(fields=["-original_published_on", "title"], name="article_published_on_idx"),
            models.Index(fields=["language"], name="article_language_idx"),
        ]

    detail_url_name = "article-detail"

    def __str__(self):
        return self.title
