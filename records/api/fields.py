"""The one way the API shows and accepts a related record.

Out: `{"slug", "name" (or "title"), "url"}`. In: the slug as a string, or an
object with a `slug` key, so that a GET body can be sent back unchanged.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import NoReverseMatch, reverse
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS

from records.models.base import can_see, visible_records
from records.registry import label_field
from records.validators import slug_format_validator

# A list of related records in a write holds at most this many.
MAX_RELATED = 1000


def api_url(request, record):
    """The record's absolute API URL."""
    try:
        path = reverse(f"api:{record._meta.model_name}-detail", kwargs={"slug": record.slug})
    except NoReverseMatch:  # pragma: no cover - every record type has an endpoint
        return None
    return request.build_absolute_uri(path) if request is not None else path


class VisibleManyRelatedField(serializers.ManyRelatedField):
    """A list of related records that leaves out the ones the caller may not see,
    and is written in one query, at most MAX_RELATED at a time."""

    default_error_messages = {
        **serializers.ManyRelatedField.default_error_messages,
        "too_many": f"Give at most {MAX_RELATED} records.",
    }

    def to_representation(self, iterable):
        items = (self.child_relation.to_representation(value) for value in iterable)
        return [item for item in items if item is not None]

    def to_internal_value(self, data):
        if isinstance(data, str | bytes) or not hasattr(data, "__iter__") or isinstance(data, dict):
            self.fail("not_a_list", input_type=type(data).__name__)
        data = list(data)
        if not self.allow_empty and not data:
            self.fail("empty")
        if len(data) > MAX_RELATED:
            self.fail("too_many")
        return self.child_relation.records_for([self.child_relation.slug_of(item) for item in data])


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

    def get_queryset(self):
        """Records may be linked only to records the caller may see: a hidden slug
        reads as unknown."""
        request = self.context.get("request")
        return visible_records(self.model, getattr(request, "user", None))

    def slug_of(self, data):
        """The slug in `data` (a slug, or an object with a `slug` key), checked for form."""
        if isinstance(data, dict):
            data = data.get("slug")
        if not isinstance(data, str) or not data:
            self.fail("invalid")
        try:
            slug_format_validator(data)
        except DjangoValidationError:
            self.fail("does_not_exist", model=self.model._meta.verbose_name, value=data[:50])
        return data

    def records_for(self, slugs):
        """The records with these slugs, in their order, fetched in one query."""
        found = {record.slug: record for record in self.get_queryset().filter(slug__in=set(slugs))}
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            self.fail("does_not_exist", model=self.model._meta.verbose_name, value=", ".join(missing[:5])[:200])
        return list(dict.fromkeys(found[slug] for slug in slugs))

    def to_internal_value(self, data):
        return self.records_for([self.slug_of(data)])[0]

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
