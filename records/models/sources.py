"""Sources: the documents the facts of the record come from."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from records.dates import PreciseDatesMixin, precision_field


class Source(PreciseDatesMixin, models.Model):
    """A document that supports facts in the record: an article, a declaration,
    an official page. Records list their sources; a fact with no source is not
    entered. Always shown with the record that cites it, never on its own page.
    """

    title = models.CharField(max_length=300, help_text=_("The document's title, as its publisher gives it."))
    publisher = models.CharField(
        max_length=200, blank=True, help_text=_("Who published it, e.g. “SCO Secretariat” or “Xinhua News Agency”.")
    )
    published_on = models.DateField(null=True, blank=True, help_text=_("When it was published, if known."))
    published_on_precision = precision_field("published_on")
    url = models.URLField("URL", max_length=500, blank=True, help_text=_("Where to read it, when known."))
    article = models.ForeignKey(
        "records.Article",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cited_as",
        help_text=_("The article in this record, when the source is one of them."),
    )
    note = models.CharField(
        max_length=300, blank=True, help_text=_("Optional: which part supports the facts, or how the copy was read.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        # Oldest first, undated last: the order of a record's numbered references.
        ordering = [models.F("published_on").asc(nulls_last=True), "title", "pk"]
        verbose_name_plural = _("sources")
        permissions = [("publish_source", "Can change sources that published records cite")]
        indexes = [models.Index(fields=["title"], name="source_title_idx")]

    def __str__(self):
        parts = [self.title, self.publisher]
        return ", ".join(part for part in parts if part)

    def citing_records(self):
        """The querysets of the records of each type that cite this source."""
        return [
            getattr(self, relation.get_accessor_name()).all()
            for relation in self._meta.related_objects
            if relation.many_to_many
        ]

    def is_cited_publicly(self):
        """Whether a live record cites it, so that it shows on a public page."""
        return self.pk is not None and any(records.published().exists() for records in self.citing_records())
