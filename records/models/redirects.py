"""Old slugs of records, so that a changed slug never breaks a link."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SlugRedirect(models.Model):
    """A slug a record used to have. Its old URLs answer with a permanent redirect."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    old_slug = models.SlugField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = _("slug redirects")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "old_slug"], name="slugredirect_unique_old_slug"),
        ]

    def __str__(self):
        return f"{self.content_type.model}: {self.old_slug}"


def remember_old_slug(record, old_slug):
    """Keep `old_slug` pointing at `record` (called when its slug changes)."""
    content_type = ContentType.objects.get_for_model(record)
    SlugRedirect.objects.update_or_create(
        content_type=content_type, old_slug=old_slug, defaults={"object_id": record.pk}
    )
    # The record's own current slug must not redirect anywhere.
    SlugRedirect.objects.filter(content_type=content_type, old_slug=record.slug).delete()


def current_slug(model, old_slug):
    """The current slug of the record of `model` that used to be `old_slug`, or None."""
    redirect = (
        SlugRedirect.objects.filter(content_type=ContentType.objects.get_for_model(model), old_slug=old_slug)
        .values_list("object_id", flat=True)
        .first()
    )
    if redirect is None:
        return None
    return model._default_manager.filter(pk=redirect).values_list("slug", flat=True).first()
