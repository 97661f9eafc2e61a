"""The one way the API shows and accepts a related record.

Out: `{"slug", "name" (or "title"), "url"}`. In: the slug as a string, or an
object with a `slug` key, so that a GET body can be sent back unchanged.
"""

from django.urls import NoReverseMatch, reverse
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS

from records.validators import slug_format_validator


def label_field(model):
    """The field a related record is named by: `title` for summits and articles."""
    return "title" if any(field.name == "title" for field in model._meta.fields) else "name"


def can_see(user, record):
    """Whether `user` may see `record`: public records, or any for users who may change the model."""
    if getattr(record, "is_public", True):
        return True
    opts = record._meta
    return user is not None and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def api_url(request, record):
    """The record's absolute API URL."""
    try:
        path = reverse(f"api:{record._meta.model_name}-detail", kwargs={"slug": record.slug})
    except NoReverseMatch:  # pragma: no cover - every record type has an endpoint
        return None
    return request.build_absolute_uri(path) if request is not None else path


class VisibleManyRelatedField(serializers.ManyRelatedField):
    """A list of related records that leaves out the ones the caller may not see."""

    def to_representation(self, iterable):
        items = (self.child_relation.to_representation(value) for value in iterable)
        return [item for item in items if item is not None]


class RelatedRecordField(serializers.RelatedField):
    """A related record by slug (see module docstring). Hidden records read as null."""

    default_error_messages = {
        "required": "This field is required.",
        "does_not_exist": "No {model} with the slug “{value}”.",
        "invalid": "Give a slug, or an object with a “slug” key.",
    }

    def __init__(self, model=None, **kwargs):
        self._model = model
        super().__init__(**kwargs)

    @property
    def model(self):
        """The related model: given, from the queryset, or from the parent's model field."""
        if self._model is None:
            if self.queryset is not None:
                self._model = self.queryset.model
            else:
                parent_model = self.parent.Meta.model
                self._model = parent_model._meta.get_field(self.source).related_model
        return self._model

    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        for key in kwargs:
            if key in MANY_RELATION_KWARGS:
                list_kwargs[key] = kwargs[key]
        return VisibleManyRelatedField(**list_kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        if not can_see(getattr(request, "user", None), value):
            return None
        name_key = label_field(type(value))
        return {"slug": value.slug, name_key: getattr(value, name_key), "url": api_url(request, value)}

    def to_internal_value(self, data):
        if isinstance(data, dict):
            data = data.get("slug")
        if not isinstance(data, str) or not data:
            self.fail("invalid")
        try:
            slug_format_validator(data)
        except Exception:
            self.fail("does_not_exist", model=self.model._meta.verbose_name, value=data[:50])
        record = self.get_queryset().filter(slug=data).first()
        if record is None:
            self.fail("does_not_exist", model=self.model._meta.verbose_name, value=data)
        return record

    def get_choices(self, cutoff=None):
        # The browsable API's forms list slugs, not the records' long names.
        queryset = self.get_queryset()
        if queryset is None:
            return {}
        if cutoff is not None:
            queryset = queryset[:cutoff]
        return {record.slug: str(record) for record in queryset}

    def use_pk_only_optimization(self):
        return False
