"""Topics: the plain taxonomy on articles and initiatives."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from records.paths import slug_path
from records.validators import slug_format_validator, validate_not_reserved

from .base import EnglishColumnsQuerySet


class TopicQuerySet(EnglishColumnsQuerySet, models.QuerySet):
    """Topics are always public: the publication rule lets every one through."""

    def published(self, now=None):
        return self

    def visible_to(self, user, now=None):
        return self

    def with_related(self, user=None, only=None, lists=True):
        from records.registry import TOPIC

        return self.prefetch_related(*TOPIC.prefetches(user, only, lists=lists))


class TopicManager(models.Manager.from_queryset(TopicQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Topic(models.Model):
    """A subject such as ecology or security. Always public: no publication state."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, validators=[slug_format_validator, validate_not_reserved])
    description = models.TextField(blank=True, help_text=_("Plain text, one or two sentences."))
    # Timestamps let partners sync topics with `?updated_since=` like the records.
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = TopicManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("topics")
        # Topics are public the moment they exist: creating, renaming and deleting one is a publisher's call.
        permissions = [("publish_topic", "Can create, rename and delete topics")]

    def __str__(self):
        return self.name

    # Name of the URL pattern of the topic's page.
    detail_url_name = "topic-detail"

    def save(self, *args, **kwargs):
        from records.languages import english, keep_english

        with english():
            keep_english(self)
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_path(self.detail_url_name, self.slug)

    def natural_key(self):
        return (self.slug,)
