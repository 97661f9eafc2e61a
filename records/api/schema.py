"""OpenAPI 3 documentation of the API (drf-spectacular).

Adds what the views do beyond plain DRF: the `fields` parameter, conditional
request headers, the error responses, the related-record shape, and the
patterns the shared FilterSets accept.
"""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, OpenApiTypes, extend_schema_field
from rest_framework import permissions, serializers

from records import filters
from records.languages import other_languages, translated_fields
from records.middleware import LANG_VALUES
from records.registry import label_field
from records.validators import RESERVED_SLUGS

from .backends import SLUG_LIST_PATTERN

SLUG_LIST_SCHEMA = {
    "type": "string",
    "pattern": SLUG_LIST_PATTERN,
    "description": "One slug or several, comma-separated.",
}
extend_schema_field(SLUG_LIST_SCHEMA)(filters.SlugListFilter)
extend_schema_field({"type": "string", "maxLength": 12})(filters.LanguageFilter)
extend_schema_field({"type": "integer", "minimum": 1900, "maximum": 2100})(filters.YearFilter)
extend_schema_field(OpenApiTypes.BOOL)(filters.OfficialFilterSet.filter_current)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, for a person to read.")


FIELD_ERRORS = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description="Invalid input or query parameter: field name (or `non_field_errors`, `detail`) → messages.",
)


def error(description):
    return OpenApiResponse(response=ErrorSerializer, description=description)


ERRORS = {
    "202": OpenApiResponse(
        response={"$ref": "#/components/schemas/Change"},
        description="An editor's change to a live record is held for review: `Location` is the pending change.",
    ),
    "301": error("The slug is an old one: `Location` has the record's current URL."),
    "304": OpenApiResponse(description="Not modified: `If-None-Match` names the current ETag."),
    "308": error("The slug is an old one: repeat the request at `Location`."),
    "400": FIELD_ERRORS,
    "401": error("Writing needs a token: `Authorization: Token <key>`."),
    "403": error("The token's user lacks the permission, or the workflow forbids the change (the reason is given)."),
    "404": error("No such record visible to the caller, or no such page."),
    "409": error("A conflict: the record is still referenced by others, or a change to approve is stale."),
    "412": error("`If-Match` does not name the record's current ETag; nothing was changed."),
    "429": error("Too many requests: wait the number of seconds in `Retry-After`."),
}
ERRORS_BY_ACTION = {
    "list": ("304", "400", "404", "429"),
    "retrieve": ("301", "304", "400", "404", "429"),
    "create": ("400", "401", "403", "429"),
    "update": ("202", "308", "400", "401", "403", "404", "412", "429"),
    "partial_update": ("202", "308", "400", "401", "403", "404", "412", "429"),
    "destroy": ("308", "400", "401", "403", "404", "409", "412", "429"),
}

IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="An ETag from an earlier response: 304 when it is still current.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag you last read: 412 (and no change) when the record has changed since.",
)

DOWNLOAD = OpenApiParameter(
    "download",
    {"type": "string", "enum": ["csv", "json"]},
    OpenApiParameter.QUERY,
    description=(
        "Every matching record as a file (CSV or a JSON array), not one page: the same filters, `search`, "
        "`ordering` and `fields`; paging parameters are ignored."
    ),
)


class RecordAutoSchema(AutoSchema):
    def get_auth(self):
        """Reads need no token: say so, as drf-spectacular does for `IsAuthenticatedOrReadOnly`."""
        auths = super().get_auth()
        anonymous_reads = any(
            isinstance(permission, permissions.DjangoModelPermissionsOrAnonReadOnly)
            for permission in self.view.get_permissions()
        )
        if anonymous_reads and self.method in permissions.SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        action = getattr(self.view, "action", None)
        if action in ("list", "retrieve"):
            serializer_class = self.view.get_serializer_class()
            in_lists = getattr(serializer_class, "list_field_names", serializer_class.field_names)
            names = list(in_lists() if action == "list" else serializer_class.field_names())
            if action == "list" and "translations" in serializer_class.field_names():
                names.append("translations")  # left out unless asked for, in lists too
            parameters += [
                OpenApiParameter(
                    "lang",
                    {"type": "string", "enum": sorted(LANG_VALUES)},
                    OpenApiParameter.QUERY,
                    description=(
                        "The language of the translated fields: en, ru or zh (zh-hans); without it, "
                        "Accept-Language, else English. English stands in for a missing translation."
                    ),
                ),
                OpenApiParameter(
                    "fields",
                    {"type": "array", "items": {"type": "string", "enum": names}},
                    OpenApiParameter.QUERY,
                    style="form",
                    explode=False,
                    description="Comma-separated top-level fields to return (others are left out).",
                ),
                IF_NONE_MATCH,
            ]
            if action == "list" and self.offers_download():
                parameters.append(DOWNLOAD)
        elif action in ("update", "partial_update", "destroy"):
            parameters.append(IF_MATCH)
        return parameters

    def offers_download(self):
        return callable(getattr(self.view, "download", None))

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        action = getattr(self.view, "action", None)
        for code in ERRORS_BY_ACTION.get(action, ()):
            responses.setdefault(code, self._get_response_for_code(ERRORS[code], code, direction=direction))
        if action == "list" and self.offers_download():
            self.add_download_bodies(responses.get("200"), direction)
        return responses

    def add_download_bodies(self, ok, direction):
        """With `download`, a list's 200 is every matching record: a JSON array or a CSV file."""
        content = (ok or {}).get("content", {})
        if "application/json" not in content:
            return
        item = self.resolve_serializer(self.get_response_serializers(), direction).ref
        page = content["application/json"]["schema"]
        content["application/json"]["schema"] = {
            "oneOf": [
                page,
                {"type": "array", "items": item, "description": "With `download=json`: every matching record."},
            ]
        }
        content["text/csv"] = {
            "schema": {
                "type": "string",
                "description": "With `download=csv`: a header row, then every matching record, one row each.",
            }
        }

    def _get_response_headers_for_code(self, status_code, direction="response"):
        headers = super()._get_response_headers_for_code(status_code, direction)
        if str(status_code) == "200" and self.method == "GET":
            headers["ETag"] = {"schema": {"type": "string"}, "description": "Hash of the response content."}
        if str(status_code) == "200" and getattr(self.view, "action", None) == "list" and self.offers_download():
            headers["Content-Disposition"] = {
                "schema": {"type": "string"},
                "description": 'With `download`: `attachment; filename="<list>.csv"` (or `.json`).',
            }
        if str(status_code) in ("301", "308"):
            headers["Location"] = {"schema": {"type": "string", "format": "uri"}}
        if str(status_code) == "429":
            headers["Retry-After"] = {"schema": {"type": "integer"}, "description": "Seconds to wait."}
        return headers


class RelatedRecordFieldExtension(OpenApiSerializerFieldExtension):
    """Related records: `{slug, name|title, url}` out; a slug or `{"slug": ...}` in."""

    target_class = "records.api.fields.RelatedRecordField"

    def map_serializer_field(self, auto_schema, direction):
        model = self.target.model
        name_key = label_field(model)
        label = model._meta.verbose_name
        if direction == "request":
            slug = {"type": "string", "minLength": 1, "description": f"The slug of the {label}."}
            return {
                "oneOf": [
                    slug,
                    {"type": "object", "properties": {"slug": slug}, "required": ["slug"]},
                ]
            }
        return {
            "type": "object",
            "description": f"A related {label}.",
            "properties": {
                "slug": {"type": "string"},
                name_key: {"type": "string"},
                "url": {"type": "string", "format": "uri"},
            },
            "required": ["slug", name_key, "url"],
        }


class TranslationsFieldExtension(OpenApiSerializerFieldExtension):
    """A record's translations: an object per language of its translated fields."""

    target_class = "records.api.fields.TranslationsField"

    def map_serializer_field(self, auto_schema, direction):
        model = self.target.parent.Meta.model
        fields = {}
        for name in translated_fields(model):
            field = model._meta.get_field(name)
            text = {"type": "string", "nullable": True}
            if field.max_length:
                text["maxLength"] = field.max_length
            fields[name] = text
        language = {"type": "object", "properties": fields, "additionalProperties": False}
        return {
            "type": "object",
            "description": (
                "The translated fields in each language (English is the record's own fields). Given with "
                "`?fields=translations`; in a write, the languages and fields given are set, `null` empties one."
            ),
            "properties": dict.fromkeys(other_languages(), language),
            "additionalProperties": False,
        }


RECORD_COMPONENTS = {"Organization", "MemberState", "Summit", "Official", "Initiative", "Article", "Topic"}


def fields_parameter_hook(result, generator, request, public):
    """Record responses may leave fields out (`?fields=`): none is listed as required."""
    for name, schema in result.get("components", {}).get("schemas", {}).items():
        if name in RECORD_COMPONENTS:
            schema.pop("required", None)
    return result


def empty_query_values_hook(result, generator, request, public):
    """An optional query parameter sent empty (`?status=`, as a blank form field sends it) is ignored."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else ():
                if parameter.get("in") == "query" and not parameter.get("required"):
                    parameter["allowEmptyValue"] = True
    return result


def text_without_nul_hook(result, generator, request, public):
    """Text may hold any character but NUL (which PostgreSQL cannot store): say so for bodies and queries."""

    def visit(schema):
        if not isinstance(schema, dict):
            return
        if schema.get("type") == "string" and not {"format", "enum", "pattern"} & set(schema):
            # Text is read with surrounding white space trimmed, so text that may not be blank needs a
            # character that is not white space.
            blank = schema.get("minLength", 0) == 0
            schema["pattern"] = "^[^\\u0000]*$" if blank else "^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$"
        for key in ("properties",):
            for child in schema.get(key, {}).values():
                visit(child)
        for key in ("items",):
            visit(schema.get(key))
        for key in ("oneOf", "anyOf", "allOf"):
            for child in schema.get(key, []):
                visit(child)

    # Uploads are multipart: there every part is text already, and a NUL in it a 400 all the same.
    multipart = {
        content["multipart/form-data"]["schema"].get("$ref", "").rsplit("/", 1)[-1]
        for path in result.get("paths", {}).values()
        for operation in path.values()
        if isinstance(operation, dict)
        for content in [operation.get("requestBody", {}).get("content", {})]
        if "multipart/form-data" in content and "application/json" not in content
    }
    for name, schema in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and name not in multipart:
            visit(schema)
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else ():
                if parameter.get("in") == "query":
                    visit(parameter.get("schema"))
    return result


def reserved_slugs_hook(result, generator, request, public):
    """A record's slug is never one of the words the site's URLs use (`feed`, `search`, …)."""
    reserved = "|".join(sorted(RESERVED_SLUGS))
    for name, schema in result.get("components", {}).get("schemas", {}).items():
        slug = schema.get("properties", {}).get("slug") if name.endswith("Request") else None
        if slug and slug.get("pattern", "").startswith("^[a-z0-9]"):
            slug["pattern"] = f"^(?!({reserved})$){slug['pattern'][1:]}"
    return result
