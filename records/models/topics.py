"""Topics: the plain taxonomy on articles and initiatives."""

from django.db import models
from django.urls import reverse

from records.validators import slug_format_validator, validate_not_reserved

from .redirects import KeepsOldSlugs


class TopicManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Topic(KeepsOldSlugs):
    """A subject such as ecology or security. Always public: no publication state."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, validators=[slug_format_validator, validate_not_reserved])
    description = models.TextField(blank=True, help_text="Plain text, one or two sentences.")
    # Timestamps let partners sync topics with `?updated_since=` like the records.
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = TopicManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "topics"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("topic-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)
