"""The one way the API shows and accepts a related record, and a date with
its precision.

Related record out: `{"slug", "name" (or "title"), "url"}`. In: the slug as a
string, or an object with a `slug` key, so that a GET body can be sent back
unchanged. Dates known only to the month or year: `PreciseDateField`.
"""

from collections.abc import Mapping

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import NoReverseMatch
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS

from records.dates import ISO_PATTERN, DatePrecision, PreciseDate, precise_date_fields
from records.languages import column, other_languages, translated_fields
from records.models.base import can_see, visible_records
from records.paths import slug_path_parts
from records.registry import label_field
from records.validators import slug_format_validator

# A list of related records in a write holds at most this many.
MAX_RELATED = 1000


# The attribute where a record's linked lists wait as plain values (records.api.representation).
RELATED_VALUES = "_related_values"


def related_values_of(record):
    values = getattr(record, RELATED_VALUES, None)
    if values is None:
        raise LookupError(f"The linked lists of {record!r} were not fetched (attach_related_values).")
    return values


class ListCountField(serializers.IntegerField):
    """The number of records in a list of articles (`source`): counted with the list as plain values
    (`attach_detail_values`), or of the records prefetched for it."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, records):
        return len(records.all())


class UrlFormat:
    """The absolute URLs of one kind of page, made once per request from a path
    reversed once per process: `url(slug)` is the prefix, the slug and the suffix
    (the same string `reverse()` gives)."""

    def __init__(self, request, view_name):
        prefix, self.suffix = slug_path_parts(view_name)
        self.prefix = request.build_absolute_uri(prefix) if request is not None else prefix

    def url(self, slug):
        return f"{self.prefix}{slug}{self.suffix}"


def url_format(request, view_name):
    """The UrlFormat of `view_name`, kept on the request (None without one: not kept)."""
    if request is None:
        return UrlFormat(None, view_name)
    formats = request.__dict__.setdefault("_url_formats", {})
    if view_name not in formats:
        formats[view_name] = UrlFormat(request, view_name)
    return formats[view_name]


def api_url_format(request, model):
    return url_format(request, f"api:{model._meta.model_name}-detail")


def api_url(request, record):
    """The record's absolute API URL."""
    try:
        return api_url_format(request, type(record)).url(record.slug)
    except NoReverseMatch:  # pragma: no cover - every record type has an endpoint
        return None


class VisibleManyRelatedField(serializers.ManyRelatedField):
    """A list of related records that leaves out the ones the caller may not see,
    and is written in one query, at most MAX_RELATED at a time."""

    default_error_messages = {
        **serializers.ManyRelatedField.default_error_messages,
        "too_many": format_lazy(_("Give at most {count} records."), count=MAX_RELATED),
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
        "required": _("This field is required."),
        "does_not_exist": _("No {model} with the slug “{value}”."),
        "invalid": _("Give a slug, or an object with a “slug” key."),
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

    def values_representation(self, items, request):
        """A list of `(slug, label)` pairs fetched as plain values (records.registry
        `related_values`, already limited to what the caller may see)."""
        name_key = label_field(self.model)
        urls = api_url_format(request, self.model)
        prefix, suffix = urls.prefix, urls.suffix
        return [{"slug": slug, name_key: label, "url": f"{prefix}{slug}{suffix}"} for slug, label in items]

    def get_queryset(self):
        """Records may be linked only to records the caller may see: a hidden slug
        reads as unknown."""
        request = self.context.get("request")
        return visible_records(self.model, getattr(request, "user", None))

    def run_validation(self, data=serializers.empty):
        """In JSON, `null` removes a link and `""` is no slug (DRF would read it as null); forms keep `""`."""
        request = self.context.get("request")
        if data == "" and request is not None and request.content_type.startswith("application/json"):
            self.fail("invalid")
        return super().run_validation(data)

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


@extend_schema_field(
    {
        "type": "string",
        "pattern": ISO_PATTERN,
        "description": "ISO 8601 at the date's precision: `2024-07-04` (day), `2024-07` (month) or `2024` (year).",
        "example": "2019",
    }
)
class PreciseDateField(serializers.Field):
    """A date known to the day, the month or the year (records.dates).

    Out: `"2024-07-04"`, `"2024-07"` or `"2024"`; the companion
    `<name>_precision` field says which. In: the same forms, which set the
    date and its precision together.
    """

    default_error_messages = {"invalid": "{message}"}

    def __init__(self, date_field, **kwargs):
        self.date_field = date_field
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, instance):
        value = PreciseDate.of(instance, self.date_field)
        return value.isoformat() if value is not None else None

    def run_validation(self, data=serializers.empty):
        if data is None and self.allow_null:
            return {self.date_field: None, f"{self.date_field}_precision": DatePrecision.DAY}
        return super().run_validation(data)

    def to_internal_value(self, data):
        try:
            value = PreciseDate.parse(data)
        except ValueError as error:
            self.fail("invalid", message=str(error))
        return {self.date_field: value.start, f"{self.date_field}_precision": value.precision}


class PreciseDatesMixin:
    """ModelSerializers whose dates have a precision (records.dates): each such
    date is a PreciseDateField and its `<name>_precision` is read-only."""

    def build_standard_field(self, field_name, model_field):
        precise = precise_date_fields(self.Meta.model)
        if field_name in precise:
            kwargs = {"date_field": field_name, "help_text": model_field.help_text or None}
            if model_field.null:
                kwargs.update(required=False, allow_null=True)
            return PreciseDateField, kwargs
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if field_name in precise.values():
            kwargs["read_only"] = True
            kwargs["help_text"] = f"How precisely `{model_field.date_field}` is known: day, month or year."
            for key in ("required", "allow_blank", "max_length", "validators", "default"):
                kwargs.pop(key, None)
        return field_class, kwargs


class StrictTextMixin:
    """Text fields take strings only (DRF alone would store the number `12` as "12"), and a form
    body names each field once."""

    def to_internal_value(self, data):
        if hasattr(data, "getlist"):
            # A form body (multipart): a field sent twice has no single value to keep.
            repeated = {name: [gettext("Send this field once.")] for name in self.fields if len(data.getlist(name)) > 1}
            if repeated:
                raise serializers.ValidationError(repeated)
        if isinstance(data, Mapping):
            errors = {
                name: [gettext("Give text (a JSON string).")]
                for name, field in self.fields.items()
                if isinstance(field, serializers.CharField)
                and not field.read_only
                and data.get(name) is not None
                and not isinstance(data.get(name), str)
            }
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


TRANSLATIONS = "translations"


class TranslationsField(serializers.Field):
    """A record's translated fields in every language: `{"ru": {"name": "…", "summary": null}, …}`.

    Read with `?fields=translations` (a record's default representation gives its
    fields in one language: `?lang=` or Accept-Language). Written the same way: the
    languages and fields given are set, those left out keep their values, `null` or
    `""` empties one. English is the record's own fields (`name`), not a translation.
    """

    def __init__(self, **kwargs):
        kwargs.update(source="*", required=False)
        super().__init__(**kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.translated = translated_fields(parent.Meta.model)

    def to_representation(self, record):
        return {
            code: {name: getattr(record, column(name, code)) or None for name in self.translated}
            for code in other_languages()
        }

    def to_internal_value(self, data):
        if not isinstance(data, Mapping):
            raise serializers.ValidationError(f"Give an object of languages ({', '.join(other_languages())}).")
        errors, values = {}, {}
        for code, fields in data.items():
            if code not in other_languages():
                errors[str(code)[:20]] = [f"Not a translation: choose from {', '.join(other_languages())}."]
                continue
            if not isinstance(fields, Mapping):
                errors[code] = ["Give an object of translated fields."]
                continue
            for name, value in fields.items():
                key = f"{code}.{str(name)[:40]}"
                if name not in self.translated:
                    errors[key] = [f"Not a translated field: choose from {', '.join(self.translated)}."]
                elif value is not None and not isinstance(value, str):
                    errors[key] = ["Give text (a JSON string) or null."]
                elif value is not None and "\x00" in value:
                    errors[key] = ["Null characters are not allowed."]
                else:
                    values[column(name, code)] = (value or "").strip()
        if errors:
            raise serializers.ValidationError(errors)
        return values
