"""News articles that report on the SCO, with the records they mention."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from records.dates import precision_field

from .base import PublishableRecord, image_field


class Article(PublishableRecord):
    """A news article about the SCO, linked to every record it mentions.

    `source` is the outlet that wrote it (an Organization of kind media); a
    site that republished the copy we read is named apart (`republished_by`,
    `republished_on`, `republished_url`). `language` is the original's
    language, `text_language` that of the text the record was made from (an
    English translation of a Chinese original, say).
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
        help_text=_("The outlet that wrote the article; leave empty if unknown."),
    )
    authors = models.CharField(
        max_length=300, blank=True, help_text=_("As credited, e.g. “Zhang Changyue and Zhang Yuying”.")
    )
    original_url = models.URLField(
        max_length=500, blank=True, help_text=_("The article on the outlet's own site, when known.")
    )
    original_published_on = models.DateField(null=True, blank=True)
    original_published_on_precision = precision_field("original_published_on")
    language = models.CharField(
        max_length=12, default="en", help_text=_("Language code of the original, e.g. en, zh, ru.")
    )
    text_language = models.CharField(
        max_length=12,
        default="en",
        help_text=_(
            "Language code of the text this record was made from; differs from the original's for a translation."
        ),
    )
    republished_by = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The site whose copy was read, when it is not the outlet's own, e.g. “Alwihda Info”."),
    )
    republished_on = models.DateField(null=True, blank=True, help_text=_("When that site posted its copy."))
    republished_url = models.URLField(max_length=500, blank=True, help_text=_("Where that copy is."))
    lead_image = image_field(
        _("lead image"),
        "articles_led",
        _("Shown at the top of the article and when it is shared; choose one from the image library."),
    )
    body = models.TextField(
        blank=True, help_text=_("Our own account of the article; basic HTML is kept, the rest removed.")
    )
    topics = models.ManyToManyField("records.Topic", blank=True, related_name="articles")
    officials = models.ManyToManyField("records.Official", blank=True, related_name="articles")
    member_states = models.ManyToManyField("records.MemberState", blank=True, related_name="articles")
    summits = models.ManyToManyField("records.Summit", blank=True, related_name="articles")
    initiatives = models.ManyToManyField("records.Initiative", blank=True, related_name="articles")
    organizations = models.ManyToManyField("records.Organization", blank=True, related_name="articles")

    # Its history (`history`) is registered with its languages: records/translation.py.

    class Meta(PublishableRecord.Meta):
        # Newest first and undated last on every database (PostgreSQL would put NULLs first).
        ordering = [models.F("original_published_on").desc(nulls_last=True), "title"]
        verbose_name_plural = _("articles")
        permissions = [("publish_article", "Can publish articles")]
        indexes = [
            *PublishableRecord.Meta.indexes,
            models.Index(fields=["-original_published_on", "title"], name="article_published_on_idx"),
            # The list by title (`?sort=title`).
            models.Index(fields=["title"], name="article_title_idx"),
            models.Index(fields=["language"], name="article_language_idx"),
        ]

    detail_url_name = "article-detail"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if (self.republished_on or self.republished_url) and not self.republished_by:
            raise ValidationError({"republished_by": gettext("Name the site that republished the article.")})
