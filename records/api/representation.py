"""The read side of the record serializers, without DRF's per-field machinery.

DRF asks every field of every record for its attribute and then for its
representation, through several layers of generic code. For a list of 100
articles that is thousands of calls, most of them for a string that only
needs copying. `readers()` decides once per serializer, field by field, how
to read a value — plain values copied, URLs built from a prefix reversed once
per request (fields.UrlFormat), linked lists from plain `(slug, label)` pairs
(records.registry `related_values`) — and hands anything else to the field
itself, exactly as DRF would. The output is the same, byte for byte
(tests/test_api_representation.py compares them).
"""

import copy

from rest_framework import ISO_8601, serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.settings import api_settings

from records.models.base import can_see, may_change
from records.registry import CAPPED_LIST_SIZE, label_field

from .fields import (
    RELATED_VALUES,
    TRANSLATIONS,
    ListCountField,
    RelatedRecordField,
    VisibleManyRelatedField,
    api_url_format,
    related_values_of,
    url_format,
)

# DRF fields whose representation of a model's value is the value itself.
COPIED = (
    serializers.CharField,
    serializers.SlugField,
    serializers.URLField,
    serializers.EmailField,
    serializers.ChoiceField,
    serializers.BooleanField,
    serializers.IntegerField,
)
SKIP = object()


def readers(serializer, selected=()):
    """[(key, function(record) -> value or SKIP)] for the serializer's readable fields
    (those in `selected`, when given).

    The fields are built once per serializer class (`prototype_fields`, a dozen
    milliseconds for an article); a field read in DRF's own way is copied and
    bound to this serializer, so that it sees this request.
    """
    request = serializer.context.get("request")
    user = getattr(request, "user", None)
    result = []
    for name, prototype in prototype_fields(type(serializer)):
        if selected and name not in selected:
            continue
        if not selected and name == TRANSLATIONS:
            continue  # given when asked for (`?fields=translations`)
        fast = reader(prototype, request, user)
        if fast is None and isinstance(prototype, serializers.ListSerializer):
            fast = prefetched_list(bound(prototype, serializer))
        result.append((name, fast or generic(bound(prototype, serializer))))
    return result


def bound(prototype, serializer):
    """A copy of the prototype field that belongs to `serializer` (and so sees its context)."""
    field = copy.deepcopy(prototype)
    field.bind(prototype.field_name, serializer)
    return field


_PROTOTYPES = {}


def prototype_fields(serializer_class):
    """[(name, field)] of the readable fields of `serializer_class`, built once."""
    if serializer_class not in _PROTOTYPES:
        prototype = serializer_class(context={})
        _PROTOTYPES[serializer_class] = [(field.field_name, field) for field in prototype._readable_fields]
    return _PROTOTYPES[serializer_class]


def reader(field, request, user):
    """A fast reader of `field`, or None when only the field itself can read it."""
    if isinstance(field, serializers.HyperlinkedIdentityField) and field.lookup_field == "slug":
        return slug_url(url_format(request, field.view_name))
    if getattr(field, "page_url", False):
        return page_url(field, request)
    if isinstance(field, ListCountField):
        return list_count(field)
    if isinstance(field, VisibleManyRelatedField) and isinstance(field.child_relation, RelatedRecordField):
        return related_list(field, request)
    if isinstance(field, RelatedRecordField):
        return related_record(field, request, user)
    plain = not field.source_attrs[1:] and field.source != "*"
    if type(field) in COPIED and plain:
        return copied(field.source)
    if type(field) is serializers.DateTimeField and plain:
        return date_time(field)
    return None


def slug_url(urls):
    prefix, suffix = urls.prefix, urls.suffix
    return lambda record: f"{prefix}{record.slug}{suffix}"


def page_url(field, request):
    formats = {}

    def read(record):
        model = type(record)
        if model not in formats:
            formats[model] = url_format(request, model.detail_url_name)
        return formats[model].url(record.slug)

    return read


def related_list(field, request):
    name = field.field_name
    child = field.child_relation

    def read(record):
        values = related_values_of(record)
        if name not in values:
            raise LookupError(f"The {name} of {record!r} were not fetched (attach_related_values).")
        return child.values_representation(values[name], request)

    return read


def list_count(field):
    name = field.field_name
    return lambda record: related_values_of(record)[name]


def related_record(field, request, user):
    source = field.source
    if field.source_attrs[1:] or source == "*":
        return None
    model = field.model
    label = label_field(model)
    urls = api_url_format(request, model)
    prefix, suffix = urls.prefix, urls.suffix
    sees_all = may_change(user, model)

    def read(record):
        value = getattr(record, source)
        if value is None:
            return None
        if not (sees_all or can_see(None, value)):
            return None
        return {"slug": value.slug, label: getattr(value, label), "url": f"{prefix}{value.slug}{suffix}"}

    return read


def prefetched_list(field):
    """A nested list (sources, appointments…) read from the records prefetched for it,
    without a related manager and a queryset per record."""
    source = field.source
    if field.source_attrs[1:] or source == "*":
        return None
    fallback = generic(field)

    def read(record):
        records = getattr(record, RELATED_VALUES, {}).get(source)
        if records is None:
            records = getattr(record, "_prefetched_objects_cache", {}).get(source)
        if records is None:
            return fallback(record)
        return field.to_representation(records)

    return read


def copied(attribute):
    return lambda record: getattr(record, attribute)


def date_time(field):
    """DRF's DateTimeField output (ISO 8601, "Z" for UTC) with the time zone looked up once."""
    attribute = field.source
    zone = field.timezone if hasattr(field, "timezone") else field.default_timezone()
    iso = getattr(field, "format", api_settings.DATETIME_FORMAT)
    if zone is None or iso is None or iso.lower() != ISO_8601:
        return None

    def read(record):
        value = getattr(record, attribute)
        if not value:
            return None
        if isinstance(value, str) or value.tzinfo is None:
            return field.to_representation(value)
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return read


def generic(field):
    """What DRF's Serializer.to_representation does for one field."""

    def read(record):
        try:
            attribute = field.get_attribute(record)
        except SkipField:
            return SKIP
        check_for_none = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
        return None if check_for_none is None else field.to_representation(attribute)

    return read


def attach_related_values(records, entry, user, only=None):
    """Fetch the linked lists of `records` (one query per list) and keep them on each record."""
    records = list(records)
    lists = entry.related_values(records, user, only)
    for record in records:
        setattr(record, RELATED_VALUES, lists[record.pk])
    return records


def attach_detail_values(record, entry, user, only=None):
    """Fetch the linked lists of one record for its own endpoint and keep them on it: every list in
    full but the lists of articles, which give their first CAPPED_LIST_SIZE and, as `<list>_count`,
    their number (one statement whatever their length)."""
    wanted = None if only is None else {*only, *(name.removesuffix("_count") for name in only)}
    names = [item.name for item in entry.related if wanted is None or item.name in wanted]
    limits = {name: CAPPED_LIST_SIZE for name in entry.capped_lists if name in names}
    wanted = [*names, "sources"] if only is None or "sources" in only else names
    values = entry.related_page_values(record, user, only=wanted, limits=limits)
    lists = {name: [(slug, label) for slug, label, *_ in values[name][1]] for name in names}
    lists.update({f"{name}_count": values[name][0] for name in limits})
    if "sources" in values:
        lists["sources"] = values["sources"]
    setattr(record, RELATED_VALUES, lists)
    return record
