"""The image library in the API.

A record shows its picture as `{"id", "url", "width", "height", "alt",
"renditions": [{"url", "width", "height", "format"}]}` and takes one by its
id (a number, or an object with an `id` key, so a GET body can be sent back;
`null` removes it). `/api/v1/images/` lists the library and takes uploads
(multipart `file`, with `alt` or `decorative`), with the permissions of
records: anonymous callers and tokens without `change_image` see only the
images that published records show.
"""

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import filters, serializers, status, viewsets
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import DjangoModelPermissionsOrAnonReadOnly
from rest_framework.response import Response

from records import services
from records.models import Image

from .backends import check_query_params
from .fields import StrictTextMixin
from .pagination import RecordPagination
from .parsers import BoundedJSONParser
from .schema import RecordAutoSchema


class ImageAutoSchema(RecordAutoSchema):
    """The error responses of records; no `fields` selection or conditional requests."""

    def get_override_parameters(self):
        return list(super(RecordAutoSchema, self).get_override_parameters())


def absolute(request, url):
    return request.build_absolute_uri(url) if request is not None else url


class RenditionSerializer(serializers.Serializer):
    url = serializers.SerializerMethodField(help_text="The rendition's file.")
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    format = serializers.CharField(help_text="`webp`, `jpeg` or `png`.")

    def get_url(self, rendition) -> str:
        return absolute(self.context.get("request"), rendition.file.url)


class ImageSummarySerializer(serializers.Serializer):
    """An image as a record shows it."""

    id = serializers.IntegerField(
        read_only=True, help_text="The image's id in the library: send it back to keep the image."
    )
    url = serializers.SerializerMethodField(help_text="The original file (stored without its metadata).")
    width = serializers.IntegerField(read_only=True)
    height = serializers.IntegerField(read_only=True)
    alt = serializers.CharField(read_only=True, help_text="The alt text; empty for a decorative image.")
    renditions = serializers.SerializerMethodField(help_text="Smaller copies, narrowest first: WebP and JPEG/PNG.")

    def get_url(self, image) -> str:
        return absolute(self.context.get("request"), image.file.url)

    @extend_schema_field(RenditionSerializer(many=True))
    def get_renditions(self, image):
        return RenditionSerializer(image.sorted_renditions(), many=True, context=self.context).data


class ImageRefField(serializers.RelatedField):
    """A record's picture: shown whole, written by its id."""

    default_error_messages = {
        "does_not_exist": _("No image with the id {value} in the library."),
        "invalid": _("Give an image id (a number), or an object with an “id” key."),
    }

    def __init__(self, **kwargs):
        kwargs.pop("queryset", None)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return Image.objects.visible_to(getattr(request, "user", None))

    def to_representation(self, image):
        return ImageSummarySerializer(image, context=self.context).data

    def to_internal_value(self, data):
        if isinstance(data, dict):
            data = data.get("id")
        if isinstance(data, bool) or not isinstance(data, int | str) or not str(data).isdigit():
            self.fail("invalid")
        if len(str(data)) > 12:
            self.fail("does_not_exist", value=str(data)[:12])
        image = self.get_queryset().filter(pk=int(data)).first()
        if image is None:
            self.fail("does_not_exist", value=int(data))
        return image

    def use_pk_only_optimization(self):
        return False

    def get_choices(self, cutoff=None):
        return {}


class ImageRefFieldExtension(OpenApiSerializerFieldExtension):
    """A record's picture: the image out; its id (or `{"id": ...}`, or null) in."""

    target_class = ImageRefField

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            image_id = {
                **build_basic_type(OpenApiTypes.INT),
                "minimum": 1,
                "description": "The id of an image in the library.",
            }
            return {
                "oneOf": [image_id, {"type": "object", "properties": {"id": image_id}, "required": ["id"]}],
                "nullable": True,
            }
        component = auto_schema.resolve_serializer(ImageSummarySerializer, direction)
        return {"allOf": [component.ref], "nullable": True}


@extend_schema_field({"type": "string", "format": "binary", "minLength": 1})
class PictureFileField(serializers.FileField):
    """An uploaded picture: some bytes, at least."""


class ImageSerializer(StrictTextMixin, ImageSummarySerializer, serializers.ModelSerializer):
    """An image of the library, with the words that go with it; created by upload."""

    file = PictureFileField(
        write_only=True,
        help_text="The picture: a JPEG, PNG, WebP or GIF (multipart upload). It cannot be replaced later.",
    )
    alt = serializers.CharField(
        source="alt_text",
        required=False,
        allow_blank=True,
        max_length=300,
        help_text="What the picture shows, for readers who cannot see it. Required unless `decorative`; "
        "read back empty for a decorative image.",
    )
    decorative = serializers.BooleanField(source="is_decorative", required=False, default=False)

    class Meta:
        model = Image
        fields = (
            "id",
            "url",
            "width",
            "height",
            "alt",
            "decorative",
            "caption",
            "credit",
            "licence",
            "renditions",
            "file",
            "created_at",
            "updated_at",
        )
        read_only_fields = ("id", "width", "height", "created_at", "updated_at")

    def to_representation(self, image):
        data = super().to_representation(image)
        data["alt"] = image.alt
        return data

    def validate(self, attrs):
        if self.instance is not None and "file" in attrs:
            raise serializers.ValidationError(
                {"file": [gettext("The file of an image cannot be replaced: upload a new image.")]}
            )
        alt = attrs.get("alt_text", getattr(self.instance, "alt_text", ""))
        decorative = attrs.get("is_decorative", getattr(self.instance, "is_decorative", False))
        if not alt.strip() and not decorative:
            raise serializers.ValidationError(
                {"alt": [gettext("Say what the picture shows, or set “decorative” if it adds nothing to the text.")]}
            )
        return attrs

    def create(self, validated_data):
        return services.record_create(record=Image(**validated_data), user=self._user())

    def update(self, instance, validated_data):
        return services.record_update(record=instance, fields=validated_data, user=self._user())

    def _user(self):
        request = self.context.get("request")
        return request.user if request is not None else None


class ImageWordsSerializer(ImageSerializer):
    """The words of a stored image: its file stays as uploaded."""

    class Meta(ImageSerializer.Meta):
        fields = tuple(name for name in ImageSerializer.Meta.fields if name != "file")

    def validate(self, attrs):
        if "file" in self.initial_data:
            raise serializers.ValidationError(
                {"file": [gettext("The file of an image cannot be replaced: upload a new image.")]}
            )
        return super().validate(attrs)


@extend_schema_view(
    create=extend_schema(request={"multipart/form-data": ImageSerializer}),
    partial_update=extend_schema(
        request={"application/json": ImageWordsSerializer, "multipart/form-data": ImageWordsSerializer},
        responses=ImageSerializer,
    ),
)
class ImageViewSet(viewsets.ModelViewSet):
    """The image library: list, upload (multipart), change the words of, and delete images."""

    serializer_class = ImageSerializer
    permission_classes = [DjangoModelPermissionsOrAnonReadOnly]
    pagination_class = RecordPagination
    parser_classes = [MultiPartParser, BoundedJSONParser]
    filter_backends = [filters.SearchFilter]
    search_fields = ["alt_text", "caption", "credit"]
    schema = ImageAutoSchema()
    queryset = Image.objects.all()
    # An image's file is never replaced, so there is no whole-image PUT: PATCH changes its words.
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_query_params(request)

    def get_parsers(self):
        """Uploads are multipart; the words of a stored image come as JSON or multipart."""
        if self.request is not None and self.request.method == "POST":
            return [MultiPartParser()]
        return super().get_parsers()

    def get_serializer_class(self):
        return ImageWordsSerializer if self.action == "partial_update" else ImageSerializer

    def get_queryset(self):
        return Image.objects.visible_to(self.request.user).with_renditions().order_by("-created_at", "-pk")

    def create(self, request, *args, **kwargs):
        with transaction.atomic():
            return super().create(request, *args, **kwargs)

    def update(self, request, *args, **kwargs):
        with transaction.atomic():
            return super().update(request, *args, **kwargs)

    def perform_update(self, serializer):
        serializer.save()
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    def perform_create(self, serializer):
        serializer.save()
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            services.record_delete(record=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
