"""The shared base of the six record types: identity, summary, timestamps and
the publication state that decides what the public may see."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from records.dates import PreciseDatesMixin
from records.paths import slug_path
from records.sanitize import sanitize_html
from records.validators import slug_format_validator, validate_not_reserved


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


# How a sentence names a status: "This article is a draft", "… is in review".
STATUS_PHRASES = {
    Status.DRAFT: pgettext_lazy("this record is …", "a draft"),
    Status.REVIEW: pgettext_lazy("this record is …", "in review"),
    Status.PUBLISHED: pgettext_lazy("this record is …", "published"),
    Status.ARCHIVED: pgettext_lazy("this record is …", "archived"),
}


def status_phrase(status):
    """The status as the end of "This record is …"."""
    return STATUS_PHRASES.get(status, str(status))


def published_condition(prefix="", now=None):
    """The publication rule as a Q: published, and `publish_at` empty or past.

    `prefix` applies it through a relation, e.g. "articles__" to count a
    topic's public articles.
    """
    now = now or timezone.now()
    return Q(**{f"{prefix}status": Status.PUBLISHED}) & (
        Q(**{f"{prefix}publish_at__isnull": True}) | Q(**{f"{prefix}publish_at__lte": now})
    )


class EnglishColumnsQuerySet:
    """For the models with translated fields (records/translation.py): querysets read,
    filter and order by the original (English) columns, as they did before the
    languages came. modeltranslation's rewriting of `name` to the active language's
    column (`name_ru`) is off unless a queryset asks for it (`.rewrite()`)."""

    def _post_init(self):
        self._rewrite = False
        self._populate = None


class PublishableQuerySet(EnglishColumnsQuerySet, models.QuerySet):
    """Every public surface starts from `published()`: one rule, one place."""

    def published(self, now=None):
        """Published records whose `publish_at` is empty or already past."""
        return self.filter(published_condition(now=now))

    def scheduled(self, now=None):
        """Published records waiting for their `publish_at`."""
        return self.filter(status=Status.PUBLISHED, publish_at__gt=now or timezone.now())

    def visible_to(self, user, now=None):
        """All records for users who may change this model, else the public ones (at `now`)."""
        return self if may_change(user, self.model) else self.published(now)

    def with_related(self, user=None, only=None, lists=True):
        """With the foreign keys and linked lists its page and API entry show, as
        `user` may see them (None: as the public does); `only` names the lists wanted.
        `lists=False` leaves out the linked lists (fetched as plain values instead,
        records.registry `related_values`)."""
        from records.registry import record_type

        entry = record_type(self.model)
        images = (entry.image_field,) if entry.image_field else ()
        prefetches = entry.prefetches(user, only, lists=lists)
        return self.select_related(*entry.detail_fields, *images).prefetch_related(*prefetches)


class PublishableManager(models.Manager.from_queryset(PublishableQuerySet)):
    """Looks records up by slug, their natural key in fixtures."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class PublishableRecord(PreciseDatesMixin, models.Model):
    """Fields and rules every record type shares.

    `status` is the publication state; a published record with a future
    `publish_at` is scheduled and goes live by itself when that time passes.
    `sources` are the documents the record's facts come from, shown on its
    page as numbered references.
    """

    # Name of the rich-text field sanitized on save (`body` or `description`).
    rich_text_field = "description"
    # Name of the URL pattern of the record's public page.
    detail_url_name = ""

    slug = models.SlugField(
        max_length=120,
        unique=True,
        validators=[slug_format_validator, validate_not_reserved],
        help_text=_("The record's address on the site and in the API: lowercase words joined by hyphens."),
    )
    summary = models.TextField(
        blank=True,
        help_text=_("One plain-text paragraph, shown in lists, search results and previews."),
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("Only published records appear on the site and in the public API."),
    )
    publish_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Optional. A published record with a future time here stays hidden until then."),
    )
    sources = models.ManyToManyField(
        "records.Source",
        blank=True,
        related_name="cited_by_%(class)ss",
        help_text=_("Where the facts of this record come from. Enter no fact without a source."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishableManager()

    class Meta:
        abstract = True
        indexes = [
            models.Index(fields=["status", "publish_at"], name="%(class)s_status_pub_idx"),
            models.Index(fields=["updated_at"], name="%(class)s_updated_idx"),
            # The published records' ids: counting a topic's or a record's public links reads this small
            # index, not the table.
            models.Index(
                fields=["id", "publish_at"], condition=models.Q(status="published"), name="%(class)s_public_ids_idx"
            ),
        ]

    def save(self, *args, **kwargs):
        from records.languages import english, keep_english, language_columns

        with english():
            # The rich text in every language; the original column is written from `_en`.
            for name in [self.rich_text_field, *language_columns(type(self), self.rich_text_field).values()]:
                value = getattr(self, name)
                if value is not None:
                    setattr(self, name, sanitize_html(value))
            keep_english(self)
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_path(self.detail_url_name, self.slug)

    def natural_key(self):
        return (self.slug,)

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED and (self.publish_at is None or self.publish_at <= timezone.now())

    @property
    def status_phrase(self):
        """Its status for a sentence: "This article is a draft"."""
        return status_phrase(self.status)

    @property
    def is_scheduled(self):
        return self.status == Status.PUBLISHED and self.publish_at is not None and self.publish_at > timezone.now()


def may_change(user, model):
    """Whether `user` may change records of `model` (and so see unpublished ones)."""
    opts = model._meta
    return user is not None and user.is_authenticated and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def visible_records(model, user, now=None):
    """The records of `model` that `user` may see (None: the public), at `now` (default: now)."""
    return model._default_manager.visible_to(user, now)


def can_see(user, record):
    """Whether `user` may see `record`: the one rule for every linked record shown
    on a page or in the API (None: the public)."""
    if record is None:
        return False
    return getattr(record, "is_public", True) or may_change(user, type(record))


def image_field(verbose_name, related_name, help_text):
    """A record's picture from the image library (optional; an image in use cannot be deleted)."""
    return models.ForeignKey(
        "records.Image",
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        help_text=help_text,
    )


def date_range_constraint(name, start, end):
    """A named check constraint: `end` is empty or not before `start`."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True})
        | Q(**{f"{start}__isnull": True})
        | Q(**{f"{end}__gte": models.F(start)}),
        name=name,
        violation_error_message=f"“{end}” cannot be before “{start}”.",
    )
