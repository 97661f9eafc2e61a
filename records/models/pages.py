"""Pages of the site's own words, such as About and methodology: written by
publishers in the admin, public as soon as they are saved."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from records.sanitize import sanitize_html

ABOUT = "about"
# The public URL (pattern name) of each page the site shows.
PAGE_URLS = {ABOUT: "about"}


class Page(models.Model):
    """A page of the site itself, not a record: what SCO Records is, where its
    facts come from and how to report an error. The site shows the pages named
    in PAGE_URLS; data migrations create them, publishers edit them."""

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    body = models.TextField(
        blank=True,
        help_text=_("Paragraphs, headings, lists, links and quotations. The page's title is its heading."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    # The rich-text field sanitized on save, as on records.
    rich_text_field = "body"

    class Meta:
        ordering = ["title"]
        verbose_name_plural = _("pages")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(PAGE_URLS[self.slug]) if self.slug in PAGE_URLS else ""
